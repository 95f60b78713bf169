import { and, eq, inArray, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/client.js";
import { broadcastRecipients, users } from "../../db/schema/index.js";
import { LOCALES, type Locale } from "../../config.js";
import { broadcastRecipientCondition, type BroadcastAudience } from "../privacy/broadcast-audience.js";
import { effectiveLocaleSql } from "./audience.js";
import { RECIPIENT_STATUS, type RecipientStatus } from "./broadcast-status.js";

/** A recipient a worker now holds: send to `telegramId` unless `eligible` is false (then skip). */
export interface ClaimedRecipient {
  userId: number;
  /** Null when the account was erased since the broadcast started. */
  telegramId: number | null;
  /** Still in the audience: not banned, blocked, opted out (unless a service notice) or deleted since the broadcast started. */
  eligible: boolean;
  /** Their interface language now: a service notice is marked in it. */
  locale: Locale;
  /** Errors so far (rate limits do not count). */
  attempts: number;
}

/**
 * Claims up to `limit` pending recipients whose retry time has come, in one statement: `for update skip
 * locked` lets any number of workers claim at once and never the same row. The privacy rule the
 * broadcast is sent under is checked again here, because a user may have opted out, been banned or
 * asked for deletion after the broadcast started.
 */
export async function claimRecipients(
  db: Executor,
  broadcastId: number,
  limit: number,
  under: { rule: BroadcastAudience; defaultLocale: Locale },
): Promise<ClaimedRecipient[]> {
  const claimed = await db
    .update(broadcastRecipients)
    .set({ status: RECIPIENT_STATUS.sending, claimedAt: sql`now()` })
    .where(
      and(
        eq(broadcastRecipients.broadcastId, broadcastId),
        sql`${broadcastRecipients.userId} in (
          select r.user_id from broadcast_recipients r
          where r.broadcast_id = ${broadcastId} and r.status = ${RECIPIENT_STATUS.pending} and r.next_attempt_at <= now()
          order by r.user_id
          limit ${limit}
          for update skip locked)`,
      ),
    )
    .returning({ userId: broadcastRecipients.userId, attempts: broadcastRecipients.attempts });
  if (claimed.length === 0) return [];
  const people = await db
    .select({
      id: users.id,
      telegramId: users.telegramId,
      eligible: sql<boolean>`(${broadcastRecipientCondition(under.rule)})`,
      locale: effectiveLocaleSql(under.defaultLocale),
    })
    .from(users)
    .where(inArray(users.id, claimed.map((c) => c.userId)));
  const byId = new Map(people.map((p) => [p.id, p]));
  return claimed
    .map((c) => {
      const person = byId.get(c.userId);
      const locale = LOCALES.find((l) => l === person?.locale) ?? under.defaultLocale;
      return { userId: c.userId, attempts: c.attempts, telegramId: person?.telegramId ?? null, eligible: Boolean(person?.eligible), locale };
    })
    .sort((a, b) => a.userId - b.userId);
}

/** Records a delivered copy, right after Telegram accepted it: from now on nobody sends it again. */
export async function markSent(db: Executor, broadcastId: number, userId: number, messageId: number): Promise<void> {
  await settle(db, broadcastId, userId, { status: RECIPIENT_STATUS.sent, sentAt: sql`now()`, messageId, error: null });
}

/** Telegram said the user cannot be reached (403): final, never retried. */
export async function markBlocked(db: Executor, broadcastId: number, userId: number, description: string): Promise<void> {
  await settle(db, broadcastId, userId, { status: RECIPIENT_STATUS.blocked, error: description.slice(0, 300) });
}

/** Out of the audience by now: nothing is sent. */
export async function markSkipped(db: Executor, broadcastId: number, userId: number): Promise<void> {
  await settle(db, broadcastId, userId, { status: RECIPIENT_STATUS.skipped });
}

/** Failed for good. */
export async function markFailed(db: Executor, broadcastId: number, userId: number, description: string): Promise<void> {
  await settle(db, broadcastId, userId, { status: RECIPIENT_STATUS.failed, error: description.slice(0, 300) });
}

/** An error worth retrying: counted, and the row waits `delayMs` before it can be claimed again. */
export async function scheduleRetry(db: Executor, broadcastId: number, userId: number, description: string, delayMs: number): Promise<void> {
  await settle(db, broadcastId, userId, {
    status: RECIPIENT_STATUS.pending,
    attempts: sql`${broadcastRecipients.attempts} + 1`,
    nextAttemptAt: sql`now() + make_interval(secs => ${delayMs / 1000})`,
    error: description.slice(0, 300),
  });
}

/** Gives a claimed row back untouched (rate limited, paused, shutting down): it is sent later, once. */
export async function releaseRecipient(db: Executor, broadcastId: number, userId: number): Promise<void> {
  await settle(db, broadcastId, userId, { status: RECIPIENT_STATUS.pending });
}

/**
 * Rows a worker claimed so long ago that it must have died mid-send. Whether Telegram received that
 * send is unknowable, and a duplicate is worse than a gap for a broadcast: they are failed, not resent.
 */
export async function failAbandonedClaims(db: Executor, broadcastId: number, olderThanMs: number): Promise<number> {
  const rows = await db
    .update(broadcastRecipients)
    .set({ status: RECIPIENT_STATUS.failed, claimedAt: null, error: "worker stopped during the send; not resent to avoid a duplicate" })
    .where(
      and(
        eq(broadcastRecipients.broadcastId, broadcastId),
        eq(broadcastRecipients.status, RECIPIENT_STATUS.sending),
        sql`${broadcastRecipients.claimedAt} < now() - make_interval(secs => ${olderThanMs / 1000})`,
      ),
    )
    .returning({ userId: broadcastRecipients.userId });
  return rows.length;
}

export type RecipientCounts = Record<RecipientStatus, number> & { total: number };

/** How many recipients are in each state (progress and summary). */
export async function recipientCounts(db: Executor, broadcastId: number): Promise<RecipientCounts> {
  const rows = await db
    .select({ status: broadcastRecipients.status, n: sql<number>`count(*)::int` })
    .from(broadcastRecipients)
    .where(eq(broadcastRecipients.broadcastId, broadcastId))
    .groupBy(broadcastRecipients.status);
  const counts: RecipientCounts = { pending: 0, sending: 0, sent: 0, blocked: 0, failed: 0, skipped: 0, total: 0 };
  for (const row of rows) {
    if (row.status in counts) counts[row.status as RecipientStatus] = row.n;
    counts.total += row.n;
  }
  return counts;
}

/** When the earliest waiting retry becomes due, in ms from now (0 when one is due already); undefined when none waits. */
export async function nextRetryInMs(db: Executor, broadcastId: number): Promise<number | undefined> {
  const rows = await db
    .select({ ms: sql<number | null>`(extract(epoch from (min(${broadcastRecipients.nextAttemptAt}) - now())) * 1000)::float8` })
    .from(broadcastRecipients)
    .where(and(eq(broadcastRecipients.broadcastId, broadcastId), eq(broadcastRecipients.status, RECIPIENT_STATUS.pending)));
  const ms = rows[0]?.ms;
  return ms === null || ms === undefined ? undefined : Math.max(0, Number(ms));
}

type RecipientPatch = PgUpdateSetSource<typeof broadcastRecipients>;

/** Moves a claimed row on; only a row still in `sending` changes, so a stale worker cannot undo a settled one. */
async function settle(db: Executor, broadcastId: number, userId: number, patch: RecipientPatch): Promise<void> {
  await db
    .update(broadcastRecipients)
    .set({ claimedAt: null, ...patch })
    .where(
      and(
        eq(broadcastRecipients.broadcastId, broadcastId),
        eq(broadcastRecipients.userId, userId),
        eq(broadcastRecipients.status, RECIPIENT_STATUS.sending),
      ),
    );
}
