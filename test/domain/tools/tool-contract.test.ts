import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildToolRequest, checkProviderPrices, parameterCombinations, priceInCredits, TOOL_PRICING_MODE } from "../../../src/domain/catalog/index.js";
import { SEED_TOOLS, quoteTool, toolOptions } from "../../../src/domain/tools/index.js";
import { createWavespeedClient, WavespeedBadRequestError, type WavespeedClient } from "../../../src/providers/wavespeed/index.js";
import { startFakeWavespeed, type FakeWavespeed } from "../../../src/sandbox/fake-wavespeed/index.js";
import { solidPng, waitForTerminal } from "../../providers/wavespeed/support.js";

const API_KEY = "ws-tools-contract-5e6f7a8b";
const DEFAULT_PRICING = { creditsPerUsd: 1000, markupPercent: 0, markupCredits: 40 };

/**
 * The tools as the reference documents them (original-system F32–F35b, written out independently of
 * the seed): model id, the one image input, and every option with its values.
 */
const DOCUMENTED: Record<string, { modelId: string; options: Record<string, readonly string[]> }> = {
  watermark: { modelId: "wavespeed-ai/image-watermark-remover", options: { output_format: ["png", "jpeg", "webp"] } },
  upscale: { modelId: "wavespeed-ai/ultimate-image-upscaler", options: { target_resolution: ["2k", "4k", "8k"], output_format: ["png", "jpeg", "webp"] } },
  denoise: { modelId: "topaz/image/denoise", options: { model: ["Normal", "Strong", "Extreme"] } },
  restore: { modelId: "topaz/image/restore", options: { model: ["Dust-Scratch", "Dust-Scratch V2"] } },
  enhance: {
    modelId: "topaz/image/enhance",
    options: { model: ["Standard V2", "Low Resolution V2", "CGI", "High Fidelity V2", "Text Refine"], size: ["1080*1080", "2048*2048", "4096*4096"] },
  },
};

describe("image tools in the catalog", () => {
  it("are the first implementation's five, with its prices in credits under the default pricing", () => {
    const prices = Object.fromEntries(
      SEED_TOOLS.map((tool) => [tool.key, parameterCombinations(tool, TOOL_PRICING_MODE).map((p) => priceInCredits(tool, TOOL_PRICING_MODE, p, DEFAULT_PRICING))]),
    );
    expect(prices).toEqual({ watermark: [12], upscale: [60, 60, 60], denoise: [20, 20, 20], restore: [20, 20], enhance: Array(15).fill(30) });
    for (const tool of SEED_TOOLS) {
      expect(tool.kind).toBe("tool");
      expect(tool.providerModelIds.edit).toBe(DOCUMENTED[tool.key]?.modelId);
      expect(tool.maxReferences).toBe(1);
    }
  });

  it("upscale defaults to 4K, and each option is one of the documented values", () => {
    const upscale = SEED_TOOLS.find((tool) => tool.key === "upscale")!;
    expect(quoteTool(upscale, {}, DEFAULT_PRICING).params).toEqual({ target_resolution: "4k", output_format: "png" });
    expect(toolOptions(upscale).map((spec) => spec.name)).toEqual(["target_resolution"]);
    for (const tool of SEED_TOOLS) {
      for (const spec of tool.parameters) expect(DOCUMENTED[tool.key]?.options[spec.name], `${tool.key}.${spec.name}`).toEqual(expect.arrayContaining([...spec.values]));
    }
  });
});

describe("image tool requests against the fake provider", () => {
  let fake: FakeWavespeed;
  let client: WavespeedClient;
  let imageUrl: string;

  beforeAll(async () => {
    fake = await startFakeWavespeed({ apiKey: API_KEY, latencyMs: 20 });
    fake.setBehavior({ failureRate: 0, contentBlockRate: 0, nsfwRate: 0 });
    client = createWavespeedClient({ baseUrl: fake.baseUrl, apiKey: API_KEY, retryBaseDelayMs: 1 });
    imageUrl = (await client.uploadMedia(await solidPng(80, 60, { r: 30, g: 160, b: 90 }), "photo.png", "image/png")).url;
  });
  afterAll(() => fake.stop());

  for (const tool of SEED_TOOLS) {
    it(`${tool.key}: every option combination is accepted (no prompt, one image) and returns the processed picture`, async () => {
      for (const params of parameterCombinations(tool, TOOL_PRICING_MODE)) {
        const request = buildToolRequest(tool, params, imageUrl);
        expect(request.input).toEqual({ image: imageUrl, ...params });
        expect(request.input).not.toHaveProperty("prompt");
        const submitted = await client.submit(request.modelId, request.input);
        const done = await waitForTerminal(client, submitted.id);
        expect(done.status, done.error ?? "").toBe("completed");
        const output = Buffer.from(await (await fetch(done.outputs[0] ?? "")).arrayBuffer());
        const meta = await sharp(output).metadata();
        expect(meta.format).toBe("png");
        // The 80×60 input keeps its shape: it is the user's picture, processed.
        expect((meta.width ?? 0) / (meta.height ?? 1)).toBeCloseTo(80 / 60, 1);
      }
    });
  }

  it("renders the upscale at the asked resolution scaled down by four, and Enhance fitted into its size", async () => {
    const upscale = SEED_TOOLS.find((tool) => tool.key === "upscale")!;
    const enhance = SEED_TOOLS.find((tool) => tool.key === "enhance")!;
    const sizes: Array<[string, number, number]> = [];
    for (const [tool, requested] of [
      [upscale, { target_resolution: "2k" }],
      [upscale, { target_resolution: "8k" }],
      [enhance, { size: "2048*2048" }],
    ] as const) {
      const request = buildToolRequest(tool, quoteTool(tool, requested, DEFAULT_PRICING).params, imageUrl);
      const done = await waitForTerminal(client, (await client.submit(request.modelId, request.input)).id);
      const meta = await sharp(Buffer.from(await (await fetch(done.outputs[0] ?? "")).arrayBuffer())).metadata();
      sizes.push([tool.key, meta.width ?? 0, meta.height ?? 0]);
    }
    expect(sizes).toEqual([
      ["upscale", 512, 384],
      ["upscale", 2048, 1536],
      ["enhance", 512, 384],
    ]);
  });

  it("agrees with the provider's price of every tool, asked once per price point and without a prompt", async () => {
    const before = fake.requests.length;
    const report = await checkProviderPrices(client, SEED_TOOLS, { info: () => undefined, warn: () => undefined });
    expect(report).toMatchObject({ checked: SEED_TOOLS.length, differences: [], failures: [] });
    const quotes = fake.requests.slice(before).filter((r) => r.path === "/api/v3/model/price");
    expect(quotes).toHaveLength(SEED_TOOLS.length);
    for (const quote of quotes) expect((quote.body as { inputs: Record<string, unknown> }).inputs).not.toHaveProperty("prompt");
  });

  it("refuses what a tool does not take: a prompt, an images list, an unknown option value, no image", async () => {
    const upscale = "wavespeed-ai/ultimate-image-upscaler";
    const refusals = [
      { image: imageUrl, prompt: "make it big" },
      { images: [imageUrl] },
      { image: imageUrl, target_resolution: "16k" },
      { target_resolution: "4k" },
    ];
    for (const input of refusals) {
      await expect(client.submit(upscale, input), JSON.stringify(input)).rejects.toBeInstanceOf(WavespeedBadRequestError);
    }
  });
});
