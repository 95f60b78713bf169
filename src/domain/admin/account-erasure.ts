import type { Executor } from "../../db/client.js";
import type { ErasureOutcome } from "../privacy/account-erasure.js";
import type { AdminDeletionReason } from "../privacy/deletion-reasons.js";
import { ADMIN_ACTIONS, recordAdminAction } from "./audit-log.js";

/** The privacy capability's immediate erasure (PrivacyService.eraseNow), as the admin action needs it. */
export interface ImmediateErasure {
  eraseNow(userId: number, request: { adminTelegramId: number; reason: AdminDeletionReason }): Promise<ErasureOutcome>;
}

/**
 * An admin's erasure of an account at once: a deletion request support verified, or an account
 * reported as a child's. The erasure itself is the privacy capability's (src/domain/privacy); this adds
 * the audit record. It is written after the erasure, so it survives it; it names only the pseudonymous
 * id and the reason code.
 */
export async function eraseAccountByAdmin(
  db: Executor,
  privacy: ImmediateErasure,
  request: { adminTelegramId: number; userId: number; reason: AdminDeletionReason },
): Promise<ErasureOutcome> {
  const outcome = await privacy.eraseNow(request.userId, { adminTelegramId: request.adminTelegramId, reason: request.reason });
  if (outcome.status === "erased" || outcome.status === "deferred") {
    await recordAdminAction(db, {
      adminTelegramId: request.adminTelegramId,
      action: ADMIN_ACTIONS.accountErased,
      targetUserId: request.userId,
      before: { erased: false },
      after:
        outcome.status === "erased"
          ? { erased: true, forfeitedCredits: outcome.forfeitedCredits, reason: request.reason }
          : { erased: false, deferredFor: outcome.activeGenerations, reason: request.reason },
      reason: request.reason,
    });
  }
  return outcome;
}
