import type { Config } from "../../config.js";
import type { RuntimeSettings } from "./setting-definitions.js";

/**
 * The config with its runtime-editable parts read from the current settings on every access: code
 * that reads `config.pricing`, `config.generationLimits.promptMaxLength` and the like at the moment
 * of use follows an admin's change without knowing about settings at all. Everything else is the
 * config as loaded. Readers that copy a value once (at construction) do not follow changes; give
 * them a getter or a function instead.
 */
export function liveConfig(config: Config, current: () => RuntimeSettings): Config {
  const live = { ...config };
  Object.defineProperties(live, {
    payments: { enumerable: true, get: () => current().payments },
    referrals: { enumerable: true, get: () => current().referrals },
    pricing: { enumerable: true, get: () => current().pricing },
    generationLimits: { enumerable: true, get: () => ({ ...config.generationLimits, ...current().generation }) },
    broadcasts: { enumerable: true, get: () => ({ ...config.broadcasts, ...current().broadcasts }) },
    generationWorker: {
      enumerable: true,
      get: () => ({ ...config.generationWorker, providerMinBalanceUsd: current().provider.minBalanceUsd }),
    },
  });
  return Object.freeze(live);
}
