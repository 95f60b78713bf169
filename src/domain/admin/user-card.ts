import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { generations, referralCodes, referrals, starPayments, users, type GenerationRow, type StarPaymentRow, type UserRow } from "../../db/schema/index.js";
import { ACTIVE_STATUSES, GENERATION_STATUS } from "../generation/generation-status.js";
import { PAYMENT_STATUS } from "../payments/star-payments.js";
import { auditEntriesFor, type AuditEntry } from "./audit-log.js";

/** Everything the admin's user card shows, read in one go. */
export interface UserCard {
  user: UserRow;
  generations: { total: number; delivered: number; failed: number; inProgress: number };
  payments: { count: number; stars: number; refunded: number };
  referrer: { id: number; telegramId: number | null; username: string | null; firstName: string | null; lastName: string | null } | null;
  referralCode: string | null;
  /** Invitees who joined through this user's link. */
  invited: number;
  /** The latest admin actions about this user. */
  recentActions: AuditEntry[];
}

/** How many recent admin actions the card lists. */
const CARD_AUDIT_ENTRIES = 3;

export async function loadUserCard(db: Executor, userId: number): Promise<UserCard | undefined> {
  const rows = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  const user = rows[0];
  if (!user) return undefined;
  const [generationCounts, paymentCounts, referrer, code, invited, recentActions] = await Promise.all([
    db
      .select({
        total: sql<number>`count(*)::int`,
        delivered: sql<number>`(count(*) filter (where ${generations.status} = ${GENERATION_STATUS.delivered}))::int`,
        failed: sql<number>`(count(*) filter (where ${generations.status} = ${GENERATION_STATUS.failed}))::int`,
        inProgress: sql<number>`(count(*) filter (where ${generations.status} in ${[...ACTIVE_STATUSES]}))::int`,
      })
      .from(generations)
      .where(eq(generations.userId, userId)),
    db
      .select({
        count: sql<number>`count(*)::int`,
        stars: sql<number>`coalesce(sum(${starPayments.stars}) filter (where ${starPayments.status} = ${PAYMENT_STATUS.credited}), 0)::int`,
        refunded: sql<number>`(count(*) filter (where ${starPayments.status} = ${PAYMENT_STATUS.refunded}))::int`,
      })
      .from(starPayments)
      .where(eq(starPayments.userId, userId)),
    db
      .select({ id: users.id, telegramId: users.telegramId, username: users.username, firstName: users.firstName, lastName: users.lastName })
      .from(referrals)
      .innerJoin(users, eq(users.id, referrals.referrerUserId))
      .where(eq(referrals.inviteeUserId, userId))
      .limit(1),
    db.select({ code: referralCodes.code }).from(referralCodes).where(eq(referralCodes.userId, userId)).limit(1),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(referrals)
      .where(and(eq(referrals.referrerUserId, userId), isNotNull(referrals.joinedAt))),
    auditEntriesFor(db, userId, CARD_AUDIT_ENTRIES),
  ]);
  return {
    user,
    generations: generationCounts[0] ?? { total: 0, delivered: 0, failed: 0, inProgress: 0 },
    payments: paymentCounts[0] ?? { count: 0, stars: 0, refunded: 0 },
    referrer: referrer[0] ?? null,
    referralCode: code[0]?.code ?? null,
    invited: invited[0]?.n ?? 0,
    recentActions,
  };
}

/** The user's latest generations, newest first (the refund screen). */
export async function recentGenerations(db: Executor, userId: number, limit: number): Promise<GenerationRow[]> {
  return db.select().from(generations).where(eq(generations.userId, userId)).orderBy(desc(generations.id)).limit(limit);
}

/** The user's latest Stars payments, newest first (the refund screen and /paysupport messages). */
export async function recentPayments(db: Executor, userId: number, limit: number): Promise<StarPaymentRow[]> {
  return db.select().from(starPayments).where(eq(starPayments.userId, userId)).orderBy(desc(starPayments.createdAt)).limit(limit);
}
