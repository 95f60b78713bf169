import { and, eq, isNotNull } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { referralCodes, users } from "../../db/schema/index.js";
import { generateReferralCode } from "./referral-link.js";

/**
 * A collision of 50 random bits is already unlikely; five in a row means something other than chance
 * (a broken random source) and must not loop forever.
 */
const MAX_ATTEMPTS = 5;

/**
 * The user's referral code, made the first time anyone needs it: users who joined before the referral
 * program get one the same way as new ones. Two concurrent first calls agree on one code, because the
 * user id is the primary key and the loser reads the winner's.
 */
export async function ensureReferralCode(db: Executor, userId: number): Promise<string> {
  const existing = await codeOf(db, userId);
  if (existing) return existing;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const inserted = await db
      .insert(referralCodes)
      .values({ userId, code: generateReferralCode() })
      .onConflictDoNothing()
      .returning({ code: referralCodes.code });
    if (inserted[0]) return inserted[0].code;
    // Either a concurrent call gave this user a code, or the random code is taken: look, then retry.
    const raced = await codeOf(db, userId);
    if (raced) return raced;
  }
  throw new Error(`could not find a free referral code for user ${userId} in ${MAX_ATTEMPTS} attempts`);
}

/** The users.id behind a code; undefined when nobody has it or its owner's account was erased. */
export async function findReferrerByCode(db: Executor, code: string): Promise<number | undefined> {
  const rows = await db
    .select({ userId: referralCodes.userId })
    .from(referralCodes)
    .innerJoin(users, eq(users.id, referralCodes.userId))
    .where(and(eq(referralCodes.code, code), isNotNull(users.telegramId)))
    .limit(1);
  return rows[0]?.userId;
}

async function codeOf(db: Executor, userId: number): Promise<string | undefined> {
  const rows = await db.select({ code: referralCodes.code }).from(referralCodes).where(eq(referralCodes.userId, userId)).limit(1);
  return rows[0]?.code;
}
