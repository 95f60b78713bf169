import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { generations, ledgerEntries, starPayments, users } from "../../db/schema/index.js";
import { GENERATION_STATUS } from "../generation/generation-status.js";
import { LEDGER_KINDS } from "../ledger/ledger-kinds.js";
import { PAYMENT_STATUS } from "../payments/star-payments.js";

/**
 * The numbers of the admin statistics screen and the daily report. Every figure is a query over the
 * same constants the writes use (ledger kinds, payment and generation statuses), so a report can
 * never count a kind nobody writes — the original system's dashboards did, and showed zeros.
 */

const DAY_MS = 24 * 3600 * 1000;

/** A half-open time range [from, to). */
export interface TimeRange {
  from: Date;
  to: Date;
}

export interface UserStatistics {
  /** Accounts with a Telegram identity (erased accounts are pseudonyms and not counted). */
  total: number;
  newToday: number;
  new7d: number;
  new30d: number;
  /** Seen (any update) within the last 7 / 30 days. */
  active7d: number;
  active30d: number;
  /** Users (not erased) with at least one purchase entry in the ledger. */
  paying: number;
  banned: number;
  /** Users who blocked the bot. */
  blockedBot: number;
}

/** Stars of charges that were credited and are not refunded; unmatched charges are not revenue yet. */
export interface RevenueStatistics {
  today: number;
  last7d: number;
  last30d: number;
  total: number;
}

export interface ModelStatistics {
  modelKey: string;
  total: number;
  delivered: number;
  failed: number;
}

export interface GenerationTotals {
  total: number;
  /** The user got the file. */
  delivered: number;
  failed: number;
  /** Charged and not final yet. */
  inProgress: number;
  /** delivered ÷ (delivered + failed); null before anything finished. */
  successRate: number | null;
  /** Most generations first. */
  byModel: ModelStatistics[];
}

/** Credits moved, in the ledger's own kinds; every figure is positive. */
export interface CreditTotals {
  /** Bought with Stars. */
  bought: number;
  /** Charged for generations and tools. */
  spent: number;
  /** Given back for failed generations and tools. */
  refunded: number;
  /** Taken back because the Stars of a purchase were refunded. */
  reversedPurchases: number;
  /** Referral bonuses, net of commissions taken back. */
  bonuses: number;
  /** Admin adjustments, net (can be negative). */
  adjustments: number;
}

export interface Statistics {
  users: UserStatistics;
  revenue: RevenueStatistics;
  generations: GenerationTotals;
  credits: CreditTotals;
}

/** Everything on the statistics screen. `dayStart` is local midnight in the operator's time zone. */
export async function collectStatistics(db: Executor, at: { now: Date; dayStart: Date }): Promise<Statistics> {
  const [userStats, revenue, generationTotals, credits] = await Promise.all([
    userStatistics(db, at),
    revenueStatistics(db, at),
    generationStatistics(db),
    creditTotals(db),
  ]);
  return { users: userStats, revenue, generations: generationTotals, credits };
}

export async function userStatistics(db: Executor, at: { now: Date; dayStart: Date }): Promise<UserStatistics> {
  const ago = (days: number) => new Date(at.now.getTime() - days * DAY_MS);
  const known = sql`${users.telegramId} is not null`;
  const rows = await db
    .select({
      total: count(known),
      newToday: count(sql`${known} and ${users.createdAt} >= ${at.dayStart}`),
      new7d: count(sql`${known} and ${users.createdAt} >= ${ago(7)}`),
      new30d: count(sql`${known} and ${users.createdAt} >= ${ago(30)}`),
      active7d: count(sql`${known} and ${users.lastSeenAt} >= ${ago(7)}`),
      active30d: count(sql`${known} and ${users.lastSeenAt} >= ${ago(30)}`),
      banned: count(sql`${known} and ${users.banned}`),
      blockedBot: count(sql`${known} and ${users.blockedAt} is not null`),
    })
    .from(users);
  // Counted among the same people as `total`: an erased account's purchases stay in the money figures.
  const paying = await db
    .select({ n: sql<number>`count(distinct ${ledgerEntries.userId})::int` })
    .from(ledgerEntries)
    .innerJoin(users, sql`${users.id} = ${ledgerEntries.userId}`)
    .where(sql`${ledgerEntries.kind} = ${LEDGER_KINDS.purchase} and ${known}`);
  const row = rows[0];
  return {
    total: row?.total ?? 0,
    newToday: row?.newToday ?? 0,
    new7d: row?.new7d ?? 0,
    new30d: row?.new30d ?? 0,
    active7d: row?.active7d ?? 0,
    active30d: row?.active30d ?? 0,
    paying: paying[0]?.n ?? 0,
    banned: row?.banned ?? 0,
    blockedBot: row?.blockedBot ?? 0,
  };
}

export async function revenueStatistics(db: Executor, at: { now: Date; dayStart: Date }): Promise<RevenueStatistics> {
  const ago = (days: number) => new Date(at.now.getTime() - days * DAY_MS);
  const rows = await db
    .select({
      today: sum(starPayments.stars, sql`${starPayments.createdAt} >= ${at.dayStart}`),
      last7d: sum(starPayments.stars, sql`${starPayments.createdAt} >= ${ago(7)}`),
      last30d: sum(starPayments.stars, sql`${starPayments.createdAt} >= ${ago(30)}`),
      total: sum(starPayments.stars),
    })
    .from(starPayments)
    .where(sql`${starPayments.status} = ${PAYMENT_STATUS.credited}`);
  const row = rows[0];
  return { today: Number(row?.today ?? 0), last7d: Number(row?.last7d ?? 0), last30d: Number(row?.last30d ?? 0), total: Number(row?.total ?? 0) };
}

/** Revenue in Stars of charges made within the range (daily report). */
export async function revenueIn(db: Executor, range: TimeRange): Promise<number> {
  const rows = await db
    .select({ total: sum(starPayments.stars) })
    .from(starPayments)
    .where(sql`${starPayments.status} = ${PAYMENT_STATUS.credited} and ${inRange(starPayments.createdAt, range)}`);
  return Number(rows[0]?.total ?? 0);
}

/** Generations by outcome and model; with a range, only those created within it. */
export async function generationStatistics(db: Executor, range?: TimeRange): Promise<GenerationTotals> {
  const delivered = sql`${generations.status} = ${GENERATION_STATUS.delivered}`;
  const failed = sql`${generations.status} = ${GENERATION_STATUS.failed}`;
  const rows = await db
    .select({
      modelKey: generations.modelKey,
      total: sql<number>`count(*)::int`,
      delivered: count(delivered),
      failed: count(failed),
    })
    .from(generations)
    .where(range ? inRange(generations.createdAt, range) : sql`true`)
    .groupBy(generations.modelKey)
    .orderBy(sql`count(*) desc`, generations.modelKey);
  const byModel = rows.map((r) => ({ modelKey: r.modelKey, total: r.total, delivered: r.delivered, failed: r.failed }));
  const total = byModel.reduce((n, m) => n + m.total, 0);
  const deliveredCount = byModel.reduce((n, m) => n + m.delivered, 0);
  const failedCount = byModel.reduce((n, m) => n + m.failed, 0);
  const finished = deliveredCount + failedCount;
  return {
    total,
    delivered: deliveredCount,
    failed: failedCount,
    inProgress: total - finished,
    successRate: finished === 0 ? null : deliveredCount / finished,
    byModel,
  };
}

/** Credits moved by kind; with a range, only entries made within it. */
export async function creditTotals(db: Executor, range?: TimeRange): Promise<CreditTotals> {
  const kind = (...kinds: string[]) => sql`${ledgerEntries.kind} in ${kinds}`;
  const rows = await db
    .select({
      bought: sum(ledgerEntries.delta, kind(LEDGER_KINDS.purchase)),
      spent: sum(ledgerEntries.delta, kind(LEDGER_KINDS.generationCharge, LEDGER_KINDS.toolCharge)),
      refunded: sum(ledgerEntries.delta, kind(LEDGER_KINDS.generationRefund, LEDGER_KINDS.toolRefund)),
      reversedPurchases: sum(ledgerEntries.delta, kind(LEDGER_KINDS.paymentRefund)),
      bonuses: sum(
        ledgerEntries.delta,
        kind(
          LEDGER_KINDS.referralJoinBonus,
          LEDGER_KINDS.referralPurchaseBonus,
          LEDGER_KINDS.referralPurchaseReversal,
          LEDGER_KINDS.referralWelcomeBonus,
        ),
      ),
      adjustments: sum(ledgerEntries.delta, kind(LEDGER_KINDS.adminAdjustment)),
    })
    .from(ledgerEntries)
    .where(range ? inRange(ledgerEntries.createdAt, range) : sql`true`);
  const row = rows[0];
  return {
    bought: Number(row?.bought ?? 0),
    spent: -Number(row?.spent ?? 0),
    refunded: Number(row?.refunded ?? 0),
    reversedPurchases: -Number(row?.reversedPurchases ?? 0),
    bonuses: Number(row?.bonuses ?? 0),
    adjustments: Number(row?.adjustments ?? 0),
  };
}

/** Users for the daily report: all of them at the end of the range, new and active within it. */
export async function usersIn(db: Executor, range: TimeRange): Promise<{ total: number; new: number; active: number }> {
  const known = sql`${users.telegramId} is not null`;
  const rows = await db
    .select({
      total: count(sql`${known} and ${users.createdAt} < ${range.to}`),
      new: count(sql`${known} and ${inRange(users.createdAt, range)}`),
      active: count(sql`${known} and ${users.lastSeenAt} >= ${range.from}`),
    })
    .from(users);
  const row = rows[0];
  return { total: row?.total ?? 0, new: row?.new ?? 0, active: row?.active ?? 0 };
}

function count(condition: SQL): SQL<number> {
  return sql<number>`(count(*) filter (where ${condition}))::int`;
}

/** A bigint sum as text (numbers beyond 2^53 stay exact until the caller converts). */
function sum(column: AnyColumn, condition?: SQL): SQL<string> {
  return condition
    ? sql<string>`coalesce(sum(${column}) filter (where ${condition}), 0)::text`
    : sql<string>`coalesce(sum(${column}), 0)::text`;
}

function inRange(column: AnyColumn, range: TimeRange): SQL {
  return sql`${column} >= ${range.from} and ${column} < ${range.to}`;
}
