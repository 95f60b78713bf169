import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { ledgerEntries, referrals, users } from "../../db/schema/index.js";
import { LEDGER_KINDS } from "../ledger/ledger-kinds.js";
import { credit, debitAtMost } from "../ledger/ledger.js";
import type { ReferralSettings } from "../settings/business-settings.js";
import type { ReferralNoticeSink } from "./referral-notices.js";

/**
 * The referrer's share of a purchase: `percent` % of the credits it granted, rounded up, in integers
 * (10 % of 1428 credits is 143). 0 when the percent is 0.
 */
export function purchaseCommission(credits: number, percent: number): number {
  return Math.floor((credits * percent + 99) / 100);
}

/** What accepting the terms paid out; undefined when the user was not referred or had joined before. */
export interface JoinReward {
  referrerUserId: number;
  /** 0 when the bonus is off, or the referrer's account was erased meanwhile. */
  joinBonus: number;
  welcomeBonus: number;
}

/**
 * Marks a referred user as joined and pays the join bonus (to the referrer) and the welcome bonus (to
 * the invitee), at the configured amounts, in one transaction. The `joined_at` compare-and-set makes it
 * once per invitee however often the terms are accepted (a double press, a new policy version); the
 * ledger keys `referral:join:<invitee>` and `referral:welcome:<invitee>` would stop a repeat anyway.
 * A referrer whose account was erased since the link was opened gets nothing and hears nothing; the
 * invitee's welcome gift is theirs regardless.
 */
export async function rewardJoin(
  db: Executor,
  inviteeUserId: number,
  settings: ReferralSettings,
  notices: ReferralNoticeSink,
): Promise<JoinReward | undefined> {
  return db.transaction(async (tx) => {
    const joined = await tx
      .update(referrals)
      .set({ joinedAt: sql`now()` })
      .where(and(eq(referrals.inviteeUserId, inviteeUserId), isNull(referrals.joinedAt)))
      .returning({ referrerUserId: referrals.referrerUserId });
    const referrerUserId = joined[0]?.referrerUserId;
    if (referrerUserId === undefined) return undefined;
    const reference = `referral:${inviteeUserId}`;
    const referrerLive = await isLiveAccount(tx, referrerUserId);
    const joinBonus = referrerLive ? settings.joinBonus : 0;
    const { welcomeBonus } = settings;
    if (joinBonus > 0) {
      await credit(tx, {
        userId: referrerUserId,
        amount: joinBonus,
        kind: LEDGER_KINDS.referralJoinBonus,
        reference,
        idempotencyKey: `referral:join:${inviteeUserId}`,
      });
    }
    if (welcomeBonus > 0) {
      await credit(tx, {
        userId: inviteeUserId,
        amount: welcomeBonus,
        kind: LEDGER_KINDS.referralWelcomeBonus,
        reference,
        idempotencyKey: `referral:welcome:${inviteeUserId}`,
      });
    }
    if (referrerLive) await notices(tx, { kind: "joined", referrerUserId, bonus: joinBonus });
    return { referrerUserId, joinBonus, welcomeBonus };
  });
}

/** A credited purchase, as the payments domain reports it inside its transaction. */
export interface PurchaseForCommission {
  buyerUserId: number;
  credits: number;
  chargeId: string;
}

/**
 * Pays the referrer of the buyer their share of a purchase, inside the transaction that credits the
 * purchase (so both commit or neither does), under the key `referral:purchase:<charge id>`. Returns
 * the credits paid: 0 when the buyer was not referred, the referrer's account was erased, or the
 * percent is 0.
 */
export async function payPurchaseCommission(
  tx: Executor,
  purchase: PurchaseForCommission,
  percent: number,
  notices: ReferralNoticeSink,
): Promise<number> {
  const rows = await tx
    .select({ referrerUserId: referrals.referrerUserId })
    .from(referrals)
    .innerJoin(users, eq(users.id, referrals.referrerUserId))
    .where(and(eq(referrals.inviteeUserId, purchase.buyerUserId), isNotNull(users.telegramId)))
    .limit(1);
  const referrerUserId = rows[0]?.referrerUserId;
  const bonus = purchaseCommission(purchase.credits, percent);
  if (referrerUserId === undefined || bonus === 0) return 0;
  const posted = await credit(tx, {
    userId: referrerUserId,
    amount: bonus,
    kind: LEDGER_KINDS.referralPurchaseBonus,
    reference: `star_payment:${purchase.chargeId}`,
    idempotencyKey: `referral:purchase:${purchase.chargeId}`,
  });
  if (posted.applied) await notices(tx, { kind: "purchase_bonus", referrerUserId, bonus });
  return bonus;
}

/** What reversing a commission did; undefined when the purchase had paid none. */
export interface CommissionReversal {
  referrerUserId: number;
  deducted: number;
  /** The part of the commission the referrer had already spent: recorded, never taken below zero. */
  shortfall: number;
}

/**
 * Takes back the commission a refunded purchase paid, inside the transaction that reverses the
 * purchase, once (key `referral:purchase-reversal:<charge id>`). Exactly what was paid is taken, at
 * whatever percent was configured then, capped at the referrer's balance; a shortfall is written in
 * the entry's note for admins.
 */
export async function reversePurchaseCommission(
  tx: Executor,
  chargeId: string,
  notices: ReferralNoticeSink,
): Promise<CommissionReversal | undefined> {
  const paidRows = await tx
    .select({ userId: ledgerEntries.userId, delta: ledgerEntries.delta })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.idempotencyKey, `referral:purchase:${chargeId}`))
    .limit(1);
  const paid = paidRows[0];
  if (!paid) return undefined;
  // Locks the referrer's balance until commit, so the shortfall written in the note is the one debitAtMost finds.
  const locked = await tx.select({ balance: users.balance }).from(users).where(eq(users.id, paid.userId)).for("update");
  const expectedShortfall = Math.max(0, paid.delta - (locked[0]?.balance ?? 0));
  const taken = await debitAtMost(tx, {
    userId: paid.userId,
    amount: paid.delta,
    kind: LEDGER_KINDS.referralPurchaseReversal,
    reference: `star_payment:${chargeId}`,
    idempotencyKey: `referral:purchase-reversal:${chargeId}`,
    note: expectedShortfall > 0 ? `shortfall ${expectedShortfall}: the referrer had spent that part of the bonus` : undefined,
  });
  if (taken.applied) await notices(tx, { kind: "purchase_bonus_reversed", referrerUserId: paid.userId, deducted: taken.deducted });
  return { referrerUserId: paid.userId, deducted: taken.deducted, shortfall: taken.shortfall };
}

/** An erased account is a pseudonym with its balance forfeited: it earns nothing more. */
async function isLiveAccount(tx: Executor, userId: number): Promise<boolean> {
  const rows = await tx.select({ telegramId: users.telegramId }).from(users).where(eq(users.id, userId)).limit(1);
  const row = rows[0];
  return row !== undefined && row.telegramId !== null;
}
