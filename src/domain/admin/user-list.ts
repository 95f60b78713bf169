import { and, desc, eq, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { generations, users } from "../../db/schema/index.js";
import { searchUsers, summaryColumns, type UserSummary } from "./user-search.js";

/** A row of the admin's user list. */
export interface UserListItem extends UserSummary {
  createdAt: Date;
  lastSeenAt: Date;
  generations: number;
}

export const USER_FILTERS = ["all", "banned", "blocked_bot"] as const;
export type UserFilter = (typeof USER_FILTERS)[number];

export interface UserListRequest {
  /** Searched the way the bot's user search does (id, @username, referral code, name); not paged. */
  query?: string | undefined;
  filter?: UserFilter | undefined;
  limit: number;
  offset: number;
}

/**
 * The web panel's user list: newest accounts first, a page at a time, optionally only the banned or
 * those who blocked the bot. With a query it is the bot's search instead (one page of the best
 * matches), so both places find the same people. Erased accounts are pseudonyms and never listed.
 */
export async function listUsers(db: Executor, request: UserListRequest): Promise<{ items: UserListItem[]; total: number }> {
  const query = request.query?.trim() ?? "";
  const ids =
    query !== ""
      ? (await searchUsers(db, query, request.limit)).map((u) => u.id)
      : undefined;
  const conditions: SQL[] = [isNotNull(users.telegramId)];
  if (ids !== undefined) conditions.push(ids.length > 0 ? inArray(users.id, ids) : sql`false`);
  if (request.filter === "banned") conditions.push(sql`${users.banned}`);
  if (request.filter === "blocked_bot") conditions.push(isNotNull(users.blockedAt));
  const where = and(...conditions);
  const [rows, counted] = await Promise.all([
    db
      .select({
        ...summaryColumns,
        createdAt: users.createdAt,
        lastSeenAt: users.lastSeenAt,
        // Through eq(): a bare column in a select-list sql fragment is rendered without its table, and
        // inside this subquery "id" would then mean the generation's id.
        generations: sql<number>`(select count(*)::int from ${generations} where ${eq(generations.userId, users.id)})`,
      })
      .from(users)
      .where(where)
      .orderBy(desc(users.id))
      .limit(request.limit)
      .offset(ids === undefined ? request.offset : 0),
    db.select({ n: sql<number>`count(*)::int` }).from(users).where(where),
  ]);
  // A search keeps the search's ranking (exact matches first).
  const items = ids === undefined ? rows : [...rows].sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
  return { items, total: counted[0]?.n ?? 0 };
}
