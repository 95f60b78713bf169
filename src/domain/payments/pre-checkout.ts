import type { Executor } from "../../db/client.js";
import type { PaymentSettings } from "../settings/business-settings.js";
import { findOrderByPayload, ORDER_STATUS, type StarOrder } from "./orders.js";

/**
 * Why a pre-checkout query is refused; each has its own localized message (payment-refused-<reason>).
 * A banned payer never gets here: the ban guard refuses them first with the ban notice.
 */
export type PreCheckoutRefusal =
  | "payments_disabled"
  | "order_not_found"
  | "order_not_yours"
  | "order_already_paid"
  | "order_expired"
  | "amount_mismatch";

export type PreCheckoutVerdict = { ok: true; order: StarOrder } | { ok: false; reason: PreCheckoutRefusal };

export interface PreCheckoutRequest {
  payload: string;
  /** users.id of the payer (loaded by the bot before this check). */
  payerUserId: number;
  currency: string;
  totalAmount: number;
}

/**
 * Decides a pre-checkout query with at most one indexed query, because Telegram cancels the payment if
 * the answer takes longer than 10 seconds. Approval proves nothing: credits come only with the
 * successful payment.
 */
export async function checkPreCheckout(
  db: Executor,
  settings: Pick<PaymentSettings, "enabled">,
  request: PreCheckoutRequest,
  now: Date = new Date(),
): Promise<PreCheckoutVerdict> {
  if (!settings.enabled) return { ok: false, reason: "payments_disabled" };
  const order = await findOrderByPayload(db, request.payload);
  if (!order) return { ok: false, reason: "order_not_found" };
  if (order.userId !== request.payerUserId) return { ok: false, reason: "order_not_yours" };
  if (order.status !== ORDER_STATUS.pending) return { ok: false, reason: "order_already_paid" };
  if (request.currency !== "XTR" || request.totalAmount !== order.stars) return { ok: false, reason: "amount_mismatch" };
  if (order.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "order_expired" };
  return { ok: true, order };
}
