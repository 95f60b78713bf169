import { describe, expect, it } from "vitest";
import {
  assertReferencesFit,
  buildProviderRequest,
  GENERATION_MODES,
  InvalidParameterValueError,
  parametersFor,
  resolveParameters,
  SEED_MODELS,
  TooManyReferencesError,
} from "../../../src/domain/catalog/index.js";
import { parameterSpecsSchema, usdPricingProblems, usdPricingSchema } from "../../../src/domain/catalog/catalog-model.js";
import { seedModel } from "./catalog-fixtures.js";

const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://cdn.example/ref-${i}.png`);

describe("resolveParameters", () => {
  it("drops parameters the model does not take, and fills explicit defaults", () => {
    const nanoPro = seedModel("nano-banana-pro");
    expect(resolveParameters(nanoPro, "text_to_image", { size: "1024*1024", quality: "high", aspect_ratio: "16:9" })).toEqual({
      aspect_ratio: "16:9",
      resolution: "1k",
    });
    // Seedream's explicit default; nano-banana's aspect ratio is omitted so the provider decides.
    expect(resolveParameters(seedModel("seedream-v4"), "edit", {})).toEqual({ size: "2048*2048" });
    expect(resolveParameters(seedModel("nano-banana"), "edit", {})).toEqual({});
    // null (as stored JSON may hold) means "default" too.
    expect(resolveParameters(seedModel("gpt-image-1.5"), "edit", { quality: null, size: null })).toEqual({ quality: "medium" });
  });

  it("applies input_fidelity only to edits", () => {
    const gpt = seedModel("gpt-image-1.5");
    expect(resolveParameters(gpt, "text_to_image", { input_fidelity: "high" })).toEqual({ quality: "medium" });
    expect(resolveParameters(gpt, "edit", { input_fidelity: "high" })).toEqual({ quality: "medium", input_fidelity: "high" });
    expect(parametersFor(gpt, "text_to_image").map((p) => p.name)).toEqual(["size", "quality"]);
    expect(parametersFor(gpt, "edit").map((p) => p.name)).toEqual(["size", "quality", "input_fidelity"]);
  });

  it("refuses a value the model does not allow instead of changing it", () => {
    const attempt = () => resolveParameters(seedModel("nano-banana"), "text_to_image", { aspect_ratio: "1:4" });
    expect(attempt).toThrow(InvalidParameterValueError);
    expect(attempt).toThrow(expect.objectContaining({ modelKey: "nano-banana", parameter: "aspect_ratio", value: "1:4" }));
    // The same ratio is fine on a model that has it.
    expect(resolveParameters(seedModel("nano-banana-2"), "text_to_image", { aspect_ratio: "1:4" })).toMatchObject({ aspect_ratio: "1:4" });
    expect(() => resolveParameters(seedModel("seedream-v4"), "edit", { size: 2048 })).toThrow(InvalidParameterValueError);
    expect(() => resolveParameters(seedModel("gpt-image-1.5"), "edit", { input_fidelity: "medium" })).toThrow(InvalidParameterValueError);
  });

  it("does not read inherited properties as choices", () => {
    const requested = Object.create({ quality: "low" }) as Record<string, unknown>;
    expect(resolveParameters(seedModel("gpt-image-1.5"), "text_to_image", requested)).toEqual({ quality: "medium" });
  });
});

describe("buildProviderRequest", () => {
  it("sends the mode's model id, the prompt, the parameters and every reference as images", () => {
    const qwen = seedModel("qwen-image");
    const params = resolveParameters(qwen, "edit", { size: "1536*1536" });
    expect(buildProviderRequest(qwen, "edit", { prompt: "a cat", params, imageUrls: urls(3) })).toEqual({
      modelId: "wavespeed-ai/qwen-image/edit-plus",
      input: { prompt: "a cat", size: "1536*1536", images: urls(3) },
    });
    const gpt = seedModel("gpt-image-1.5");
    expect(buildProviderRequest(gpt, "text_to_image", { prompt: "a dog", params: resolveParameters(gpt, "text_to_image", {}) })).toEqual({
      modelId: "openai/gpt-image-1.5/text-to-image",
      input: { prompt: "a dog", quality: "medium" },
    });
  });

  it("refuses more references than the model takes instead of dropping any", () => {
    const qwen = seedModel("qwen-image");
    const params = resolveParameters(qwen, "edit", {});
    expect(() => buildProviderRequest(qwen, "edit", { prompt: "x", params, imageUrls: urls(4) })).toThrow(TooManyReferencesError);
    expect(() => assertReferencesFit(qwen, 4)).toThrow(expect.objectContaining({ modelKey: "qwen-image", maxReferences: 3, given: 4 }));
    expect(() => assertReferencesFit(qwen, 3)).not.toThrow();
    const nanoPro = seedModel("nano-banana-pro");
    const proParams = resolveParameters(nanoPro, "edit", {});
    const fourteen = buildProviderRequest(nanoPro, "edit", { prompt: "x", params: proParams, imageUrls: urls(14) });
    expect(fourteen.input["images"]).toHaveLength(14);
    const fifteen = () => buildProviderRequest(nanoPro, "edit", { prompt: "x", params: proParams, imageUrls: urls(15) });
    expect(fifteen).toThrow(TooManyReferencesError);
  });

  it("refuses calls that do not fit the mode or the model: caller bugs, not user errors", () => {
    const gpt = seedModel("gpt-image-1.5");
    const editParams = resolveParameters(gpt, "edit", { input_fidelity: "high" });
    expect(() => buildProviderRequest(gpt, "text_to_image", { prompt: "x", params: editParams })).toThrow(RangeError);
    expect(() => buildProviderRequest(gpt, "edit", { prompt: "x", params: editParams })).toThrow(RangeError);
    const t2iParams = resolveParameters(gpt, "text_to_image", {});
    expect(() => buildProviderRequest(gpt, "text_to_image", { prompt: "x", params: t2iParams, imageUrls: urls(1) })).toThrow(RangeError);
    // Parameters resolved for gpt-image are not valid for seedream.
    const seedream = seedModel("seedream-v4");
    expect(() => buildProviderRequest(seedream, "text_to_image", { prompt: "x", params: t2iParams })).toThrow(RangeError);
  });
});

describe("seed catalog", () => {
  it("is valid: parameters, USD tables, unique keys, both provider ids", () => {
    expect(new Set(SEED_MODELS.map((m) => m.key)).size).toBe(SEED_MODELS.length);
    for (const model of SEED_MODELS) {
      expect(parameterSpecsSchema.safeParse(model.parameters).success, model.key).toBe(true);
      expect(usdPricingSchema.safeParse(model.usdPricing).success, model.key).toBe(true);
      expect(usdPricingProblems(model.parameters, model.usdPricing), model.key).toEqual([]);
      for (const mode of GENERATION_MODES) expect(model.providerModelIds[mode]).toMatch(/^[a-z0-9-]+\/[a-z0-9.-]+/);
    }
  });

  it("enables the original five in the original order and keeps the newer ones disabled", () => {
    const ordered = [...SEED_MODELS].sort((a, b) => a.sortOrder - b.sortOrder);
    expect(ordered.filter((m) => m.enabled).map((m) => m.key)).toEqual([
      "seedream-v4",
      "nano-banana",
      "nano-banana-pro",
      "gpt-image-1.5",
      "qwen-image",
    ]);
    expect(ordered.filter((m) => !m.enabled).map((m) => m.key)).toEqual(["nano-banana-2", "seedream-v4.5"]);
  });

  it("has the reference's limits and options", () => {
    expect(Object.fromEntries(SEED_MODELS.map((m) => [m.key, m.maxReferences]))).toEqual({
      "seedream-v4": 10,
      "nano-banana": 10,
      "nano-banana-pro": 14,
      "gpt-image-1.5": 10,
      "qwen-image": 3,
      "nano-banana-2": 14,
      "seedream-v4.5": 10,
    });
    expect(seedModel("nano-banana-2").parameters[0]?.values).toHaveLength(14);
    expect(seedModel("nano-banana").parameters[0]?.values).toHaveLength(10);
    expect(seedModel("seedream-v4").parameters[0]?.values).toHaveLength(8);
  });
});
