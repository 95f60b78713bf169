import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { Role } from "../../src/config.js";
import { openDatabase, type DatabaseHandle } from "../../src/db/client.js";
import { broadcasts, users } from "../../src/db/schema/index.js";
import { chooseAudience, createBroadcastDraft, startBroadcast } from "../../src/domain/broadcasts/broadcast-lifecycle.js";
import { kickBroadcast } from "../../src/jobs/broadcasts/broadcast-worker.js";
import { credit } from "../../src/domain/ledger/ledger.js";
import { LEDGER_KINDS } from "../../src/domain/ledger/ledger-kinds.js";
import { JobQueue } from "../../src/jobs/job-queue.js";
import { ALL_QUEUES, QUEUES } from "../../src/jobs/queues.js";
import { startFakeWavespeed, type FakeWavespeed } from "../../src/sandbox/fake-wavespeed/index.js";
import { startTelegramEmulator, type EmulatedBot, type TelegramEmulator, type UserActor } from "../../src/sandbox/telegram-emulator/index.js";
import { TEST_BOT_TOKEN } from "../support/bot-app.js";
import { collectingLogger } from "../support/collecting-logger.js";
import { freePort } from "../support/free-port.js";
import { spawnService, type RunningService } from "../support/spawn-service.js";
import { TEST_TARGETS } from "../support/targets.js";
import { settleAndCheck } from "./support/settle.js";
import { onboardThroughBot, runMixedTraffic, seededRandom } from "./support/traffic.js";

/**
 * `kill -9` of each role at random moments during mixed traffic. The roles run as real processes
 * (`node --import tsx src/main.ts --roles <role>`) on one PostgreSQL database and one Redis, as in
 * production; the test SIGKILLs one, starts it again on the same database, and goes on. Afterwards
 * every Stars charge is credited exactly once, every charged generation is delivered or refunded once,
 * and every balance equals its ledger. Needs TEST_DATABASE_URL and TEST_REDIS_URL: separate processes
 * cannot share an embedded PGlite or an in-memory store.
 *
 * FAULTS_LONG=1 kills twelve times over a minute of traffic instead of once per role.
 */
const SEED = Number(process.env.FAULT_SEED ?? Date.now() % 100_000);
const LONG = process.env.FAULTS_LONG === "1";
const ROLES: Role[] = ["bot", "worker", "http"];
const postgres = TEST_TARGETS.find((t) => t.name === "postgres");
const PROVIDER_KEY = "kill9-provider-key-0123456789";
const ADMIN = 7_800_100;
/** Recipients of the broadcast that runs during the kills: long enough (at 30/s) to overlap a worker kill. */
const RECIPIENTS = LONG ? 900 : 240;

describe.skipIf(!postgres?.redisUrl)("kill -9 of each role during mixed traffic (PostgreSQL + Redis)", () => {
  let emulator: TelegramEmulator;
  let bot: EmulatedBot;
  let provider: FakeWavespeed;
  let database: { url: string | undefined; drop(): Promise<void> };
  let handle: DatabaseHandle;
  let env: Record<string, string>;
  const running = new Map<Role, RunningService>();
  const random = seededRandom(SEED);

  async function start(role: Role): Promise<void> {
    const service = spawnService({ ...env, ...(role === "http" ? { HTTP_PORT: String(await freePort()) } : {}) }, ["--roles", role]);
    running.set(role, service);
    await service.waitForLine(/"msg":"started"/, 60_000);
  }

  beforeAll(async () => {
    console.info(`kill -9: FAULT_SEED=${SEED}${LONG ? " (long)" : ""}`);
    emulator = await startTelegramEmulator();
    bot = emulator.registerBot({ token: TEST_BOT_TOKEN, username: "bananapics_test_bot" });
    provider = await startFakeWavespeed({ apiKey: PROVIDER_KEY, latencyMs: 400 });
    database = await postgres!.createDatabase();
    // A Redis database of its own: processes started like this use the default key prefix.
    const redis = new URL(postgres!.redisUrl!);
    redis.pathname = `/${9 + (SEED % 6)}`;
    env = {
      BOT_TOKEN: TEST_BOT_TOKEN,
      TELEGRAM_API_ROOT: emulator.apiRoot,
      WAVESPEED_API_KEY: PROVIDER_KEY,
      WAVESPEED_BASE_URL: provider.baseUrl,
      WAVESPEED_TIMEOUT_SECONDS: "2",
      DATABASE_URL: database.url!,
      REDIS_URL: redis.toString(),
      DATA_DIR: "memory://",
      HTTP_HOST: "127.0.0.1",
      HTTP_PORT: "0",
      DEFAULT_LOCALE: "en",
      TRIAL_GENERATIONS: "0",
      MAX_PARALLEL_GENERATIONS: "5",
      GENERATION_DEADLINE_SECONDS: "60",
      LOG_LEVEL: "info",
      ADMIN_IDS: String(ADMIN),
      ADMIN_SESSION_SECRET: "kill9-admin-session-secret-0123456789abcdef0123456789abcdef",
      BROADCAST_RATE_PER_SECOND: "30",
    };
    // The first one migrates the database; the others start together once it has.
    await start(ROLES[0]!);
    await Promise.all(ROLES.slice(1).map((role) => start(role)));
    handle = await openDatabase({ url: database.url });
  }, 180_000);

  afterAll(async () => {
    for (const service of running.values()) await service.stop().catch(() => undefined);
    await handle?.close();
    await provider?.stop();
    await emulator?.stop();
    await database?.drop();
  });

  /** What the admin's broadcast wizard does: a message, an audience, a start, and the first step enqueued. */
  async function startAdminBroadcast(queue: JobQueue): Promise<number> {
    const admin = bot.user({ id: ADMIN, first_name: "Admin", language_code: "en" });
    expect(await onboardThroughBot(bot, admin)).toBe(true);
    const source = await admin.sendText("Bananapics news: free lanterns for everyone");
    await handle.db.execute(sql`
      insert into users (telegram_id, first_name, language_code, locale, accepted_policy_version, accepted_policy_at, broadcast_opt_in)
      select g, 'Reader ' || g, 'en', 'en', 1, now(), true from generate_series(${7_810_000}::bigint, ${7_810_000 + RECIPIENTS - 1}::bigint) as g`);
    for (let id = 7_810_000; id < 7_810_000 + RECIPIENTS; id++) {
      // Makes each chat known to the emulator with an update the bot does not subscribe to.
      bot.pushUpdate({ edited_message: { message_id: 1, date: 0, edit_date: 0, chat: { id, type: "private", first_name: `Reader ${id}` }, text: "hi" } } as Parameters<EmulatedBot["pushUpdate"]>[0]);
    }
    const draft = await createBroadcastDraft(handle.db, { adminTelegramId: ADMIN, sourceChatId: ADMIN, sourceMessageId: source.message_id, contentKind: "text" });
    await chooseAudience(handle.db, draft.id, { kind: "all" });
    await startBroadcast(handle.db, { id: draft.id, adminTelegramId: ADMIN, now: new Date(), defaultLocale: "en" });
    await kickBroadcast(queue, draft.id);
    return draft.id;
  }

  async function waitForBroadcast(id: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [row] = await handle.db.select({ status: broadcasts.status }).from(broadcasts).where(eq(broadcasts.id, id));
      if (row?.status === "completed") return;
      if (Date.now() > deadline) throw new Error(`broadcast ${id} is still ${row?.status}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  it(`payments, generations and a broadcast survive SIGKILLs of the bot, the worker and the http role`, async () => {
    const actors: UserActor[] = [];
    for (let i = 0; i < 4; i++) {
      const actor = bot.user({ id: 7_800_000 + i, first_name: `K${i}`, language_code: "en" });
      expect(await onboardThroughBot(bot, actor), `user ${i} onboarded`).toBe(true);
      const [row] = await handle.db.select({ id: users.id }).from(users).where(eq(users.telegramId, actor.id));
      await credit(handle.db, { userId: row!.id, amount: 5000, kind: LEDGER_KINDS.adminAdjustment, reference: "kill9", idempotencyKey: `kill9:${actor.id}` });
      actors.push(actor);
    }

    // What the schedules would do (reconciliation every 5 minutes, the sweeper every minute), sooner;
    // and the admin's broadcast start, which the bot would enqueue.
    const { logger } = collectingLogger([]);
    const queue = new JobQueue(handle, logger);
    await queue.start(ALL_QUEUES);
    const broadcastId = await startAdminBroadcast(queue);

    const killsPlanned = LONG ? 12 : ROLES.length;
    const trafficMs = LONG ? 60_000 : 10_000;
    const stopAt = Date.now() + trafficMs;
    const traffic = runMixedTraffic(bot, actors, random, stopAt);
    const kills: string[] = [];
    const order = LONG ? Array.from({ length: killsPlanned }, () => ROLES[Math.floor(random() * ROLES.length)]!) : [...ROLES].sort(() => random() - 0.5);
    for (const role of order) {
      await new Promise((resolve) => setTimeout(resolve, 500 + random() * (trafficMs / (killsPlanned + 1))));
      const victim = running.get(role)!;
      victim.child.kill("SIGKILL");
      await victim.stop();
      kills.push(role);
      await new Promise((resolve) => setTimeout(resolve, 200 + random() * 800));
      await start(role);
    }
    const stats = await traffic;

    try {
      const report = await settleAndCheck({
        db: handle.db,
        bot,
        timeoutMs: LONG ? 240_000 : 120_000,
        nudge: async () => {
          await queue.send(QUEUES.paymentReconciliation, {});
          await queue.send(QUEUES.generationSweep, {});
        },
      });
      console.info(
        `kill -9: killed ${kills.join(", ")}; traffic ${JSON.stringify(stats)}; ` +
          `invariants checked ${report.checks}× over ${report.users} users, ${report.generations} generations, ${report.payments} payments`,
      );
      expect(report.violations).toEqual([]);
      expect(kills).toHaveLength(killsPlanned);
      expect(new Set(kills)).toEqual(new Set(LONG ? kills : ROLES));
      expect(stats.generationsPressed + stats.paymentsMade).toBeGreaterThan(0);
      // Each restarted role came up and is still running.
      for (const role of ROLES) expect(running.get(role)!.child.exitCode, role).toBeNull();
      // No broadcast duplicates: nobody got the broadcast twice, and everyone marked sent got it once.
      // (A recipient a killed worker was sending to is marked failed after the abandoned-claim time,
      // never sent again; LONG waits for the broadcast to complete.)
      if (LONG) await waitForBroadcast(broadcastId, 240_000);
      const copies = new Map<number, number>();
      for (const call of bot.calls) {
        if (call.method === "copyMessage" && call.ok && Number(call.payload.from_chat_id) === ADMIN) {
          copies.set(Number(call.payload.chat_id), (copies.get(Number(call.payload.chat_id)) ?? 0) + 1);
        }
      }
      const twice = [...copies].filter(([, n]) => n > 1);
      expect(twice).toEqual([]);
      const recipients = (await handle.db.execute(sql`
        select u.telegram_id, r.status from broadcast_recipients r join users u on u.id = r.user_id where r.broadcast_id = ${broadcastId}`)) as unknown as {
        rows: Array<{ telegram_id: string; status: string }>;
      };
      const sent = recipients.rows.filter((r) => r.status === "sent");
      for (const r of sent) expect(copies.get(Number(r.telegram_id)) ?? 0, `recipient ${r.telegram_id}`).toBe(1);
      expect(sent.length).toBeGreaterThan(0);
      console.info(`kill -9: broadcast to ${recipients.rows.length} recipients, ${sent.length} sent, ${copies.size} copies delivered, none twice`);
    } finally {
      await queue.stop(2000);
    }
  }, LONG ? 600_000 : 240_000);
});
