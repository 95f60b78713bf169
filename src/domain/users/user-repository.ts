import { eq, getTableColumns, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { users, type UserRow } from "../../db/schema/index.js";
import type { Locale } from "../../config.js";

/** The Telegram user fields we store, as Telegram sends them. */
export interface TelegramIdentity {
  id: number;
  username?: string | undefined;
  first_name: string;
  last_name?: string | undefined;
  language_code?: string | undefined;
}

/**
 * The new `updated_at` of every write through this module: at least a millisecond after the previous one,
 * even when two writes fall in the same millisecond or the clock steps back, so a profile's `updatedAt`
 * orders its versions (see TwoLayerCache's `versionField`). clock_timestamp(), not now(): a write that
 * waited for another's row lock is evaluated after that one, and must come out later.
 */
const nextUpdatedAt = sql`greatest(clock_timestamp(), ${users.updatedAt} + interval '1 millisecond')`;

/**
 * The upsert runs on nearly every update that misses the cache, so it is built once per database handle
 * and runs as a named prepared statement: no query building here, no parse and plan in PostgreSQL.
 */
function buildUpsert(db: Executor) {
  return db
    .insert(users)
    .values({
      telegramId: sql.placeholder("telegramId"),
      username: sql.placeholder("username"),
      firstName: sql.placeholder("firstName"),
      lastName: sql.placeholder("lastName"),
      languageCode: sql.placeholder("languageCode"),
    })
    .onConflictDoUpdate({
      target: users.telegramId,
      set: {
        username: sql`excluded.username`,
        firstName: sql`excluded.first_name`,
        lastName: sql`excluded.last_name`,
        languageCode: sql`coalesce(excluded.language_code, ${users.languageCode})`,
        lastSeenAt: sql`now()`,
        updatedAt: sql`case when ${users.username} is distinct from excluded.username
          or ${users.firstName} is distinct from excluded.first_name
          or ${users.lastName} is distinct from excluded.last_name then ${nextUpdatedAt} else ${users.updatedAt} end`,
      },
    })
    .returning({ ...getTableColumns(users), inserted: sql<boolean>`(xmax = 0)` })
    .prepare("users_upsert_telegram");
}

const upserts = new WeakMap<Executor, ReturnType<typeof buildUpsert>>();

/**
 * Creates the user or refreshes their names and last-seen time in one statement. Two first updates
 * arriving together (a /start and a quick message) both succeed: the loser of the insert race turns
 * into an update instead of failing.
 */
export async function upsertTelegramUser(
  db: Executor,
  identity: TelegramIdentity,
): Promise<{ row: UserRow; created: boolean }> {
  let upsert = upserts.get(db);
  if (!upsert) {
    upsert = buildUpsert(db);
    upserts.set(db, upsert);
  }
  const rows = await upsert.execute({
    telegramId: identity.id,
    username: identity.username ?? null,
    firstName: identity.first_name,
    lastName: identity.last_name ?? null,
    languageCode: identity.language_code ?? null,
  });
  const first = rows[0];
  if (!first) throw new Error("user upsert returned no row");
  const { inserted, ...row } = first;
  return { row, created: Boolean(inserted) };
}

export async function findUserByTelegramId(db: Executor, telegramId: number): Promise<UserRow | undefined> {
  const rows = await db.select().from(users).where(eq(users.telegramId, telegramId)).limit(1);
  return rows[0];
}

export async function setUserLocale(db: Executor, telegramId: number, locale: Locale): Promise<UserRow | undefined> {
  const rows = await db
    .update(users)
    .set({ locale, updatedAt: nextUpdatedAt })
    .where(eq(users.telegramId, telegramId))
    .returning();
  return rows[0];
}

export async function acceptPolicy(db: Executor, telegramId: number, version: number): Promise<UserRow | undefined> {
  const rows = await db
    .update(users)
    .set({
      acceptedPolicyVersion: version,
      acceptedPolicyAt: sql`now()`,
      ageConfirmedAt: sql`now()`,
      updatedAt: nextUpdatedAt,
    })
    .where(eq(users.telegramId, telegramId))
    .returning();
  return rows[0];
}

export async function setBlockedAt(db: Executor, telegramId: number, blockedAt: Date | null): Promise<UserRow | undefined> {
  const rows = await db
    .update(users)
    .set({ blockedAt, updatedAt: nextUpdatedAt })
    .where(eq(users.telegramId, telegramId))
    .returning();
  return rows[0];
}

export async function setBan(
  db: Executor,
  telegramId: number,
  ban: { banned: true; reason: string } | { banned: false },
): Promise<UserRow | undefined> {
  const rows = await db
    .update(users)
    .set({ banned: ban.banned, banReason: ban.banned ? ban.reason : null, updatedAt: nextUpdatedAt })
    .where(eq(users.telegramId, telegramId))
    .returning();
  return rows[0];
}
