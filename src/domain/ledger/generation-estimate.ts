import type { PaymentSettings } from "../settings/business-settings.js";

/**
 * "About N generations" for a number of credits: credits ÷ the reference generation price, rounded
 * down, so the estimate never promises a generation the credits cannot pay for. One rule for the
 * profile and the top-up buttons alike.
 */
export function estimatedGenerations(credits: number, settings: Pick<PaymentSettings, "referenceGenerationPrice">): number {
  return Math.floor(credits / settings.referenceGenerationPrice);
}
