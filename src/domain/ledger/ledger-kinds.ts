/**
 * Every kind of ledger entry. Writes and statistics use these same constants, so a report can never
 * filter on a kind nobody writes (the original system's dashboards summed kinds that did not exist).
 */
export const LEDGER_KINDS = {
  /** Credits bought with Telegram Stars (positive). */
  purchase: "purchase",
  /** A generation charged before it is submitted (negative). */
  generationCharge: "generation_charge",
  /** A failed generation given back (positive). */
  generationRefund: "generation_refund",
  /** An image tool charged (negative). */
  toolCharge: "tool_charge",
  /** A failed image tool given back (positive). */
  toolRefund: "tool_refund",
  /** The referrer's bonus when someone joins through their link (positive). */
  referralJoinBonus: "referral_join_bonus",
  /** The referrer's share of a referee's purchase (positive). */
  referralPurchaseBonus: "referral_purchase_bonus",
  /** That share taken back because the purchase was refunded (negative or zero). */
  referralPurchaseReversal: "referral_purchase_reversal",
  /** The invited user's own bonus for joining through a link (positive). */
  referralWelcomeBonus: "referral_welcome_bonus",
  /** A change made by an admin, with a required reason (either sign). */
  adminAdjustment: "admin_adjustment",
  /** Credits taken back because the Stars of a purchase were refunded (negative or zero). */
  paymentRefund: "payment_refund",
  /**
   * The balance left when an account was erased, forfeited (negative or absent): the pseudonymous
   * ledger keeps summing to the erased account's balance of 0 (src/domain/privacy).
   */
  accountErasure: "account_erasure",
} as const;

export type LedgerKind = (typeof LEDGER_KINDS)[keyof typeof LEDGER_KINDS];

export const ALL_LEDGER_KINDS: readonly LedgerKind[] = Object.values(LEDGER_KINDS);

export function isLedgerKind(value: unknown): value is LedgerKind {
  return typeof value === "string" && (ALL_LEDGER_KINDS as readonly string[]).includes(value);
}
