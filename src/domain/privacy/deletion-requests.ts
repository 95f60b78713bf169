import { and, asc, eq, inArray, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { users, type UserRow } from "../../db/schema/index.js";
import { isCancellableByUser, USER_DELETION_REASONS, type DeletionReason } from "./deletion-reasons.js";

const DAY_MS = 24 * 3600 * 1000;

/** The moment a request made at `now` becomes due, after the grace period. */
export function deletionDueAt(now: Date, graceDays: number): Date {
  return new Date(now.getTime() + graceDays * DAY_MS);
}

/**
 * Marks an account for deletion. A request while one is pending changes nothing (the user keeps the
 * date they were told), except that an admin's reason replaces the user's own, so the user can no
 * longer cancel it and the admin's due date applies. Returns the row as it now is; undefined for an
 * unknown or already erased account.
 */
export async function markForDeletion(
  db: Executor,
  userId: number,
  request: { reason: DeletionReason; requestedAt: Date; dueAt: Date },
): Promise<UserRow | undefined> {
  const byAdmin = !isCancellableByUser(request.reason);
  const rows = await db
    .update(users)
    .set({
      deletionRequestedAt: request.requestedAt,
      deletionDueAt: request.dueAt,
      deletionReason: request.reason,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(users.id, userId),
        isNull(users.erasedAt),
        byAdmin ? undefined : isNull(users.deletionDueAt),
      ),
    )
    .returning();
  if (rows[0]) return rows[0];
  const current = await db.select().from(users).where(and(eq(users.id, userId), isNull(users.erasedAt)));
  return current[0];
}

/**
 * Takes back the user's own pending request. Returns the updated row, or undefined when nothing was
 * pending, the request came from an admin, or the account is already erased.
 */
export async function cancelDeletion(db: Executor, userId: number): Promise<UserRow | undefined> {
  const rows = await db
    .update(users)
    .set({ deletionRequestedAt: null, deletionDueAt: null, deletionReason: null, updatedAt: sql`now()` })
    .where(
      and(
        eq(users.id, userId),
        isNull(users.erasedAt),
        isNotNull(users.deletionDueAt),
        inArray(users.deletionReason, [...USER_DELETION_REASONS]),
      ),
    )
    .returning();
  return rows[0];
}

/** Accounts whose erasure is due by `dueBy`, oldest first, at most `limit`. */
export async function findDueAccounts(db: Executor, dueBy: Date, limit: number): Promise<number[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(isNotNull(users.deletionDueAt), isNull(users.erasedAt), lte(users.deletionDueAt, dueBy)))
    .orderBy(asc(users.deletionDueAt))
    .limit(limit);
  return rows.map((r) => r.id);
}
