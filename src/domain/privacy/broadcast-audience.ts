import { and, asc, eq, gt, isNotNull, isNull, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { users } from "../../db/schema/index.js";
import type { UserProfile } from "../users/user-profile.js";

/**
 * Who a broadcast may reach:
 * - `optional`: news and announcements (policy 2.3 "if you've consented"): only users who kept
 *   broadcasts on in the settings (policy 6.3 opt-out).
 * - `essential`: notices users cannot turn off (policy 6.3), such as a change of the policy itself
 *   (policy 2.3, 11, "sending a notification through the bot"); the opt-out does not apply. Used by
 *   broadcasts an admin explicitly confirmed as service notices (src/domain/broadcasts/service-notice.ts).
 * Nobody is reached who never accepted the terms, blocked the bot, is banned, or whose account is
 * erased or waiting for deletion (the bot no longer serves them). Consent matters for essential
 * notices too: someone who never accepted the terms never became a user of the service, has nothing a
 * policy change could affect, and is shown the current policy before they can start; a message from
 * the bot would be one they never agreed to receive.
 */
export type BroadcastAudience = "optional" | "essential";

/** The rule as an SQL condition on `users`, for a sender that selects recipients in bulk. */
export function broadcastRecipientCondition(audience: BroadcastAudience): SQL {
  const reachable = and(
    isNotNull(users.telegramId),
    isNull(users.erasedAt),
    isNull(users.deletionDueAt),
    isNull(users.blockedAt),
    eq(users.banned, false),
    isNotNull(users.acceptedPolicyVersion),
  );
  const condition = audience === "optional" ? and(reachable, eq(users.broadcastOptIn, true)) : reachable;
  if (!condition) throw new Error("the broadcast condition is never empty");
  return condition;
}

/**
 * The same rule for one recipient, as a sender checks right before sending: a user may have opted out
 * or asked for deletion since the audience was selected.
 */
export function mayReceiveBroadcast(user: UserProfile, audience: BroadcastAudience): boolean {
  const reachable =
    !user.deletionDueAt && user.blockedAt === null && !user.banned && user.acceptedPolicyVersion !== null;
  return reachable && (audience === "essential" || user.broadcastOptIn);
}

export interface BroadcastRecipient {
  userId: number;
  telegramId: number;
  locale: string | null;
  languageCode: string | null;
}

/** One page of recipients in users.id order; pass the last id seen as `afterUserId` for the next page. */
export async function listBroadcastRecipients(
  db: Executor,
  audience: BroadcastAudience,
  page: { afterUserId: number; limit: number },
): Promise<BroadcastRecipient[]> {
  const rows = await db
    .select({ userId: users.id, telegramId: users.telegramId, locale: users.locale, languageCode: users.languageCode })
    .from(users)
    .where(and(broadcastRecipientCondition(audience), gt(users.id, page.afterUserId)))
    .orderBy(asc(users.id))
    .limit(page.limit);
  return rows.flatMap((r) => (r.telegramId === null ? [] : [{ ...r, telegramId: r.telegramId }]));
}
