import type { Executor } from "../../db/client.js";
import { referrals, users } from "../../db/schema/index.js";
import type { TelegramIdentity } from "../users/user-repository.js";
import { findReferrerByCode } from "./referral-codes.js";

export type BindOutcome =
  | { status: "bound"; inviteeUserId: number; referrerUserId: number }
  /** No user has this code (mistyped, forged, or the owner's account was erased). */
  | { status: "unknown_code" }
  /** The user existed before this update: an existing user cannot be referred, whatever the link. */
  | { status: "existing_user" };

/**
 * Creates the user who opened a referral link and binds them to the referrer, in one transaction.
 * Creating the row and binding it are the same step, so "brand-new" needs no guess: if the insert finds
 * the user already there (an earlier visit, or a concurrent first update that won the race), nothing is
 * bound. Self-referral is impossible for the same reason — a user has no code before their row exists —
 * and the referrals table refuses it besides. Called before the user middleware, which then finds the
 * row and only refreshes it.
 */
export async function createReferredUser(db: Executor, identity: TelegramIdentity, code: string): Promise<BindOutcome> {
  const referrerUserId = await findReferrerByCode(db, code);
  if (referrerUserId === undefined) return { status: "unknown_code" };
  return db.transaction(async (tx) => {
    const created = await tx
      .insert(users)
      .values({
        telegramId: identity.id,
        username: identity.username ?? null,
        firstName: identity.first_name,
        lastName: identity.last_name ?? null,
        languageCode: identity.language_code ?? null,
      })
      .onConflictDoNothing({ target: users.telegramId })
      .returning({ id: users.id });
    const invitee = created[0];
    if (!invitee) return { status: "existing_user" };
    await tx.insert(referrals).values({ inviteeUserId: invitee.id, referrerUserId });
    return { status: "bound", inviteeUserId: invitee.id, referrerUserId };
  });
}
