import type { Executor } from "../../db/client.js";
import type { StarsGateway } from "./stars-gateway.js";
import { findPayment, NO_PURCHASE_HOOKS, reversePayment, type PurchaseHooks, type ReversalOutcome } from "./star-payments.js";

/** An admin asked to refund a charge we have no record of. */
export class StarPaymentNotFoundError extends Error {
  constructor(readonly chargeId: string) {
    super(`no Stars payment with charge id ${chargeId}`);
    this.name = "StarPaymentNotFoundError";
  }
}

export interface StarRefundResult {
  /** What Telegram did: refunded now, or had refunded before (CHARGE_ALREADY_REFUNDED). */
  telegram: "refunded" | "already_refunded";
  /** What this call did to the credits: "already_reversed" when another path (or an earlier call) did it. */
  credits: ReversalOutcome;
  /**
   * Credits taken back for this charge and the part the user had already spent, whichever path did
   * the reversal: Telegram's refunded_payment update can arrive before this call gets to it.
   */
  deducted: number;
  shortfall: number;
}

/**
 * An admin's refund of a Stars payment: Telegram returns the Stars, then exactly the credits that
 * payment granted are taken back, never below zero; what the user had already spent is the reported
 * shortfall (also stored on the payment). Safe to repeat: a second call finds Telegram's
 * refund done and the reversal applied, and changes nothing. If we crash between the two steps, the
 * refunded_payment update or reconciliation completes the reversal. Pass the app's `hooks`, so the
 * referral commission of the purchase is taken back with it.
 */
export async function refundStarPayment(
  db: Executor,
  gateway: StarsGateway,
  chargeId: string,
  hooks: PurchaseHooks = NO_PURCHASE_HOOKS,
): Promise<StarRefundResult> {
  const payment = await findPayment(db, chargeId);
  if (!payment) throw new StarPaymentNotFoundError(chargeId);
  // Errors other than "already refunded" propagate: the Stars did not move, so neither may the credits.
  const telegram = await gateway.refundStarPayment(payment.payerTelegramId, chargeId);
  const credits = await reversePayment(db, chargeId, hooks);
  if (credits.status === "reversed") return { telegram, credits, deducted: credits.deducted, shortfall: credits.shortfall };
  const stored = credits.status === "not_found" ? undefined : credits.payment;
  return { telegram, credits, deducted: stored?.refundedCredits ?? 0, shortfall: stored?.refundShortfall ?? 0 };
}
