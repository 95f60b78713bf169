import { eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { users } from "../../db/schema/index.js";
import { belongsTo, USER_DATA_TABLES, type UserDataTable } from "./user-data-tables.js";

/** What /mydata shows (policy 6.1): the account's consent and balance, and how many rows each table holds. */
export interface DataSummary {
  acceptedPolicyVersion: number | null;
  /** Epoch ms. */
  acceptedPolicyAt: number | null;
  balance: number;
  /** Rows per table with user data, by SQL table name; tables without rows are included with 0. */
  counts: Record<string, number>;
}

/** Counts the user's rows in every table with user data (found from the schema, like the export). */
export async function summarizeUserData(
  db: Executor,
  userId: number,
  tables: readonly UserDataTable[] = USER_DATA_TABLES,
): Promise<DataSummary | undefined> {
  const rows = await db
    .select({ version: users.acceptedPolicyVersion, at: users.acceptedPolicyAt, balance: users.balance })
    .from(users)
    .where(eq(users.id, userId));
  const row = rows[0];
  if (!row) return undefined;
  const counts: Record<string, number> = {};
  for (const entry of tables) {
    const counted = await db.select({ n: sql<number>`count(*)::int` }).from(entry.table).where(belongsTo(entry, userId));
    counts[entry.name] = counted[0]?.n ?? 0;
  }
  return { acceptedPolicyVersion: row.version, acceptedPolicyAt: row.at?.getTime() ?? null, balance: row.balance, counts };
}
