import type { CatalogModel } from "../../../src/domain/catalog/index.js";
import { SEED_MODELS } from "../../../src/domain/catalog/index.js";
import type { PricingSettings } from "../../../src/domain/catalog/index.js";

/** The env defaults: 1000 credits per USD, no percentage, 40 credits flat. */
export const DEFAULT_PRICING: PricingSettings = { creditsPerUsd: 1000, markupPercent: 0, markupCredits: 40 };

/** A seed model by key; fails the test when the seed no longer has it. */
export function seedModel(key: string): CatalogModel {
  const model = SEED_MODELS.find((m) => m.key === key);
  if (!model) throw new Error(`no seed model ${key}`);
  return model;
}
