import type { CatalogModel, GenerationMode, UsdPricing } from "./catalog-model.js";
import { parameterCombinations, type ResolvedParameters } from "./parameters.js";

/**
 * The numbers that turn a provider's USD price into credits. Passed in rather than read from the
 * config, so admins can change them at runtime (a later issue) without touching this rule.
 */
export interface PricingSettings {
  /** Credits per US dollar of provider cost, before markup. Default 1000 (1 credit = $0.001). */
  readonly creditsPerUsd: number;
  /** Whole percent added on top of the provider cost. Default 0. */
  readonly markupPercent: number;
  /** Whole credits added to every generation after the percentage. Default 40. */
  readonly markupCredits: number;
}

const MICRO_USD_PER_USD = 1_000_000;

/**
 * The pricing rule (docs/decisions/pricing.md):
 *
 *   credits = ceil(usd × creditsPerUsd × (1 + markupPercent / 100)) + markupCredits
 *
 * Rounded up so that no generation is sold below its cost. USD is taken to the micro-dollar and the
 * rest is integer arithmetic: in floating point 0.2 × 1000 × 1.1 is 220.00000000000003, whose ceiling
 * would charge a credit too much. With the defaults (1000, 0, 40) it reproduces the first
 * implementation's prices: Seedream v4 $0.027 → 67, Nano Banana Pro 4k $0.24 → 280.
 */
export function creditsFromUsd(usd: number, settings: PricingSettings): number {
  assertWhole("creditsPerUsd", settings.creditsPerUsd, 1);
  assertWhole("markupPercent", settings.markupPercent, 0);
  assertWhole("markupCredits", settings.markupCredits, 0);
  if (!Number.isFinite(usd) || usd <= 0) throw new RangeError(`a USD price must be positive, got ${usd}`);
  const microUsd = BigInt(Math.round(usd * MICRO_USD_PER_USD));
  const numerator = microUsd * BigInt(settings.creditsPerUsd) * BigInt(100 + settings.markupPercent);
  const denominator = BigInt(MICRO_USD_PER_USD * 100);
  const credits = (numerator + denominator - 1n) / denominator;
  return Number(credits) + settings.markupCredits;
}

/** The provider's price for these parameters: the first matching variant of the model's table, else its base. */
export function usdPrice(pricing: UsdPricing, mode: GenerationMode, params: ResolvedParameters): number {
  const variant = pricing.variants.find(
    (v) =>
      (v.mode === undefined || v.mode === mode) &&
      Object.entries(v.when).every(([name, value]) => params[name as keyof typeof params] === value),
  );
  return variant?.usd ?? pricing.base;
}

/**
 * The price in credits of one run. The one function every price shown or charged comes from: the
 * model menu, the start button and the charge all call it with the same resolved parameters, so the
 * price on the button is the price charged.
 */
export function priceInCredits(
  model: CatalogModel,
  mode: GenerationMode,
  params: ResolvedParameters,
  settings: PricingSettings,
): number {
  if (model.priceOverrideCredits !== null) return model.priceOverrideCredits;
  return creditsFromUsd(usdPrice(model.usdPricing, mode, params), settings);
}

/** The cheapest and dearest run of a model in a mode, for "from N credits" and balance estimates. */
export function priceRange(
  model: CatalogModel,
  mode: GenerationMode,
  settings: PricingSettings,
): { min: number; max: number } {
  const prices = parameterCombinations(model, mode).map((params) => priceInCredits(model, mode, params, settings));
  return { min: Math.min(...prices), max: Math.max(...prices) };
}

function assertWhole(name: keyof PricingSettings, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`pricing setting ${name} must be a whole number of at least ${min}, got ${value}`);
  }
}
