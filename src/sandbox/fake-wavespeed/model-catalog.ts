/** How an image tool (no prompt, one `image`) changes its input, so the output shows what was asked. */
export type ToolEffect = "watermark" | "upscale" | "denoise" | "restore" | "enhance";

/** The inputs of a prompt-less image tool, checked strictly: the fake answers 400 for any other field. */
export interface FakeToolSpec {
  effect: ToolEffect;
  /** Allowed values of each enumerated input field. */
  enums: Readonly<Record<string, readonly string[]>>;
  /** When set, `size` ("W*H") is accepted with each side in this range. */
  sizeRange?: readonly [number, number];
}

/**
 * The models the fake knows by name: enough for the bot's catalog, with the USD prices printed on
 * Wavespeed's pages (reference §12). Other model ids are still accepted for submit, but have no price.
 */
export interface FakeModel {
  id: string;
  name: string;
  type: "text-to-image" | "image-to-image";
  /** Which input carries reference images on an edit model. */
  imageInput?: "images" | "image";
  maxImages?: number;
  /** Set for image tools: they take no prompt. */
  tool?: FakeToolSpec;
  price(inputs: Record<string, unknown>): number;
}

const flat =
  (usd: number) =>
  (): number =>
    usd;

const byResolution =
  (prices: Record<"1k" | "2k" | "4k", number>) =>
  (inputs: Record<string, unknown>): number =>
    inputs["resolution"] === "4k" ? prices["4k"] : inputs["resolution"] === "2k" ? prices["2k"] : prices["1k"];

// The reference has no gpt-image prices; these are the first implementation's fallback table (F27).
const GPT_IMAGE_MEDIUM = { square: 0.034, oblong: 0.051 };
const GPT_IMAGE_PRICES: Record<string, { square: number; oblong: number }> = {
  low: { square: 0.009, oblong: 0.013 },
  medium: GPT_IMAGE_MEDIUM,
  high: { square: 0.133, oblong: 0.2 },
};

/** gpt-image prices by quality (missing = medium) and size (missing or "auto" = 1024*1024). */
function gptImagePrice(inputs: Record<string, unknown>): number {
  const quality = typeof inputs["quality"] === "string" ? inputs["quality"] : "medium";
  const row = GPT_IMAGE_PRICES[quality] ?? GPT_IMAGE_MEDIUM;
  const size = typeof inputs["size"] === "string" ? inputs["size"] : "auto";
  return size === "auto" || size === "1024*1024" ? row.square : row.oblong;
}

/** A text-to-image model and its edit variant, which Wavespeed prices the same. */
function pair(
  t2iId: string,
  editId: string,
  name: string,
  price: (inputs: Record<string, unknown>) => number,
  edit: { imageInput: "images" | "image"; maxImages: number },
): FakeModel[] {
  return [
    { id: t2iId, name, type: "text-to-image", price },
    { id: editId, name: `${name} Edit`, type: "image-to-image", price, ...edit },
  ];
}

const IMAGES_10 = { imageInput: "images", maxImages: 10 } as const;
const IMAGES_14 = { imageInput: "images", maxImages: 14 } as const;

const MODELS: readonly FakeModel[] = [
  ...pair("google/nano-banana/text-to-image", "google/nano-banana/edit", "Nano Banana", flat(0.038), IMAGES_10),
  ...pair(
    "google/nano-banana-pro/text-to-image",
    "google/nano-banana-pro/edit",
    "Nano Banana Pro",
    byResolution({ "1k": 0.14, "2k": 0.14, "4k": 0.24 }),
    IMAGES_14,
  ),
  ...pair(
    "google/nano-banana-2/text-to-image",
    "google/nano-banana-2/edit",
    "Nano Banana 2",
    byResolution({ "1k": 0.08, "2k": 0.12, "4k": 0.16 }),
    IMAGES_14,
  ),
  ...pair("bytedance/seedream-v4", "bytedance/seedream-v4/edit", "Seedream v4", flat(0.027), IMAGES_10),
  ...pair("bytedance/seedream-v4.5", "bytedance/seedream-v4.5/edit", "Seedream v4.5", flat(0.04), IMAGES_10),
  // The reference gives no image limit for gpt-image; 10 matches the other edit models.
  ...pair("openai/gpt-image-1.5/text-to-image", "openai/gpt-image-1.5/edit", "GPT Image 1.5", gptImagePrice, IMAGES_10),
  // Only edit-plus has a published price; the others are assumed to match it.
  ...pair("wavespeed-ai/qwen-image/text-to-image", "wavespeed-ai/qwen-image/edit", "Qwen Image", flat(0.02), {
    imageInput: "image",
    maxImages: 1,
  }),
  {
    id: "wavespeed-ai/qwen-image/edit-plus",
    name: "Qwen Image Edit Plus",
    type: "image-to-image",
    imageInput: "images",
    maxImages: 3,
    price: flat(0.02),
  },
];

const OUTPUT_FORMATS = ["png", "jpeg", "webp"] as const;

/**
 * A prompt-less image tool (reference F32–F35b). Prices are the ones the first implementation charged
 * at cost (1 credit = $0.001): no tool price is published in the reference.
 */
function imageTool(id: string, name: string, usd: number, spec: FakeToolSpec): FakeModel {
  return { id, name, type: "image-to-image", imageInput: "image", maxImages: 1, tool: spec, price: flat(usd) };
}

const TOOLS: readonly FakeModel[] = [
  imageTool("wavespeed-ai/image-watermark-remover", "Image Watermark Remover", 0.012, {
    effect: "watermark",
    enums: { output_format: OUTPUT_FORMATS },
  }),
  imageTool("wavespeed-ai/ultimate-image-upscaler", "Ultimate Image Upscaler", 0.06, {
    effect: "upscale",
    enums: { target_resolution: ["2k", "4k", "8k"], output_format: OUTPUT_FORMATS },
  }),
  imageTool("topaz/image/denoise", "Topaz Image Denoise", 0.02, { effect: "denoise", enums: { model: ["Normal", "Strong", "Extreme"] } }),
  imageTool("topaz/image/restore", "Topaz Image Restore", 0.02, { effect: "restore", enums: { model: ["Dust-Scratch", "Dust-Scratch V2"] } }),
  imageTool("topaz/image/enhance", "Topaz Image Enhance", 0.03, {
    effect: "enhance",
    enums: { model: ["Standard V2", "Low Resolution V2", "CGI", "High Fidelity V2", "Text Refine"] },
    sizeRange: [64, 4096],
  }),
];

const BY_ID = new Map([...MODELS, ...TOOLS].map((model) => [model.id, model]));

/** All models the fake prices, in catalog order (for `GET /api/v3/models`). */
export function listFakeModels(): readonly FakeModel[] {
  return [...MODELS, ...TOOLS];
}

/** The catalog entry for an exact model id, if the fake knows it. */
export function findFakeModel(modelId: string): FakeModel | undefined {
  return BY_ID.get(modelId);
}

/** Edit-style ids (`…/edit`, `…/edit-plus`, `…-edit`) need reference images even when not in the catalog. */
export function looksLikeEditModel(modelId: string): boolean {
  const last = modelId.split("/").pop() ?? "";
  return /(^|-)edit($|-)/.test(last);
}
