import { describe, expect, it } from "vitest";
import {
  creditsFromUsd,
  GENERATION_MODES,
  parameterCombinations,
  priceInCredits,
  priceRange,
  resolveParameters,
  SEED_MODELS,
  usdPrice,
  type CatalogModel,
  type GenerationMode,
} from "../../../src/domain/catalog/index.js";
import { DEFAULT_PRICING, seedModel } from "./catalog-fixtures.js";

const price = (key: string, mode: GenerationMode, requested: Record<string, string> = {}, model = seedModel(key)) =>
  priceInCredits(model, mode, resolveParameters(model, mode, requested), DEFAULT_PRICING);

describe("pricing rule", () => {
  it("reproduces the first implementation's prices with the default settings", () => {
    for (const mode of GENERATION_MODES) {
      expect(price("seedream-v4", mode)).toBe(67);
      expect(price("nano-banana", mode)).toBe(78);
      expect(price("nano-banana-pro", mode)).toBe(180);
      expect(price("nano-banana-pro", mode, { resolution: "2k" })).toBe(180);
      expect(price("nano-banana-pro", mode, { resolution: "4k" })).toBe(280);
      expect(price("gpt-image-1.5", mode, { quality: "medium", size: "1024*1024" })).toBe(74);
      expect(price("qwen-image", mode)).toBe(60);
    }
  });

  it("prices gpt-image by quality and size, with auto and an omitted size as 1024*1024", () => {
    const table = {
      low: [9, 13, 13],
      medium: [34, 51, 51],
      high: [133, 200, 200],
    } as const;
    for (const mode of GENERATION_MODES) {
      for (const [quality, [square, tall, wide]] of Object.entries(table)) {
        expect(price("gpt-image-1.5", mode, { quality, size: "1024*1024" })).toBe(square + 40);
        expect(price("gpt-image-1.5", mode, { quality, size: "auto" })).toBe(square + 40);
        expect(price("gpt-image-1.5", mode, { quality })).toBe(square + 40);
        expect(price("gpt-image-1.5", mode, { quality, size: "1024*1536" })).toBe(tall + 40);
        expect(price("gpt-image-1.5", mode, { quality, size: "1536*1024" })).toBe(wide + 40);
      }
    }
    // The default quality is medium.
    expect(price("gpt-image-1.5", "text_to_image")).toBe(74);
  });

  it("prices the disabled newer models from their tables", () => {
    expect(price("nano-banana-2", "edit")).toBe(120);
    expect(price("nano-banana-2", "edit", { resolution: "2k" })).toBe(160);
    expect(price("nano-banana-2", "edit", { resolution: "4k" })).toBe(200);
    expect(price("seedream-v4.5", "text_to_image")).toBe(80);
  });

  it("gives every parameter combination of every model and mode a positive whole price", () => {
    let combinations = 0;
    for (const model of SEED_MODELS) {
      for (const mode of GENERATION_MODES) {
        for (const params of parameterCombinations(model, mode)) {
          const credits = priceInCredits(model, mode, params, DEFAULT_PRICING);
          expect(Number.isSafeInteger(credits) && credits > 0, `${model.key} ${mode} ${JSON.stringify(params)}`).toBe(true);
          combinations++;
        }
      }
    }
    // gpt-image alone: 5 sizes (with "omitted") × 3 qualities, × 3 fidelities in edit.
    expect(parameterCombinations(seedModel("gpt-image-1.5"), "edit")).toHaveLength(45);
    expect(combinations).toBeGreaterThan(200);
  });

  it("applies the percentage before rounding up, then the flat credits", () => {
    const settings = { creditsPerUsd: 1000, markupPercent: 10, markupCredits: 5 };
    // 0.2 × 1000 × 1.1 is 220.00000000000003 in floating point: the ceiling must still be 220.
    expect(creditsFromUsd(0.2, settings)).toBe(225);
    // 0.027 × 1000 × 1.1 = 29.7 → 30.
    expect(creditsFromUsd(0.027, settings)).toBe(35);
    expect(creditsFromUsd(0.0271, { creditsPerUsd: 1000, markupPercent: 0, markupCredits: 0 })).toBe(28);
    expect(creditsFromUsd(0.14, { creditsPerUsd: 2000, markupPercent: 0, markupCredits: 0 })).toBe(280);
  });

  it("refuses settings that are not whole numbers in range, and non-positive prices", () => {
    expect(() => creditsFromUsd(0.1, { ...DEFAULT_PRICING, creditsPerUsd: 0 })).toThrow(/creditsPerUsd/);
    expect(() => creditsFromUsd(0.1, { ...DEFAULT_PRICING, markupPercent: 1.5 })).toThrow(/markupPercent/);
    expect(() => creditsFromUsd(0.1, { ...DEFAULT_PRICING, markupCredits: -1 })).toThrow(/markupCredits/);
    expect(() => creditsFromUsd(0, DEFAULT_PRICING)).toThrow(RangeError);
  });

  it("an override replaces the computed price for every parameter combination", () => {
    const model: CatalogModel = { ...seedModel("nano-banana-pro"), priceOverrideCredits: 99 };
    for (const params of parameterCombinations(model, "edit")) expect(priceInCredits(model, "edit", params, DEFAULT_PRICING)).toBe(99);
  });

  it("takes the first matching variant, and a variant's mode restricts it", () => {
    const model: CatalogModel = {
      ...seedModel("nano-banana-pro"),
      usdPricing: {
        base: 0.1,
        variants: [
          { mode: "edit", when: { resolution: "4k" }, usd: 0.3 },
          { when: { resolution: "4k" }, usd: 0.2 },
          { when: { resolution: "4k", aspect_ratio: "1:1" }, usd: 0.9 },
        ],
      },
    };
    const at = (mode: GenerationMode, requested: Record<string, string>) =>
      usdPrice(model.usdPricing, mode, resolveParameters(model, mode, requested));
    expect(at("edit", { resolution: "4k" })).toBe(0.3);
    expect(at("text_to_image", { resolution: "4k" })).toBe(0.2);
    // Shadowed by the more general variant listed before it.
    expect(at("text_to_image", { resolution: "4k", aspect_ratio: "1:1" })).toBe(0.2);
    expect(at("text_to_image", { resolution: "2k" })).toBe(0.1);
  });

  it("gives a model's price range over all its choices", () => {
    expect(priceRange(seedModel("nano-banana-pro"), "text_to_image", DEFAULT_PRICING)).toEqual({ min: 180, max: 280 });
    expect(priceRange(seedModel("gpt-image-1.5"), "edit", DEFAULT_PRICING)).toEqual({ min: 49, max: 240 });
    expect(priceRange(seedModel("qwen-image"), "edit", DEFAULT_PRICING)).toEqual({ min: 60, max: 60 });
  });
});
