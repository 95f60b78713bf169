import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { Redis } from "ioredis";

/**
 * Where the benchmarks find PostgreSQL and Redis: BENCH_DATABASE_URL / BENCH_REDIS_URL, else the test
 * variables, else the machine's defaults (the same servers CI uses). Every run creates and drops its
 * own databases and prefixes its Redis keys, so it never touches anything else on those servers.
 */
export const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** A fresh PostgreSQL database for one benchmark, dropped afterwards. */
export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createScratchDatabase(): Promise<ScratchDatabase> {
  const name = `bp_bench_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = new pg.Client({ connectionString: DATABASE_URL });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/** A temporary folder (an embedded database's DATA_DIR), removed by the returned function. */
export function scratchDirectory(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), "bananapics-bench-"));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * The app reads no key prefix from its environment, so the processes under benchmark get a Redis
 * database of their own (BENCH_REDIS_DB, default 14) instead, emptied of the app's keys before each
 * start: update ids restart with every emulator, and a dedupe mark left by the last run would swallow them.
 */
export const APP_REDIS_URL = (() => {
  const url = new URL(REDIS_URL);
  url.pathname = `/${process.env.BENCH_REDIS_DB ?? "14"}`;
  return url.toString();
})();

/** The app's key prefix (src/infra/kv/redis-store.ts). */
const APP_KEY_PREFIX = "bp:";

/** Deletes the app's keys from the benchmark's Redis database; nothing else is touched. */
export async function clearAppKeys(): Promise<void> {
  const redis = new Redis(APP_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${APP_KEY_PREFIX}*`, "COUNT", 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

/** Fails early, with what to do, when PostgreSQL or Redis is not reachable. */
export async function checkServers(): Promise<{ postgres: string; redis: string }> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3000 });
  let postgres: string;
  try {
    await client.connect();
    postgres = String((await client.query("show server_version")).rows[0]?.server_version ?? "?");
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${DATABASE_URL} (set BENCH_DATABASE_URL): ${String(error)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 3000 });
  let redisVersion: string;
  try {
    await redis.connect();
    const info = await redis.info("server");
    redisVersion = /redis_version:(\S+)/.exec(info)?.[1] ?? "?";
  } catch (error) {
    throw new Error(`Redis is not reachable at ${REDIS_URL} (set BENCH_REDIS_URL): ${String(error)}`);
  } finally {
    redis.disconnect();
  }
  return { postgres, redis: redisVersion };
}

/** One line describing the machine, printed with the results. */
export function machineDescription(versions: { postgres: string; redis: string }): string {
  const cpu = cpus();
  return [
    `${cpu.length} × ${cpu[0]?.model.trim() ?? "unknown CPU"}`,
    `${Math.round(totalmem() / 1024 ** 3)} GB RAM`,
    `Node ${process.versions.node}`,
    `PostgreSQL ${versions.postgres}`,
    `Redis ${versions.redis}`,
    `${process.platform} ${process.arch}`,
  ].join(", ");
}
