/**
 * The ways an admin action can be refused; each maps to one localized message on the admin screens.
 * The ledger's own adjustment errors (src/domain/ledger/balance-adjustment.ts) are reused as they are.
 */

/** No such user, or the account was erased and is only a pseudonym now. */
export class AdminUserNotFoundError extends Error {
  constructor(readonly userId: number) {
    super(`no user ${userId} an admin could act on`);
    this.name = "AdminUserNotFoundError";
  }
}

/** A ban or an unban without a reason: the user is told why, and the audit log keeps it. */
export class AdminReasonRequiredError extends Error {
  constructor() {
    super("this admin action needs a reason");
    this.name = "AdminReasonRequiredError";
  }
}

export class AdminReasonTooLongError extends Error {
  constructor(readonly maxLength: number) {
    super(`a reason has at most ${maxLength} characters`);
    this.name = "AdminReasonTooLongError";
  }
}

/** Unban of a user who is not banned (an outdated button). */
export class UserNotBannedError extends Error {
  constructor(readonly userId: number) {
    super(`user ${userId} is not banned`);
    this.name = "UserNotBannedError";
  }
}

export class GenerationNotFoundError extends Error {
  constructor(readonly generationId: number) {
    super(`no generation ${generationId}`);
    this.name = "GenerationNotFoundError";
  }
}

/** A trial generation cost no credits: there is nothing to give back (the original system paid one out). */
export class TrialGenerationRefundError extends Error {
  constructor(readonly generationId: number) {
    super(`generation ${generationId} was a free trial; it has no credits to refund`);
    this.name = "TrialGenerationRefundError";
  }
}

/** Refunded before, by the automatic failure path or by an admin: a generation is refunded once. */
export class GenerationAlreadyRefundedError extends Error {
  constructor(readonly generationId: number) {
    super(`generation ${generationId} was already refunded`);
    this.name = "GenerationAlreadyRefundedError";
  }
}

/** Still being made: its own failure path refunds it if it fails, so a manual refund now could pay twice. */
export class GenerationStillRunningError extends Error {
  constructor(readonly generationId: number) {
    super(`generation ${generationId} is still in progress`);
    this.name = "GenerationStillRunningError";
  }
}

/** Longest reason kept for bans and unbans; the same bound as balance adjustments. */
export const MAX_REASON_LENGTH = 500;

/** The reason as stored: trimmed, required, bounded. */
export function checkedReason(raw: string): string {
  const reason = raw.trim();
  if (reason === "") throw new AdminReasonRequiredError();
  if ([...reason].length > MAX_REASON_LENGTH) throw new AdminReasonTooLongError(MAX_REASON_LENGTH);
  return reason;
}
