import { desc, eq, ilike, or, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { referralCodes, users } from "../../db/schema/index.js";

/** A line of a search result: enough to recognise the person and open their card. */
export interface UserSummary {
  id: number;
  telegramId: number | null;
  username: string | null;
  firstName: string | null;
  lastName: string | null;
  balance: number;
  banned: boolean;
}

/** More than this is not a search result but a list; the admin refines the query instead. */
const MAX_SEARCH_RESULTS = 10;

export const summaryColumns = {
  id: users.id,
  telegramId: users.telegramId,
  username: users.username,
  firstName: users.firstName,
  lastName: users.lastName,
  balance: users.balance,
  banned: users.banned,
};

/**
 * Finds users by what an admin is likely to have at hand: a Telegram id (or our own id), an @username,
 * a referral code, or part of a name. Exact matches come first; name matches are case-insensitive
 * substrings, newest accounts first.
 */
export async function searchUsers(db: Executor, rawQuery: string, limit = MAX_SEARCH_RESULTS): Promise<UserSummary[]> {
  const query = rawQuery.trim();
  if (query === "") return [];
  const found = new Map<number, UserSummary>();
  const add = (rows: UserSummary[]) => {
    for (const row of rows) if (found.size < limit && !found.has(row.id)) found.set(row.id, row);
  };

  if (/^\d{1,15}$/.test(query)) {
    const n = Number(query);
    add(await db.select(summaryColumns).from(users).where(or(eq(users.telegramId, n), eq(users.id, n))).limit(limit));
  }
  const username = query.startsWith("@") ? query.slice(1) : query;
  if (/^[A-Za-z0-9_]{3,64}$/.test(username)) {
    add(await db.select(summaryColumns).from(users).where(sql`lower(${users.username}) = ${username.toLowerCase()}`).limit(limit));
  }
  if (/^[a-z2-7]{6,32}$/i.test(query)) {
    add(
      await db
        .select(summaryColumns)
        .from(referralCodes)
        .innerJoin(users, eq(users.id, referralCodes.userId))
        .where(eq(referralCodes.code, query.toLowerCase()))
        .limit(1),
    );
  }
  if (found.size < limit && !query.startsWith("@")) {
    const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    add(
      await db
        .select(summaryColumns)
        .from(users)
        .where(
          or(
            ilike(users.firstName, pattern),
            ilike(users.lastName, pattern),
            sql`(coalesce(${users.firstName}, '') || ' ' || coalesce(${users.lastName}, '')) ilike ${pattern}`,
          ),
        )
        .orderBy(desc(users.id))
        .limit(limit),
    );
  }
  return [...found.values()];
}
