import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildProviderRequest,
  checkProviderPrices,
  GENERATION_MODES,
  resolveParameters,
  SEED_MODELS,
  type CatalogModel,
} from "../../../src/domain/catalog/index.js";
import { createWavespeedClient, WavespeedBadRequestError, type WavespeedClient } from "../../../src/providers/wavespeed/index.js";
import { startFakeWavespeed, type FakeWavespeed } from "../../../src/sandbox/fake-wavespeed/index.js";
import { solidPng, waitForTerminal } from "../../providers/wavespeed/support.js";

const API_KEY = "ws-catalog-contract-9a8b7c6d";

const ASPECT_10 = ["1:1", "3:2", "2:3", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"];
const RESOLUTIONS = ["1k", "2k", "4k"];

/** One documented input field: any value, one of a list, or a "W*H" size with each side in a range. */
type FieldRule = "any" | readonly string[] | { side: [number, number] };

/**
 * What the provider documents for each model id (reference §12; gpt-image from the issue), written
 * out independently of the seed so a typo in either shows up here. The fake checks the image field
 * and its limit only, so parameter names and values are checked against this table instead.
 */
const DOCUMENTED: Record<string, Record<string, FieldRule>> = {
  "bytedance/seedream-v4": { prompt: "any", size: { side: [1024, 4096] } },
  "bytedance/seedream-v4/edit": { prompt: "any", images: "any", size: { side: [1024, 4096] } },
  "bytedance/seedream-v4.5": { prompt: "any", size: { side: [1024, 4096] } },
  "bytedance/seedream-v4.5/edit": { prompt: "any", images: "any", size: { side: [1024, 4096] } },
  "google/nano-banana/text-to-image": { prompt: "any", aspect_ratio: ASPECT_10 },
  "google/nano-banana/edit": { prompt: "any", images: "any", aspect_ratio: ASPECT_10 },
  "google/nano-banana-pro/text-to-image": { prompt: "any", aspect_ratio: ASPECT_10, resolution: RESOLUTIONS },
  "google/nano-banana-pro/edit": { prompt: "any", images: "any", aspect_ratio: ASPECT_10, resolution: RESOLUTIONS },
  "google/nano-banana-2/text-to-image": {
    prompt: "any",
    aspect_ratio: [...ASPECT_10, "1:4", "4:1", "1:8", "8:1"],
    resolution: RESOLUTIONS,
  },
  "google/nano-banana-2/edit": {
    prompt: "any",
    images: "any",
    aspect_ratio: [...ASPECT_10, "1:4", "4:1", "1:8", "8:1"],
    resolution: RESOLUTIONS,
  },
  "openai/gpt-image-1.5/text-to-image": {
    prompt: "any",
    size: ["auto", "1024*1024", "1024*1536", "1536*1024"],
    quality: ["low", "medium", "high"],
  },
  "openai/gpt-image-1.5/edit": {
    prompt: "any",
    images: "any",
    size: ["auto", "1024*1024", "1024*1536", "1536*1024"],
    quality: ["low", "medium", "high"],
    input_fidelity: ["low", "high"],
  },
  "wavespeed-ai/qwen-image/text-to-image": { prompt: "any", size: { side: [256, 1536] } },
  "wavespeed-ai/qwen-image/edit-plus": { prompt: "any", images: "any", size: { side: [256, 1536] } },
};

function undocumented(modelId: string, input: Record<string, unknown>): string[] {
  const rules = DOCUMENTED[modelId];
  if (!rules) return [`${modelId} is not a documented model id`];
  return Object.entries(input).flatMap(([field, value]) => {
    const rule = rules[field];
    if (rule === undefined) return [`${modelId} has no input ${field}`];
    if (rule === "any") return [];
    if (Array.isArray(rule)) return rule.includes(String(value)) ? [] : [`${modelId}: ${field}=${String(value)}`];
    const [min, max] = (rule as { side: [number, number] }).side;
    const sides = /^(\d+)\*(\d+)$/.exec(String(value));
    const ok = sides !== null && [sides[1], sides[2]].every((s) => Number(s) >= min && Number(s) <= max);
    return ok ? [] : [`${modelId}: ${field}=${String(value)} is outside ${min}–${max} per side`];
  });
}

/** The defaults, and every parameter at its last value: two requests that between them touch every field. */
function sampleRequests(model: CatalogModel): Array<Record<string, string>> {
  const last = Object.fromEntries(model.parameters.map((p) => [p.name, p.values[p.values.length - 1] ?? ""]));
  return [{}, last];
}

describe("catalog requests against the fake provider", () => {
  let fake: FakeWavespeed;
  let client: WavespeedClient;
  let referenceUrl: string;

  beforeAll(async () => {
    fake = await startFakeWavespeed({ apiKey: API_KEY, latencyMs: 20 });
    fake.setBehavior({ failureRate: 0, contentBlockRate: 0, nsfwRate: 0 });
    client = createWavespeedClient({ baseUrl: fake.baseUrl, apiKey: API_KEY, retryBaseDelayMs: 1 });
    const png = await solidPng(64, 64, { r: 200, g: 180, b: 20 });
    referenceUrl = (await client.uploadMedia(png, "reference.png", "image/png")).url;
  });
  afterAll(() => fake.stop());

  for (const model of SEED_MODELS) {
    for (const mode of GENERATION_MODES) {
      it(`${model.key} ${mode}: every request is documented, accepted and completes`, async () => {
        for (const requested of sampleRequests(model)) {
          const params = resolveParameters(model, mode, requested);
          const imageUrls = mode === "edit" ? Array.from({ length: model.maxReferences }, () => referenceUrl) : undefined;
          const prompt = `contract ${model.key}`;
          const request = buildProviderRequest(model, mode, { prompt, params, ...(imageUrls ? { imageUrls } : {}) });
          expect(undocumented(request.modelId, request.input)).toEqual([]);

          const submitted = await client.submit(request.modelId, request.input);
          const done = await waitForTerminal(client, submitted.id);
          expect(done.status, done.error ?? "").toBe("completed");
          expect(done.outputs).toHaveLength(1);
          expect(fake.tasks.get(submitted.id)?.input).toEqual(request.input);
        }
      });
    }
  }

  it("agrees with the provider on each edit model's reference limit: one more is refused", async () => {
    for (const model of SEED_MODELS) {
      const input = { prompt: "limit", images: Array.from({ length: model.maxReferences + 1 }, () => referenceUrl) };
      await expect(client.submit(model.providerModelIds.edit, input), model.key).rejects.toThrow(WavespeedBadRequestError);
    }
  });

  it("the stored USD tables match the provider's quotes at every price point", async () => {
    const warnings: unknown[] = [];
    const logger = { info: () => undefined, warn: (entry: unknown) => void warnings.push(entry) };
    const report = await checkProviderPrices(client, SEED_MODELS, logger);
    expect(report.failures).toEqual([]);
    expect(report.differences).toEqual([]);
    expect(warnings).toEqual([]);
    // Defaults plus one point per variant: gpt-image alone has 1 + 9 per mode, minus duplicates.
    expect(report.checked).toBeGreaterThan(SEED_MODELS.length * 2);
  });

  it("reports a provider price change without applying it", async () => {
    const qwen = SEED_MODELS.find((m) => m.key === "qwen-image");
    if (!qwen) throw new Error("qwen-image is not seeded");
    const stale: CatalogModel = { ...qwen, usdPricing: { base: 0.015, variants: [] } };
    const warnings: unknown[] = [];
    const logger = { info: () => undefined, warn: (entry: unknown) => void warnings.push(entry) };
    const report = await checkProviderPrices(client, [stale], logger);
    expect(report.differences).toEqual([
      expect.objectContaining({ modelKey: "qwen-image", mode: "text_to_image", storedUsd: 0.015, providerUsd: 0.02 }),
      expect.objectContaining({ modelKey: "qwen-image", mode: "edit", storedUsd: 0.015, providerUsd: 0.02 }),
    ]);
    expect(warnings).toHaveLength(2);
    expect(stale.usdPricing.base).toBe(0.015);

    fake.injectFault({ method: "POST", path: /model\/price$/ }, { status: 400, body: JSON.stringify({ code: 400, message: "no price" }) });
    const failed = await checkProviderPrices(client, [qwen], { info: () => undefined, warn: () => undefined });
    expect(failed.failures).toEqual([expect.objectContaining({ modelKey: "qwen-image", mode: "text_to_image" })]);
    expect(failed.differences).toEqual([]);
  });
});
