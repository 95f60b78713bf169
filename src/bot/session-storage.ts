import { eq, sql } from "drizzle-orm";
import type { StorageAdapter } from "grammy";
import type { Database } from "../db/client.js";
import { botSessions } from "../db/schema/index.js";
import type { KeyValueStore } from "../infra/kv/index.js";

/** Sessions hold short-lived UI state; a week without activity is long enough to forget it. */
const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;

/**
 * Where grammY sessions live: Redis when configured (shared by every instance), otherwise the embedded
 * database, so a restart of the single process does not forget a question the bot just asked.
 */
export function createSessionStorage<T>(kv: KeyValueStore, db: Database): StorageAdapter<T> {
  return kv.kind === "redis" ? keyValueSessions<T>(kv) : databaseSessions<T>(db);
}

function keyValueSessions<T>(kv: KeyValueStore): StorageAdapter<T> {
  return {
    async read(key) {
      const raw = await kv.get(`session:${key}`);
      return raw === null ? undefined : (JSON.parse(raw) as T);
    },
    async write(key, value) {
      await kv.set(`session:${key}`, JSON.stringify(value), SESSION_TTL_MS);
    },
    async delete(key) {
      await kv.del(`session:${key}`);
    },
  };
}

function databaseSessions<T>(db: Database): StorageAdapter<T> {
  return {
    async read(key) {
      const rows = await db.select().from(botSessions).where(eq(botSessions.key, key)).limit(1);
      return rows[0]?.value as T | undefined;
    },
    async write(key, value) {
      await db
        .insert(botSessions)
        .values({ key, value: value as object })
        .onConflictDoUpdate({ target: botSessions.key, set: { value: value as object, updatedAt: sql`now()` } });
    },
    async delete(key) {
      await db.delete(botSessions).where(eq(botSessions.key, key));
    },
  };
}
