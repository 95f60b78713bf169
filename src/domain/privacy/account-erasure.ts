import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { botSessions, generations, users } from "../../db/schema/index.js";
import type { Logger } from "../../infra/logger.js";
import { removeGalleryPostsOf, type GalleryRemovals } from "../gallery/gallery-removals.js";
import { ACTIVE_STATUSES } from "../generation/generation-status.js";
import { LEDGER_KINDS } from "../ledger/ledger-kinds.js";
import { debitAtMost } from "../ledger/ledger.js";
import type { AdminDeletionReason } from "./deletion-reasons.js";
import { findDueAccounts, markForDeletion } from "./deletion-requests.js";
import { MissingPurgeRuleError, purgeRuleFor, tablesWithoutPurgeRule } from "./purge-rules.js";
import { belongsTo, USER_DATA_TABLES, type UserDataTable } from "./user-data-tables.js";

/** Bounds one purge run; erasures are rare, and whatever is left is taken by the next run minutes later. */
const MAX_ACCOUNTS_PER_RUN = 1000;

/** Who erases: the purge job for requests that fell due, or an admin executing one at once. */
export type ErasureActor =
  | { kind: "scheduled" }
  | { kind: "admin"; adminTelegramId: number; reason: AdminDeletionReason };

export type ErasureOutcome =
  | { status: "erased"; userId: number; forfeitedCredits: number }
  | { status: "not_found" }
  | { status: "already_erased" }
  /** The scheduled purge found the request cancelled, or not due yet. */
  | { status: "not_due" }
  /**
   * A generation of the user is still running, or their posts are still in the gallery channel; the
   * account is marked and the purge job erases it once the generation settled (its deadline bounds the
   * wait) and the posts are gone (their removal job was enqueued with this outcome), so no worker writes
   * to an erased row and no channel message ids outlive what they were kept for.
   */
  | { status: "deferred"; activeGenerations: number; galleryPosts: number };

export interface ErasureDeps {
  db: Database;
  /**
   * Drops what other stores keep under the person's Telegram id: the cached profile in every process
   * and the Redis session. Called after the commit, so the next update from that Telegram account
   * finds no user and starts a new one.
   */
  forget(telegramId: number): Promise<void>;
  logger: Logger;
  galleryRemovals: GalleryRemovals;
}

export interface ErasureOptions {
  actor: ErasureActor;
  now: Date;
  /** For the scheduled purge: only a request due by then is erased. */
  dueBy?: Date;
  /** The tables to purge; the schema's by default (tests pass their own to prove the safety checks). */
  tables?: readonly UserDataTable[];
}

/**
 * Erases an account (policy 4.3, 6.2): in one transaction the balance is forfeited through a ledger
 * entry (so the pseudonymous ledger still sums), every table with user data gets its purge rule, and the
 * users row loses the Telegram id, names, username and languages. users.id stays as the pseudonym that
 * ledger and payment rows keep pointing to; the Telegram id is free, so the same person can start
 * again as a brand-new user. Posts in the gallery channel are taken down first (the erasure waits for
 * them, like for a running generation). Idempotent: a second call finds the account erased.
 */
export async function eraseAccount(deps: ErasureDeps, userId: number, options: ErasureOptions): Promise<ErasureOutcome> {
  const tables = options.tables ?? USER_DATA_TABLES;
  const uncovered = tablesWithoutPurgeRule(tables);
  if (uncovered.length > 0) throw new MissingPurgeRuleError(uncovered.map((t) => t.name));

  const outcome = await deps.db.transaction(async (tx) => {
    // The row lock orders us against a concurrent cancel, a second purge run and any balance change.
    const locked = await tx.select().from(users).where(eq(users.id, userId)).for("update");
    const user = locked[0];
    if (!user) return { status: "not_found" } as const;
    if (user.erasedAt) return { status: "already_erased" } as const;
    if (options.dueBy && (!user.deletionDueAt || user.deletionDueAt > options.dueBy)) return { status: "not_due" } as const;

    const active = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(generations)
      .where(and(eq(generations.userId, userId), inArray(generations.status, [...ACTIVE_STATUSES])));
    const activeGenerations = active[0]?.n ?? 0;
    // The account is marked, so its consent to be published is gone (galleryConsent) and the job removes everything.
    const galleryPosts = await removeGalleryPostsOf(tx, deps.galleryRemovals, userId);
    if (activeGenerations > 0 || galleryPosts > 0) return { status: "deferred", activeGenerations, galleryPosts } as const;

    let forfeitedCredits = 0;
    if (user.balance > 0) {
      const forfeited = await debitAtMost(tx, {
        userId,
        amount: user.balance,
        kind: LEDGER_KINDS.accountErasure,
        reference: options.actor.kind === "admin" ? `admin:${options.actor.adminTelegramId}` : `deletion:${user.deletionReason ?? "unknown"}`,
        idempotencyKey: `account_erasure:${userId}`,
      });
      forfeitedCredits = forfeited.deducted;
    }

    for (const entry of tables) {
      const rule = purgeRuleFor(entry.table);
      if (rule?.action === "delete") await tx.delete(entry.table).where(belongsTo(entry, userId));
      else if (rule?.action === "anonymize") await tx.update(entry.table).set(rule.set).where(belongsTo(entry, userId));
    }
    // Database-backed sessions (no Redis) are keyed by the chat id, which in a private chat is the Telegram id.
    if (user.telegramId !== null) await tx.delete(botSessions).where(eq(botSessions.key, String(user.telegramId)));

    await tx
      .update(users)
      .set({
        telegramId: null,
        username: null,
        firstName: null,
        lastName: null,
        languageCode: null,
        locale: null,
        broadcastOptIn: false,
        galleryOptIn: false,
        galleryReferencesOptIn: false,
        banReason: null,
        blockedAt: null,
        erasedAt: options.now,
        updatedAt: options.now,
      })
      .where(eq(users.id, userId));
    return { status: "erased", userId, forfeitedCredits, telegramId: user.telegramId, reason: user.deletionReason } as const;
  });

  if (outcome.status !== "erased") return outcome;
  if (outcome.telegramId !== null) await deps.forget(outcome.telegramId);
  const actor = options.actor.kind === "admin" ? { actor: "admin", adminTelegramId: options.actor.adminTelegramId } : { actor: "scheduled" };
  deps.logger.info({ userId, reason: outcome.reason, forfeitedCredits: outcome.forfeitedCredits, ...actor }, "account erased");
  return { status: "erased", userId, forfeitedCredits: outcome.forfeitedCredits };
}

/**
 * An admin's immediate erasure: a deletion request support verified (policy 6.2), or an account
 * reported as a child's (policy 7). The account is marked first, so the bot stops serving the person
 * at once even when a running generation defers the purge to the next job run.
 */
export async function eraseAccountNow(
  deps: ErasureDeps,
  userId: number,
  request: { adminTelegramId: number; reason: AdminDeletionReason },
  now: Date = new Date(),
): Promise<ErasureOutcome> {
  const marked = await markForDeletion(deps.db, userId, { reason: request.reason, requestedAt: now, dueAt: now });
  if (marked?.telegramId !== null && marked?.telegramId !== undefined) await deps.forget(marked.telegramId);
  return eraseAccount(deps, userId, { actor: { kind: "admin", ...request }, now });
}

export interface PurgeReport {
  erased: number;
  deferred: number;
  failed: number;
}

/**
 * Erases every account whose deletion is due by `dueBy`. One failing account does not stop the others;
 * failures are logged and counted, and the caller (a job) fails so the run is retried.
 */
export async function purgeDueAccounts(deps: ErasureDeps, now: Date, dueBy: Date): Promise<PurgeReport> {
  const report: PurgeReport = { erased: 0, deferred: 0, failed: 0 };
  for (const userId of await findDueAccounts(deps.db, dueBy, MAX_ACCOUNTS_PER_RUN)) {
    try {
      const outcome = await eraseAccount(deps, userId, { actor: { kind: "scheduled" }, now, dueBy });
      if (outcome.status === "erased") report.erased++;
      else if (outcome.status === "deferred") report.deferred++;
    } catch (error) {
      report.failed++;
      deps.logger.error({ err: error, userId }, "erasing an account failed");
    }
  }
  return report;
}
