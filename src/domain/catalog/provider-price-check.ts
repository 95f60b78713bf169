import type { Logger } from "../../infra/logger.js";
import type { WavespeedClient } from "../../providers/wavespeed/index.js";
import { GENERATION_MODES, TOOL_PRICING_MODE, type CatalogModel, type GenerationMode } from "./catalog-model.js";
import { resolveParameters, type ResolvedParameters } from "./parameters.js";
import { usdPrice } from "./pricing.js";

/** One price point where the provider's quote and the stored USD table disagree. */
export interface ProviderPriceDifference {
  readonly modelKey: string;
  readonly mode: GenerationMode;
  readonly providerModelId: string;
  readonly params: ResolvedParameters;
  readonly storedUsd: number;
  readonly providerUsd: number;
}

/** A price point the provider could not quote. */
export interface ProviderPriceFailure {
  readonly modelKey: string;
  readonly mode: GenerationMode;
  readonly providerModelId: string;
  readonly params: ResolvedParameters;
  readonly error: string;
}

export interface ProviderPriceReport {
  /** Price points asked about. */
  readonly checked: number;
  readonly differences: readonly ProviderPriceDifference[];
  readonly failures: readonly ProviderPriceFailure[];
}

/**
 * Asks Wavespeed's pricing endpoint about every price point of every model (the defaults, and each
 * variant of the USD table) and reports where it disagrees with the stored table. Nothing is changed:
 * a provider price change is a business decision (raise ours, or absorb it), so an admin applies it
 * with `setUsdPricing`. Slow and network-bound: run it from a scheduled job, never on a user's path.
 * Requests go one at a time to stay far from the account's rate limit.
 */
export async function checkProviderPrices(
  client: Pick<WavespeedClient, "getPrice">,
  models: readonly CatalogModel[],
  logger: Pick<Logger, "info" | "warn">,
): Promise<ProviderPriceReport> {
  const differences: ProviderPriceDifference[] = [];
  const failures: ProviderPriceFailure[] = [];
  let checked = 0;
  for (const model of models) {
    // A tool has one model id and one mode, and takes no prompt.
    const modes = model.kind === "tool" ? [TOOL_PRICING_MODE] : GENERATION_MODES;
    for (const mode of modes) {
      const providerModelId = model.providerModelIds[mode];
      for (const params of pricePoints(model, mode)) {
        checked++;
        const storedUsd = usdPrice(model.usdPricing, mode, params);
        let providerUsd: number;
        try {
          // The first implementation's quotes carried a prompt; the endpoint may expect the model's required inputs.
          providerUsd = await client.getPrice(providerModelId, model.kind === "tool" ? { ...params } : { prompt: "test", ...params });
        } catch (error) {
          failures.push({ modelKey: model.key, mode, providerModelId, params, error: String(error) });
          continue;
        }
        if (toMicroUsd(providerUsd) !== toMicroUsd(storedUsd)) {
          differences.push({ modelKey: model.key, mode, providerModelId, params, storedUsd, providerUsd });
        }
      }
    }
  }
  for (const difference of differences) logger.warn({ ...difference }, "provider price differs from the catalog's USD table");
  for (const failure of failures) logger.warn({ ...failure }, "provider price check failed");
  logger.info({ checked, differences: differences.length, failures: failures.length }, "provider prices checked");
  return { checked, differences, failures };
}

/** The defaults, plus each variant's parameters over the defaults: one point per row of the USD table. */
function pricePoints(model: CatalogModel, mode: GenerationMode): ResolvedParameters[] {
  const defaults = resolveParameters(model, mode, {});
  const points = new Map<string, ResolvedParameters>([[JSON.stringify(defaults), defaults]]);
  for (const variant of model.usdPricing.variants) {
    if (variant.mode !== undefined && variant.mode !== mode) continue;
    const params = resolveParameters(model, mode, { ...defaults, ...variant.when });
    points.set(JSON.stringify(params), params);
  }
  return [...points.values()];
}

function toMicroUsd(usd: number): number {
  return Math.round(usd * 1_000_000);
}
