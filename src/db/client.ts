import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import * as schema from "./schema/index.js";

export type Schema = typeof schema;
/** The Drizzle handle every repository takes; the same type whether PGlite or PostgreSQL is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle: repositories accept either and never care which. */
export type Executor = Parameters<Parameters<Database["transaction"]>[0]>[0] | Database;

export interface SqlResult {
  rows: Record<string, unknown>[];
}

/** A raw SQL executor with pg-boss's `executeSql` contract, for the job queue on the same database. */
export interface RawSql {
  executeSql(text: string, values?: unknown[]): Promise<SqlResult>;
}

export interface DatabaseHandle extends RawSql {
  readonly db: Database;
  readonly kind: "pglite" | "postgres";
  /** The connection string when PostgreSQL is used (pg-boss opens its own pool on it). */
  readonly url: string | undefined;
  /** Runs fn with a connection held for its whole duration (session-level advisory locks need that). */
  withConnection<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL URL; when absent PGlite is used. */
  url?: string | undefined;
  /** Folder for PGlite's files, or "memory://" for a throwaway database (tests). */
  dataDir?: string;
  poolSize?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 10);
  return openPglite(options.dataDir ?? "./data");
}

async function openPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, application_name: "bananapics" });
  // An idle client losing its connection (e.g. a PostgreSQL restart) must not crash the process;
  // the pool replaces it on the next checkout.
  pool.on("error", () => undefined);
  // The pool listens for errors of idle clients only. A client checked out between two queries (inside a
  // transaction, holding a lock) whose connection drops emits "error" with nobody listening: an uncaught
  // exception that kills the process. Its next query fails anyway, and the pool drops it on release.
  pool.on("connect", (client) => client.on("error", () => undefined));
  const db = drizzlePostgres(pool, { schema });
  return {
    db,
    kind: "postgres",
    url,
    async executeSql(text, values) {
      const result = await pool.query(text, values);
      return { rows: Array.isArray(result) ? (result.at(-1)?.rows ?? []) : result.rows };
    },
    async withConnection(fn) {
      const client = await pool.connect();
      try {
        return await fn(drizzlePostgres(client, { schema }));
      } finally {
        client.release();
      }
    },
    async ping() {
      await pool.query("select 1");
    },
    async close() {
      await pool.end();
    },
  };
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  const inMemory = dataDir.startsWith("memory://");
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const client = new PGlite(inMemory ? undefined : dataDir);
  await client.waitReady;
  const db = drizzlePglite(client, { schema });
  return {
    db,
    kind: "pglite",
    url: undefined,
    async executeSql(text, values) {
      // Without parameters pg-boss sends multi-statement scripts (schema creation, migrations), which
      // only the simple-query protocol (exec) accepts.
      if (values && values.length > 0) {
        const result = await client.query<Record<string, unknown>>(text, values);
        return { rows: result.rows };
      }
      const results = await client.exec(text);
      return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
    },
    // PGlite is a single connection already.
    withConnection: (fn) => fn(db),
    async ping() {
      await client.query("select 1");
    },
    async close() {
      await client.close();
    },
  };
}
