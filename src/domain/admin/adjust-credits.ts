import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { users } from "../../db/schema/index.js";
import { adjustBalance, type AdjustmentResult } from "../ledger/balance-adjustment.js";
import { ADMIN_ACTIONS, recordAdminAction } from "./audit-log.js";
import { AdminUserNotFoundError } from "./admin-errors.js";

export interface CreditAdjustmentRequest {
  adminTelegramId: number;
  userId: number;
  /** Credits to add (positive) or take (negative). */
  delta: number;
  reason: string;
  /**
   * Names this request (the admin's message that confirmed it), so a redelivered update or a second
   * press applies it once and is audited once.
   */
  requestKey: string;
}

/**
 * An admin's change of a user's balance, through the ledger (kind admin_adjustment, with the reason),
 * audited in the same transaction with the balance before and after. A debit larger than the balance is
 * refused with the current balance: balances never go negative.
 */
export async function adjustCredits(db: Database, request: CreditAdjustmentRequest): Promise<AdjustmentResult> {
  return db.transaction(async (tx) => {
    // The row lock keeps "before" true until the adjustment is written.
    const locked = await tx.select({ balance: users.balance, telegramId: users.telegramId }).from(users).where(eq(users.id, request.userId)).for("update");
    const before = locked[0];
    if (!before || before.telegramId === null) throw new AdminUserNotFoundError(request.userId);
    const result = await adjustBalance(tx, {
      userId: request.userId,
      delta: request.delta,
      reason: request.reason,
      adminTelegramId: request.adminTelegramId,
      idempotencyKey: `${request.adminTelegramId}:${request.requestKey}`,
    });
    if (result.ok && result.applied) {
      await recordAdminAction(tx, {
        adminTelegramId: request.adminTelegramId,
        action: ADMIN_ACTIONS.creditsAdjusted,
        targetUserId: request.userId,
        target: `ledger_entry:${result.entry.id}`,
        before: { balance: before.balance },
        after: { balance: result.balanceAfter, delta: request.delta },
        reason: request.reason.trim(),
      });
    }
    return result;
  });
}
