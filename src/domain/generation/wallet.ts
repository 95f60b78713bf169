import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { users } from "../../db/schema/index.js";

/** What a user can pay with: credits and the free generations left. */
export async function loadWallet(db: Executor, userId: number, trialGenerations: number): Promise<{ balance: number; trialsLeft: number }> {
  const rows = await db.select({ balance: users.balance, trialUsed: users.trialUsed }).from(users).where(eq(users.id, userId)).limit(1);
  const row = rows[0];
  return { balance: row?.balance ?? 0, trialsLeft: Math.max(0, trialGenerations - (row?.trialUsed ?? trialGenerations)) };
}
