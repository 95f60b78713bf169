import { eq, sql } from "drizzle-orm";
import { openDatabase, type Database, type DatabaseHandle } from "../../src/db/client.js";
import { runMigrations } from "../../src/db/migrate.js";
import { ledgerEntries, users } from "../../src/db/schema/index.js";
import type { TestTarget } from "../support/targets.js";

/** A migrated database of one test target, with helpers the money tests share. */
export interface MoneyDatabase {
  handle: DatabaseHandle;
  db: Database;
  /** Creates a user and returns its users.id. */
  createUser(telegramId?: number): Promise<number>;
  balanceOf(userId: number): Promise<number>;
  ledgerSumOf(userId: number): Promise<number>;
  /** Users whose balance differs from the sum of their ledger, or is negative: must always be empty. */
  invariantViolations(): Promise<Array<{ userId: number; balance: number; ledgerSum: number }>>;
  close(): Promise<void>;
}

let nextTelegramId = 5_000_000;

export async function openMoneyDatabase(target: TestTarget, poolSize?: number): Promise<MoneyDatabase> {
  const database = await target.createDatabase();
  const handle = await openDatabase({ url: database.url, dataDir: database.dataDir, ...(poolSize ? { poolSize } : {}) });
  await runMigrations(handle);
  const db = handle.db;
  return {
    handle,
    db,
    async createUser(telegramId = nextTelegramId++) {
      const rows = await db.insert(users).values({ telegramId, firstName: `User ${telegramId}` }).returning({ id: users.id });
      return rows[0]!.id;
    },
    async balanceOf(userId) {
      const rows = await db.select({ balance: users.balance }).from(users).where(eq(users.id, userId));
      return rows[0]!.balance;
    },
    async ledgerSumOf(userId) {
      const rows = await db
        .select({ sum: sql<number>`coalesce(sum(${ledgerEntries.delta}), 0)::bigint` })
        .from(ledgerEntries)
        .where(eq(ledgerEntries.userId, userId));
      return Number(rows[0]?.sum ?? 0);
    },
    async invariantViolations() {
      const rows = await db
        .select({
          userId: users.id,
          balance: users.balance,
          ledgerSum: sql<string>`coalesce(sum(${ledgerEntries.delta}), 0)`,
        })
        .from(users)
        .leftJoin(ledgerEntries, eq(ledgerEntries.userId, users.id))
        .groupBy(users.id, users.balance);
      return rows
        .map((r) => ({ userId: r.userId, balance: r.balance, ledgerSum: Number(r.ledgerSum) }))
        .filter((r) => r.balance !== r.ledgerSum || r.balance < 0);
    },
    async close() {
      await handle.close();
      await database.drop();
    },
  };
}
