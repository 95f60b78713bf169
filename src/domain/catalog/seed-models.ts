import type { Executor } from "../../db/client.js";
import { models, type NewModelRow } from "../../db/schema/index.js";
import type { CatalogModel, ParameterSpec, UsdPriceVariant } from "./catalog-model.js";

const BOTH = ["text_to_image", "edit"] as const;

const ASPECT_RATIOS = ["1:1", "3:2", "2:3", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"];
const SEEDREAM_SIZES = ["1024*1024", "1152*768", "1280*720", "1280*960", "1408*1408", "1600*900", "1920*1080", "2048*2048"];

const aspectRatio = (values: readonly string[]): ParameterSpec => ({ name: "aspect_ratio", values, default: null, modes: BOTH });
const resolution: ParameterSpec = { name: "resolution", values: ["1k", "2k", "4k"], default: "1k", modes: BOTH };
const seedreamSize: ParameterSpec = { name: "size", values: SEEDREAM_SIZES, default: "2048*2048", modes: BOTH };

/** gpt-image: "auto" and an omitted size cost what 1024*1024 costs, so only the oblong sizes need variants. */
function gptImageVariants(): UsdPriceVariant[] {
  const prices = { low: [0.009, 0.013], medium: [0.034, 0.051], high: [0.133, 0.2] } as const;
  return Object.entries(prices).flatMap(([quality, [square, oblong]]) => [
    { when: { quality, size: "1024*1536" }, usd: oblong },
    { when: { quality, size: "1536*1024" }, usd: oblong },
    { when: { quality }, usd: square },
  ]);
}

/**
 * The catalog a fresh deployment starts with: the first implementation's five models (F18, F26) with
 * Wavespeed's published prices (reference §12), and two newer ones disabled until an admin has
 * checked them. Inserted only where missing, so changing a row here does not change a deployed one.
 */
export const SEED_MODELS: readonly CatalogModel[] = [
  {
    key: "seedream-v4",
    kind: "generation",
    name: "Seedream v4",
    providerModelIds: { text_to_image: "bytedance/seedream-v4", edit: "bytedance/seedream-v4/edit" },
    parameters: [seedreamSize],
    maxReferences: 10,
    qualityStars: 4,
    typicalSeconds: { min: 10, max: 30 },
    usdPricing: { base: 0.027, variants: [] },
    priceOverrideCredits: null,
    enabled: true,
    sortOrder: 10,
  },
  {
    key: "nano-banana",
    kind: "generation",
    name: "Nano Banana",
    providerModelIds: { text_to_image: "google/nano-banana/text-to-image", edit: "google/nano-banana/edit" },
    parameters: [aspectRatio(ASPECT_RATIOS)],
    maxReferences: 10,
    qualityStars: 4,
    typicalSeconds: { min: 10, max: 20 },
    usdPricing: { base: 0.038, variants: [] },
    priceOverrideCredits: null,
    enabled: true,
    sortOrder: 20,
  },
  {
    key: "nano-banana-pro",
    kind: "generation",
    name: "Nano Banana Pro",
    providerModelIds: { text_to_image: "google/nano-banana-pro/text-to-image", edit: "google/nano-banana-pro/edit" },
    parameters: [aspectRatio(ASPECT_RATIOS), resolution],
    maxReferences: 14,
    qualityStars: 5,
    typicalSeconds: { min: 60, max: 120 },
    usdPricing: { base: 0.14, variants: [{ when: { resolution: "4k" }, usd: 0.24 }] },
    priceOverrideCredits: null,
    enabled: true,
    sortOrder: 30,
  },
  {
    key: "gpt-image-1.5",
    kind: "generation",
    name: "GPT Image 1.5",
    providerModelIds: { text_to_image: "openai/gpt-image-1.5/text-to-image", edit: "openai/gpt-image-1.5/edit" },
    parameters: [
      { name: "size", values: ["auto", "1024*1024", "1024*1536", "1536*1024"], default: null, modes: BOTH },
      { name: "quality", values: ["low", "medium", "high"], default: "medium", modes: BOTH },
      { name: "input_fidelity", values: ["low", "high"], default: null, modes: ["edit"] },
    ],
    maxReferences: 10,
    qualityStars: 5,
    typicalSeconds: { min: 20, max: 60 },
    usdPricing: { base: 0.034, variants: gptImageVariants() },
    priceOverrideCredits: null,
    enabled: true,
    sortOrder: 40,
  },
  {
    key: "qwen-image",
    kind: "generation",
    name: "Qwen Image",
    // edit-plus, not edit: plain edit takes a single `image`, edit-plus takes `images` (up to 3).
    providerModelIds: { text_to_image: "wavespeed-ai/qwen-image/text-to-image", edit: "wavespeed-ai/qwen-image/edit-plus" },
    parameters: [{ name: "size", values: ["1024*1024", "1024*1536", "1536*1024", "1536*1536"], default: null, modes: BOTH }],
    maxReferences: 3,
    qualityStars: 4,
    typicalSeconds: { min: 5, max: 10 },
    usdPricing: { base: 0.02, variants: [] },
    priceOverrideCredits: null,
    enabled: true,
    sortOrder: 50,
  },
  {
    key: "nano-banana-2",
    kind: "generation",
    name: "Nano Banana 2",
    providerModelIds: { text_to_image: "google/nano-banana-2/text-to-image", edit: "google/nano-banana-2/edit" },
    parameters: [aspectRatio([...ASPECT_RATIOS, "1:4", "4:1", "1:8", "8:1"]), resolution],
    maxReferences: 14,
    qualityStars: 5,
    typicalSeconds: { min: 20, max: 60 },
    usdPricing: {
      base: 0.08,
      variants: [
        { when: { resolution: "2k" }, usd: 0.12 },
        { when: { resolution: "4k" }, usd: 0.16 },
      ],
    },
    priceOverrideCredits: null,
    enabled: false,
    sortOrder: 60,
  },
  {
    key: "seedream-v4.5",
    kind: "generation",
    name: "Seedream v4.5",
    providerModelIds: { text_to_image: "bytedance/seedream-v4.5", edit: "bytedance/seedream-v4.5/edit" },
    parameters: [seedreamSize],
    maxReferences: 10,
    qualityStars: 5,
    typicalSeconds: { min: 10, max: 30 },
    usdPricing: { base: 0.04, variants: [] },
    priceOverrideCredits: null,
    enabled: false,
    sortOrder: 70,
  },
];

/** The row a catalog entry is stored as (both kinds). */
export function toModelRow(model: CatalogModel): NewModelRow {
  return {
    key: model.key,
    kind: model.kind,
    name: model.name,
    textToImageModelId: model.providerModelIds.text_to_image,
    editModelId: model.providerModelIds.edit,
    parameters: model.parameters,
    maxReferences: model.maxReferences,
    qualityStars: model.qualityStars,
    typicalSecondsMin: model.typicalSeconds.min,
    typicalSecondsMax: model.typicalSeconds.max,
    usdPricing: model.usdPricing,
    priceOverrideCredits: model.priceOverrideCredits,
    enabled: model.enabled,
    sortOrder: model.sortOrder,
  };
}

/**
 * Adds the seed models that are missing, at every start and safe to run from several processes at
 * once. Existing rows are left exactly as they are: an admin's edits (enabled, order, prices) always
 * win over the seed.
 *
 * @returns the keys it inserted.
 */
export async function ensureCatalogSeeded(db: Executor): Promise<string[]> {
  const inserted = await db
    .insert(models)
    .values(SEED_MODELS.map(toModelRow))
    .onConflictDoNothing({ target: models.key })
    .returning({ key: models.key });
  return inserted.map((row) => row.key);
}
