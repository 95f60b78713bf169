import type { Executor } from "../../db/client.js";
import { LEDGER_KINDS } from "./ledger-kinds.js";
import { credit, debit, type LedgerEntry } from "./ledger.js";

/** Longest reason kept; the admin screens show it in lists. */
export const MAX_ADJUSTMENT_REASON_LENGTH = 500;

/** An adjustment without a reason: every manual change of money must say why. */
export class AdjustmentReasonRequiredError extends Error {
  constructor() {
    super("a balance adjustment needs a reason");
    this.name = "AdjustmentReasonRequiredError";
  }
}

/** The reason is longer than MAX_ADJUSTMENT_REASON_LENGTH characters. */
export class AdjustmentReasonTooLongError extends Error {
  constructor(readonly maxLength: number) {
    super(`a balance adjustment reason has at most ${maxLength} characters`);
    this.name = "AdjustmentReasonTooLongError";
  }
}

/** A zero or fractional change: nothing an admin could mean. */
export class InvalidAdjustmentAmountError extends Error {
  constructor(delta: number) {
    super(`a balance adjustment must be a non-zero whole number of credits, got ${delta}`);
    this.name = "InvalidAdjustmentAmountError";
  }
}

export interface BalanceAdjustment {
  userId: number;
  /** Credits to add (positive) or take (negative). */
  delta: number;
  reason: string;
  /** The admin's Telegram id, kept in the entry's reference for the audit trail. */
  adminTelegramId: number;
  /**
   * Names this one adjustment (e.g. the admin screen's request id), so a double-pressed button or a
   * retried request applies it once.
   */
  idempotencyKey: string;
}

export type AdjustmentResult =
  | { ok: true; applied: boolean; entry: LedgerEntry; balanceAfter: number }
  | { ok: false; reason: "insufficient_funds"; balance: number };

/**
 * An admin's manual change of a balance. A negative change never takes the balance below zero: it is
 * refused with the current balance instead, so the admin can decide what to do.
 */
export async function adjustBalance(db: Executor, adjustment: BalanceAdjustment): Promise<AdjustmentResult> {
  const reason = adjustment.reason.trim();
  if (reason === "") throw new AdjustmentReasonRequiredError();
  if (reason.length > MAX_ADJUSTMENT_REASON_LENGTH) throw new AdjustmentReasonTooLongError(MAX_ADJUSTMENT_REASON_LENGTH);
  if (!Number.isSafeInteger(adjustment.delta) || adjustment.delta === 0) throw new InvalidAdjustmentAmountError(adjustment.delta);
  const posting = {
    userId: adjustment.userId,
    amount: Math.abs(adjustment.delta),
    kind: LEDGER_KINDS.adminAdjustment,
    reference: `admin:${adjustment.adminTelegramId}`,
    note: reason,
    idempotencyKey: `admin_adjustment:${adjustment.idempotencyKey}`,
  };
  if (adjustment.delta > 0) return { ok: true, ...(await credit(db, posting)) };
  return debit(db, posting);
}
