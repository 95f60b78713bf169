import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * Where integration and end-to-end suites run: always on embedded PGlite with the in-memory store, and
 * also on PostgreSQL + Redis when TEST_DATABASE_URL and TEST_REDIS_URL are set (CI sets both).
 */
export interface TestTarget {
  name: "pglite" | "postgres";
  /** Creates an isolated database for one suite; returns its URL (undefined for PGlite) and a cleanup. */
  createDatabase(): Promise<{ url: string | undefined; dataDir: string; drop(): Promise<void> }>;
  redisUrl: string | undefined;
}

const pgliteTarget: TestTarget = {
  name: "pglite",
  redisUrl: undefined,
  createDatabase: async () => ({ url: undefined, dataDir: "memory://", drop: async () => undefined }),
};

function postgresTarget(baseUrl: string, redisUrl: string | undefined): TestTarget {
  return {
    name: "postgres",
    redisUrl,
    async createDatabase() {
      const name = `bp_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
      const admin = new pg.Client({ connectionString: baseUrl });
      await admin.connect();
      try {
        await admin.query(`create database ${name}`);
      } finally {
        await admin.end();
      }
      const url = new URL(baseUrl);
      url.pathname = `/${name}`;
      return {
        url: url.toString(),
        dataDir: "memory://",
        async drop() {
          const cleanup = new pg.Client({ connectionString: baseUrl });
          await cleanup.connect();
          try {
            await cleanup.query(`drop database if exists ${name} with (force)`);
          } finally {
            await cleanup.end();
          }
        },
      };
    },
  };
}

const databaseUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;

if (!databaseUrl) {
  // Loud on purpose: a green run without PostgreSQL proves less than it seems.
  console.warn("TEST_DATABASE_URL is not set: PostgreSQL + Redis cases are skipped; only PGlite runs.");
}

export const TEST_TARGETS: TestTarget[] = databaseUrl ? [pgliteTarget, postgresTarget(databaseUrl, redisUrl)] : [pgliteTarget];

/** A key prefix unique to one test suite, so suites sharing one Redis never see each other's keys. */
export function uniquePrefix(): string {
  return `bptest:${randomBytes(6).toString("hex")}:`;
}
