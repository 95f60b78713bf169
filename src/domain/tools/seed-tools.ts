import type { Executor } from "../../db/client.js";
import { models } from "../../db/schema/index.js";
import type { CatalogModel, ParameterSpec } from "../catalog/catalog-model.js";
import { toModelRow } from "../catalog/seed-models.js";

const EDIT = ["edit"] as const;

/** Always PNG: a tool's result is delivered as a file, and re-compressing it would undo the tool's work. */
const PNG_OUTPUT: ParameterSpec = { name: "output_format", values: ["png"], default: "png", modes: EDIT };

/** One tool: a catalog entry whose single provider id is stored in both id columns. */
function tool(entry: {
  key: string;
  name: string;
  providerModelId: string;
  parameters: ParameterSpec[];
  usd: number;
  credits: number;
  typicalSeconds: { min: number; max: number };
  sortOrder: number;
}): CatalogModel {
  return {
    key: entry.key,
    kind: "tool",
    name: entry.name,
    providerModelIds: { text_to_image: entry.providerModelId, edit: entry.providerModelId },
    parameters: entry.parameters,
    maxReferences: 1,
    // Not shown for tools; the column is required for models.
    qualityStars: 5,
    typicalSeconds: entry.typicalSeconds,
    usdPricing: { base: entry.usd, variants: [] },
    priceOverrideCredits: entry.credits,
    enabled: true,
    sortOrder: entry.sortOrder,
  };
}

/**
 * The image tools of the first implementation (F32–F35b) with its prices in credits. The USD table
 * holds the provider cost those prices imply (the first implementation sold tools at cost, 1 credit =
 * $0.001); the price itself is the override, because the default markup of 40 credits could never
 * produce 12, 20 or 30 (docs/decisions/tool-prices.md). Inserted only where missing, like the models.
 */
export const SEED_TOOLS: readonly CatalogModel[] = [
  tool({
    key: "watermark",
    name: "Watermark remover",
    providerModelId: "wavespeed-ai/image-watermark-remover",
    parameters: [PNG_OUTPUT],
    usd: 0.012,
    credits: 12,
    typicalSeconds: { min: 5, max: 20 },
    sortOrder: 110,
  }),
  tool({
    key: "upscale",
    name: "Upscale",
    providerModelId: "wavespeed-ai/ultimate-image-upscaler",
    parameters: [{ name: "target_resolution", values: ["2k", "4k", "8k"], default: "4k", modes: EDIT }, PNG_OUTPUT],
    usd: 0.06,
    credits: 60,
    typicalSeconds: { min: 10, max: 60 },
    sortOrder: 120,
  }),
  tool({
    key: "denoise",
    name: "Denoise",
    providerModelId: "topaz/image/denoise",
    parameters: [{ name: "model", values: ["Normal", "Strong", "Extreme"], default: "Normal", modes: EDIT }],
    usd: 0.02,
    credits: 20,
    typicalSeconds: { min: 10, max: 40 },
    sortOrder: 130,
  }),
  tool({
    key: "restore",
    name: "Restore",
    providerModelId: "topaz/image/restore",
    parameters: [{ name: "model", values: ["Dust-Scratch", "Dust-Scratch V2"], default: "Dust-Scratch", modes: EDIT }],
    usd: 0.02,
    credits: 20,
    typicalSeconds: { min: 10, max: 40 },
    sortOrder: 140,
  }),
  tool({
    key: "enhance",
    name: "Enhance",
    providerModelId: "topaz/image/enhance",
    parameters: [
      {
        name: "model",
        values: ["Standard V2", "Low Resolution V2", "CGI", "High Fidelity V2", "Text Refine"],
        default: "Standard V2",
        modes: EDIT,
      },
      { name: "size", values: ["1080*1080", "2048*2048", "4096*4096"], default: "1080*1080", modes: EDIT },
    ],
    usd: 0.03,
    credits: 30,
    typicalSeconds: { min: 10, max: 60 },
    sortOrder: 150,
  }),
];

/**
 * Adds the seed tools that are missing, at every start, like `ensureCatalogSeeded` for the models:
 * existing rows (an admin's prices, a disabled tool) are left as they are.
 *
 * @returns the keys it inserted.
 */
export async function ensureToolsSeeded(db: Executor): Promise<string[]> {
  const inserted = await db
    .insert(models)
    .values(SEED_TOOLS.map(toModelRow))
    .onConflictDoNothing({ target: models.key })
    .returning({ key: models.key });
  return inserted.map((row) => row.key);
}
