import type { Database } from "../../db/client.js";
import { findPayment, type PurchaseHooks } from "../payments/star-payments.js";
import { refundStarPayment, StarPaymentNotFoundError, type StarRefundResult } from "../payments/star-refund.js";
import type { StarsGateway } from "../payments/stars-gateway.js";
import { ADMIN_ACTIONS, recordAdminAction } from "./audit-log.js";

/**
 * An admin's refund of a Stars payment: the payments issue's operation (Telegram returns the Stars,
 * then the payment's credits are taken back, never below zero), audited afterwards with the payment
 * before and after. Telegram moves first, so the record follows the refund rather than sharing its
 * transaction; a repeated refund changes nothing and is recorded as what it was.
 */
export async function refundPaymentByAdmin(
  db: Database,
  gateway: StarsGateway,
  hooks: PurchaseHooks,
  request: { adminTelegramId: number; chargeId: string },
): Promise<StarRefundResult> {
  const before = await findPayment(db, request.chargeId);
  if (!before) throw new StarPaymentNotFoundError(request.chargeId);
  const result = await refundStarPayment(db, gateway, request.chargeId, hooks);
  await recordAdminAction(db, {
    adminTelegramId: request.adminTelegramId,
    action: ADMIN_ACTIONS.paymentRefunded,
    targetUserId: before.userId ?? undefined,
    target: `star_payment:${request.chargeId}`,
    before: { status: before.status, stars: before.stars, credits: before.credits },
    after: { status: "refunded", telegram: result.telegram, creditsTakenBack: result.deducted, shortfall: result.shortfall },
  });
  return result;
}
