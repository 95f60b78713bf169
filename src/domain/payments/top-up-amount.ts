import type { PaymentSettings } from "../settings/business-settings.js";
import { creditsForStars } from "./exchange-rate.js";

/** Top-ups are switched off (PAYMENTS_ENABLED=0, or later by an admin). */
export class PaymentsDisabledError extends Error {
  constructor() {
    super("payments are disabled");
    this.name = "PaymentsDisabledError";
  }
}

/** A typed amount that is not a whole number of Stars. */
export class TopUpAmountNotANumberError extends Error {
  constructor() {
    super("the amount must be digits only");
    this.name = "TopUpAmountNotANumberError";
  }
}

/** A typed amount below the configured minimum. */
export class TopUpAmountTooSmallError extends Error {
  constructor(readonly minStars: number) {
    super(`the amount must be at least ${minStars} Stars`);
    this.name = "TopUpAmountTooSmallError";
  }
}

/** A typed amount above the configured maximum. */
export class TopUpAmountTooLargeError extends Error {
  constructor(readonly maxStars: number) {
    super(`the amount must be at most ${maxStars} Stars`);
    this.name = "TopUpAmountTooLargeError";
  }
}

/** What a top-up of some Stars buys, before any order exists. */
export interface TopUpQuote {
  stars: number;
  credits: number;
}

/**
 * Reads a typed amount: digits only, spaces (thousands separators some keyboards insert) and a trailing
 * ⭐ tolerated, then checked against the custom bounds.
 */
export function parseCustomStars(text: string, settings: PaymentSettings): TopUpQuote {
  const compact = text.replace(/[\s\u00a0\u202f]/g, "").replace(/⭐$/u, "");
  if (!/^\d+$/.test(compact)) throw new TopUpAmountNotANumberError();
  // Very long digit strings are simply too large; Number() of them would lose precision.
  const stars = compact.replace(/^0+(?=\d)/, "").length > 9 ? Number.MAX_SAFE_INTEGER : Number(compact);
  return quoteTopUp(stars, settings);
}

/**
 * The quote for an amount that is either one of the presets or within the custom bounds. Callback data
 * can be forged, so a chosen amount is checked here again rather than trusted.
 */
export function quoteTopUp(stars: number, settings: PaymentSettings): TopUpQuote {
  if (!settings.enabled) throw new PaymentsDisabledError();
  if (!Number.isSafeInteger(stars)) throw new TopUpAmountNotANumberError();
  if (!settings.presetStars.includes(stars)) {
    if (stars < settings.customMinStars) throw new TopUpAmountTooSmallError(settings.customMinStars);
    if (stars > settings.customMaxStars) throw new TopUpAmountTooLargeError(settings.customMaxStars);
  }
  const credits = creditsForStars(stars, settings.exchangeRate);
  // Configuration guarantees the minimum buys at least one credit; this keeps a forged amount out too.
  if (credits < 1) throw new TopUpAmountTooSmallError(settings.customMinStars);
  return { stars, credits };
}
