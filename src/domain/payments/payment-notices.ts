import type { StarPayment } from "./star-payments.js";

/**
 * A translation function in one language: ctx.tr in the bot, or the translator bound to a recipient's
 * locale in jobs. Keeps these notices free of grammY while the bot and the worker send the same words.
 */
export type Translate = (key: string, variables?: Record<string, string | number>) => string;

/** "1,000 credits" / "1 000 кредитов" / "1 000 kredit", with the language's plural rules. */
export function creditsText(t: Translate, count: number): string {
  return t("money-credits", { count });
}

/** Told to the payer once a charge is credited, by whichever path credited it. */
export function paymentCreditedNotice(t: Translate, payment: { credits: number; stars: number; balance: number }): string {
  return t("payment-credited", {
    credits: creditsText(t, payment.credits),
    stars: payment.stars,
    balance: creditsText(t, payment.balance),
  });
}

/** Told to the payer once a refund of theirs has been reversed. */
export function paymentRefundedNotice(t: Translate, refund: { stars: number; deducted: number; balance: number }): string {
  return t("payment-refunded", {
    stars: refund.stars,
    credits: creditsText(t, refund.deducted),
    balance: creditsText(t, refund.balance),
  });
}

/** Told to admins about a charge that granted nothing, with what they need to credit or refund it. */
export function unmatchedPaymentAlert(t: Translate, payment: StarPayment): string {
  const reason = payment.unmatchedReason ?? "order_not_found";
  return t("payment-alert-unmatched", {
    stars: payment.stars,
    reason: t(`payment-alert-reason-${reason.replaceAll("_", "-")}`),
    payerId: String(payment.payerTelegramId),
    chargeId: payment.chargeId,
    payload: payment.payload,
  });
}
