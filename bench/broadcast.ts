import { cpus } from "node:os";
import pg from "pg";
import { createConfig } from "../src/config.js";
import { openDatabase } from "../src/db/client.js";
import { chooseAudience, createBroadcastDraft, startBroadcast } from "../src/domain/broadcasts/broadcast-lifecycle.js";
import { startFakeWavespeed } from "../src/sandbox/fake-wavespeed/index.js";
import { startTelegramEmulator, type EmulatedBot } from "../src/sandbox/telegram-emulator/index.js";
import { appStarted, PROVIDER_KEY, startApp } from "./support/app-process.js";
import { clearAppKeys, createScratchDatabase, scratchDirectory } from "./support/environment.js";
import { DatabaseCpu, ownCpuMs } from "./support/cpu.js";
import { startChild, type Child } from "./support/processes.js";
import type { BenchmarkReport, Figure } from "./support/report.js";
import { sleep } from "./support/sleep.js";

/** The service's default BROADCAST_RATE_PER_SECOND: under Telegram's free limit of about 30 messages/s. */
const FREE_RATE = createConfig({}).broadcasts.ratePerSecond;
/** Telegram's ceiling with paid broadcasts (allow_paid_broadcast), and the highest rate the config accepts. */
const PAID_RATE = 1000;
/** Each broadcast has enough recipients for this many seconds at its configured rate. */
const SECONDS_AT_RATE = 8;
/** A broadcast still running after this long is measured as far as it got. */
const MAX_WAIT_MS = 30_000;
const WORKERS = 2;
const ADMIN_ID = 8_000_000;

interface BroadcastRun {
  rate: number;
  recipients: number;
  sent: number;
  /** Mean sends per second over the whole seconds between the first and the last send. */
  achieved: number;
  busiestWindow: number;
  windowsOverLimit: number;
  completed: boolean;
  /** CPU ms per copy sent: the worker processes, the PostgreSQL backends, the emulator. */
  cpuPerCopy: { workers: number; database: number; emulator: number };
}

/** Sends per wall-clock second (the windows the rate limiter itself counts in). */
function perSecond(times: readonly number[]): Map<number, number> {
  const windows = new Map<number, number>();
  for (const at of times) windows.set(Math.floor(at / 1000), (windows.get(Math.floor(at / 1000)) ?? 0) + 1);
  return windows;
}

async function broadcastAtRate(rate: number, firstUserId: number): Promise<BroadcastRun> {
  const token = `74000000${String(rate).padStart(2, "0").slice(-2)}:BENCHbroadcastAAAAbbbbCCCC_${rate}`;
  const emulator = await startTelegramEmulator();
  const provider = await startFakeWavespeed({ apiKey: PROVIDER_KEY });
  const database = await createScratchDatabase();
  const dataDir = scratchDirectory();
  const workers: Child[] = [];
  const recipients = rate * SECONDS_AT_RATE;
  try {
    const bot: EmulatedBot = emulator.registerBot({ token, username: `broadcast_${rate}_bot` });
    const migrate = startChild(["dist/main.js", "--migrate-only"], { DATABASE_URL: database.url, DATA_DIR: dataDir.path, LOG_LEVEL: "warn" });
    await new Promise((resolve) => migrate.process.once("exit", resolve));

    // Recipients who accepted the terms and kept broadcasts on, each having written to the bot once.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(
        `insert into users (telegram_id, first_name, language_code, accepted_policy_version, broadcast_opt_in)
         select $1::bigint + g, 'Reader ' || g, 'en', 1, true from generate_series(1, $2::int) g`,
        [firstUserId, recipients],
      );
    } finally {
      await client.end();
    }
    for (let i = 1; i <= recipients; i++) bot.user({ id: firstUserId + i, first_name: `Reader ${i}`, language_code: "en" }).sendText("/start");
    const admin = bot.user({ id: ADMIN_ID, first_name: "Admin", language_code: "en" });
    const source = await admin.sendText("Lighthouse news: new models are in");

    const handle = await openDatabase({ url: database.url });
    try {
      const draft = await createBroadcastDraft(handle.db, { adminTelegramId: ADMIN_ID, sourceChatId: ADMIN_ID, sourceMessageId: source.message_id, contentKind: "text" });
      await chooseAudience(handle.db, draft.id, { kind: "all" });
      await startBroadcast(handle.db, { id: draft.id, adminTelegramId: ADMIN_ID, now: new Date(), defaultLocale: "en" });
    } finally {
      await handle.close();
    }

    // Workers pick up running broadcasts as they start (their sweep), as after a deployment.
    await clearAppKeys();
    for (let i = 0; i < WORKERS; i++) {
      workers.push(
        startApp({
          roles: "worker",
          botToken: token,
          telegramApiRoot: emulator.apiRoot,
          providerBaseUrl: provider.baseUrl,
          databaseUrl: database.url,
          dataDir: dataDir.path,
          redis: true,
          env: { BROADCAST_RATE_PER_SECOND: String(rate) },
        }),
      );
    }
    await Promise.all(workers.map((worker) => appStarted(worker)));
    const workersCpuBefore = workers.reduce((sum, worker) => sum + worker.cpuMs(), 0);
    const emulatorCpuBefore = ownCpuMs();
    const databaseCpu = await DatabaseCpu.start(database.url);
    const deadline = Date.now() + MAX_WAIT_MS;
    const copies = () => bot.calls.filter((call) => call.method === "copyMessage");
    let completed = false;
    while (Date.now() < deadline) {
      // The summary to the admin is sent once the last recipient is settled.
      if (bot.calls.some((call) => call.method === "sendMessage" && call.payload.chat_id === ADMIN_ID)) {
        completed = true;
        break;
      }
      await sleep(100);
    }
    const sentCount = Math.max(1, copies().length);
    const cpuPerCopy = {
      workers: (workers.reduce((sum, worker) => sum + worker.cpuMs(), 0) - workersCpuBefore) / sentCount,
      database: (await databaseCpu.elapsedMs()) / sentCount,
      emulator: (ownCpuMs() - emulatorCpuBefore) / sentCount,
    };
    const times = copies().map((call) => call.at);
    const windows = perSecond(times);
    const seconds = [...windows.keys()].sort((a, b) => a - b);
    const whole = seconds.slice(1, -1);
    const achieved = whole.length > 0 ? whole.reduce((sum, second) => sum + (windows.get(second) ?? 0), 0) / whole.length : Number.NaN;
    return {
      rate,
      recipients,
      sent: copies().filter((call) => call.ok).length,
      achieved,
      busiestWindow: Math.max(0, ...windows.values()),
      windowsOverLimit: [...windows.values()].filter((count) => count > rate).length,
      completed,
      cpuPerCopy,
    };
  } finally {
    for (const worker of workers) await worker.stop();
    await emulator.stop();
    await provider.stop();
    await database.drop();
    dataDir.remove();
  }
}

/**
 * Copies/s the measured CPU cost allows when nothing else runs: a broadcast's steps run one at a time,
 * in one worker process (one core at most), which shares every core with PostgreSQL and the emulator.
 */
function idleRate(run: BroadcastRun): number {
  const { workers, database, emulator } = run.cpuPerCopy;
  return Math.min(1000 / workers, (cpus().length * 1000) / (workers + database + emulator));
}

function figuresOf(run: BroadcastRun, label: string, withCpu: boolean): Figure[] {
  const share = run.achieved / run.rate;
  const cpu: Figure[] = [
    {
      name: `CPU per copy: workers + PostgreSQL + emulator, ${label}`,
      value: run.cpuPerCopy.workers + run.cpuPerCopy.database + run.cpuPerCopy.emulator,
      unit: "ms",
      note: `workers ${run.cpuPerCopy.workers.toFixed(2)} ms, PostgreSQL ${run.cpuPerCopy.database.toFixed(2)} ms, emulator ${run.cpuPerCopy.emulator.toFixed(2)} ms`,
    },
    {
      name: `rate on idle cores, ${label} (derived)`,
      value: idleRate(run),
      unit: "msg/s",
      baseline: { name: "configured", value: run.rate },
      compare: "ratio",
      note: "from the CPU per copy: what this machine would sustain with nothing else running",
    },
  ];
  return [
    {
      name: `achieved rate, ${label} limit`,
      value: run.achieved,
      unit: "msg/s",
      baseline: { name: "configured", value: run.rate },
      compare: "ratio",
      target: { text: "≥ 95 % of the configured rate", met: share >= 0.95 },
      ...(run.completed ? {} : { note: `still running after ${MAX_WAIT_MS / 1000} s: ${run.sent} of ${run.recipients} sent` }),
    },
    {
      name: `busiest one-second window, ${label} limit`,
      value: run.busiestWindow,
      unit: "msg",
      baseline: { name: "configured", value: run.rate },
      compare: "ratio",
      target: { text: `0 windows over the limit (${run.windowsOverLimit} were)`, met: run.windowsOverLimit === 0 },
    },
    ...(withCpu ? cpu : []),
  ];
}

/**
 * Broadcast: one broadcast to rate × 6 s recipients, sent by two worker processes sharing the rate in
 * Redis; copies counted per wall-clock second at the emulator.
 */
export async function broadcastBenchmark(): Promise<BenchmarkReport> {
  const free = await broadcastAtRate(FREE_RATE, 8_100_000);
  const paid = await broadcastAtRate(PAID_RATE, 8_200_000);
  return {
    title: "Broadcast",
    setup:
      `One broadcast (copyMessage) to rate × ${SECONDS_AT_RATE} s recipients, ${WORKERS} workers (node dist/main.js --roles worker) on PostgreSQL + Redis. ` +
      `Free: the default BROADCAST_RATE_PER_SECOND=${FREE_RATE}; paid broadcasts: ${PAID_RATE}. Rate = mean of the whole seconds between first and last copy.`,
    figures: [...figuresOf(free, `free (${FREE_RATE}/s)`, false), ...figuresOf(paid, `paid (${PAID_RATE}/s)`, true)],
  };
}
