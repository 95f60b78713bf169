import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { ledgerEntries, referrals } from "../../db/schema/index.js";
import { LEDGER_KINDS } from "../ledger/ledger-kinds.js";

/** The ledger kinds that make up what a referral link earned; reversals count against it. */
export const REFERRER_EARNING_KINDS = [
  LEDGER_KINDS.referralJoinBonus,
  LEDGER_KINDS.referralPurchaseBonus,
  LEDGER_KINDS.referralPurchaseReversal,
] as const;

/** Totals only: the /referral screen never says who was invited (privacy policy §2.4). */
export interface ReferralStats {
  /** Invitees who accepted the terms; someone who only opened the link has not joined. */
  joined: number;
  /** Net credits the link earned: join bonuses plus commissions, minus commissions taken back. */
  earned: number;
}

export async function referralStats(db: Executor, referrerUserId: number): Promise<ReferralStats> {
  const [joined, earned] = await Promise.all([
    db
      .select({ count: sql<number>`count(*)::int` })
      .from(referrals)
      .where(and(eq(referrals.referrerUserId, referrerUserId), isNotNull(referrals.joinedAt))),
    db
      .select({ sum: sql<string>`coalesce(sum(${ledgerEntries.delta}), 0)` })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.userId, referrerUserId), inArray(ledgerEntries.kind, [...REFERRER_EARNING_KINDS]))),
  ]);
  return { joined: joined[0]?.count ?? 0, earned: Number(earned[0]?.sum ?? 0) };
}
