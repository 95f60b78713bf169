/** Why an account is marked for deletion; stored in users.deletion_reason. */
export const DELETION_REASONS = {
  /** The user sent /deleteme and confirmed (policy 6.2, 6.4 right to erasure, 6.5). */
  userRequest: "user_request",
  /** The user withdrew consent in the settings: the service rests on that consent (policy 6.4). */
  consentWithdrawn: "consent_withdrawn",
  /** Support verified a deletion request made by e-mail or message, and an admin executed it (policy 6.2). */
  adminRequest: "admin_request",
  /** An admin deleted an account reported as a child's (policy 7). */
  childAccount: "child_account",
} as const;

export type DeletionReason = (typeof DELETION_REASONS)[keyof typeof DELETION_REASONS];

/** Reasons a user can give themselves; the others come from an admin. */
export type UserDeletionReason = typeof DELETION_REASONS.userRequest | typeof DELETION_REASONS.consentWithdrawn;

/** Reasons an admin can give for an immediate erasure. */
export type AdminDeletionReason = typeof DELETION_REASONS.adminRequest | typeof DELETION_REASONS.childAccount;

/**
 * The reasons a user gives themselves, and the only ones they may take back: an erasure an admin
 * ordered (a verified request, a child's account) must not be undone by whoever holds the Telegram account.
 */
export const USER_DELETION_REASONS: readonly UserDeletionReason[] = [DELETION_REASONS.userRequest, DELETION_REASONS.consentWithdrawn];

export function isCancellableByUser(reason: string | null | undefined): boolean {
  return (USER_DELETION_REASONS as readonly (string | null | undefined)[]).includes(reason);
}
