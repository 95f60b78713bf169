import type { ExchangeRate } from "../settings/business-settings.js";

/**
 * Credits bought by `stars` Stars: stars × credits ÷ stars-of-the-rate, rounded down to a whole credit
 * (docs/decisions/0002-credits-rounding.md). Computed once, when the order is made: the user sees this
 * number before paying, and it is the number granted and, on refund, taken back.
 */
export function creditsForStars(stars: number, rate: ExchangeRate): number {
  const numerator = stars * rate.credits;
  if (!Number.isSafeInteger(numerator)) throw new RangeError(`${stars} Stars at ${rate.credits}/${rate.stars} overflows`);
  return (numerator - (numerator % rate.stars)) / rate.stars;
}
