import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER } from "../../../src/db/migrate.js";
import { ALL_QUEUES } from "../../../src/jobs/queues.js";
import { spawnService, type RunningService } from "../../support/spawn-service.js";
import { TEST_TARGETS } from "../../support/targets.js";

const target = TEST_TARGETS.find((candidate) => candidate.name === "postgres");
if (!target) console.warn("TEST_DATABASE_URL is not set: the --migrate-only step is SKIPPED on PostgreSQL.");

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** Resolves with the exit code once the process ends by itself. */
function exitCode(service: RunningService, timeoutMs = 60_000): Promise<number | null> {
  return new Promise((resolve, reject) => {
    if (service.child.exitCode !== null) return resolve(service.child.exitCode);
    const timer = setTimeout(() => {
      void service.stop();
      reject(new Error(`--migrate-only did not exit within ${timeoutMs} ms; output:\n${service.lines.join("\n")}`));
    }, timeoutMs);
    service.child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe.skipIf(!target)("the one-off migration step on PostgreSQL", () => {
  it("migrates, seeds and creates the job queues, then exits 0 without starting any role; a second run changes nothing", { timeout: 120_000 }, async () => {
    const database = await target!.createDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), "bananapics-migrate-"));
    tempDirs.push(dataDir);
    // A bot token and webhook mode, as the deployment's env file has them: the step must still not start the bot.
    const env = {
      DATABASE_URL: database.url ?? "",
      DATA_DIR: dataDir,
      BOT_TOKEN: "7000000001:TESTtokenAAAAbbbbCCCCddddEEEEffff_1",
      TELEGRAM_API_ROOT: "http://127.0.0.1:9",
      BOT_MODE: "webhook",
      PUBLIC_URL: "https://bot.example.com",
      WEBHOOK_SECRET: "test-webhook-secret-0123456789",
    };
    const client = new pg.Client({ connectionString: database.url });
    try {
      for (let run = 1; run <= 2; run++) {
        const service = spawnService(env, ["--migrate-only"]);
        expect(await exitCode(service), service.lines.join("\n")).toBe(0);
        expect(service.lines.some((line) => line.includes('"msg":"migrations applied"'))).toBe(true);
        expect(service.lines.some((line) => line.includes('"msg":"started"') || line.includes("http server listening"))).toBe(false);
      }
      await client.connect();
      const applied = await client.query("select count(*)::int as n from drizzle.__drizzle_migrations");
      const files = readdirSync(MIGRATIONS_FOLDER).filter((name) => name.endsWith(".sql"));
      expect(applied.rows[0].n).toBe(files.length);
      const models = await client.query("select count(*)::int as n from models");
      expect(models.rows[0].n).toBeGreaterThan(0);
      const queues = await client.query<{ name: string }>("select name from pgboss.queue");
      expect(queues.rows.map((row) => row.name)).toEqual(expect.arrayContaining([...ALL_QUEUES]));
    } finally {
      await client.end().catch(() => undefined);
      await database.drop();
    }
  });
});
