import { startFakeWavespeed } from "../src/sandbox/fake-wavespeed/index.js";
import { startTelegramEmulator, type TelegramEmulator } from "../src/sandbox/telegram-emulator/index.js";
import { freePort } from "../test/support/free-port.js";
import { appStarted, PROVIDER_KEY, startApp, type AppProcessOptions } from "./support/app-process.js";
import { clearAppKeys, createScratchDatabase, scratchDirectory } from "./support/environment.js";
import { startChild } from "./support/processes.js";
import type { BenchmarkReport } from "./support/report.js";
import { quantile } from "./support/stats.js";
import { serviceUser } from "./support/user-scripts.js";
import { idleThroughput, measureHandling } from "./update-handling.js";
import { sleep } from "./support/sleep.js";

/** Updates in each throughput run (the update-handling mix). */
const THROUGHPUT_STEPS = 1400;
/** How long a freshly started process is left alone before its memory is read. */
const IDLE_MS = 3000;
/** Warm starts per storage mode; the median is reported. */
const STARTS = 3;

interface StartSample {
  startMs: number;
  idleRssMb: number;
}

/**
 * Start-up time (spawn → "started" logged, i.e. every role serving) and resident memory after
 * IDLE_MS idle, of `node dist/main.js` with the given roles. The bot runs in polling mode against the
 * emulator, as `npm start` does.
 */
async function startAndIdle(options: Omit<AppProcessOptions, "botToken">, emulator: TelegramEmulator, token: string): Promise<StartSample> {
  try {
    emulator.bot(token);
  } catch {
    emulator.registerBot({ token, username: `start_${token.split(":")[0]}_bot` });
  }
  if (options.redis) await clearAppKeys();
  const child = startApp({ ...options, botToken: token });
  try {
    const startMs = await appStarted(child);
    await sleep(IDLE_MS);
    return { startMs, idleRssMb: child.memory().rssMb };
  } finally {
    await child.stop();
  }
}

/** The `--migrate-only` step on an empty database, in ms. */
async function migrateOnce(databaseUrl: string, dataDir: string): Promise<number> {
  const child = startChild(["dist/main.js", "--migrate-only"], { DATABASE_URL: databaseUrl, DATA_DIR: dataDir, LOG_LEVEL: "info" });
  const exited = new Promise<number | null>((resolve) => child.process.once("exit", (code) => resolve(code)));
  const code = await exited;
  if (code !== 0) throw new Error(`--migrate-only exited with ${code}:\n${child.lines.join("\n")}`);
  return performance.now() - child.spawnedAt;
}

/**
 * Embedded mode (PGlite in DATA_DIR, in-memory store, one process) against PostgreSQL + Redis:
 * update throughput of the whole service in one process, start-up time and idle memory.
 */
export async function embeddedVsPostgresBenchmark(): Promise<BenchmarkReport> {
  const emulator = await startTelegramEmulator();
  const provider = await startFakeWavespeed({ apiKey: PROVIDER_KEY });
  const database = await createScratchDatabase();
  const dirs = [scratchDirectory(), scratchDirectory(), scratchDirectory()];
  const [pgDir, embeddedDir, embeddedThroughputDir] = dirs.map((dir) => dir.path) as [string, string, string];
  try {
    const common = { telegramApiRoot: emulator.apiRoot, providerBaseUrl: provider.baseUrl };
    const migrateMs = await migrateOnce(database.url, pgDir);

    const postgresStarts: StartSample[] = [];
    for (let i = 0; i < STARTS; i++) {
      postgresStarts.push(await startAndIdle({ ...common, roles: "bot,http,worker", databaseUrl: database.url, dataDir: pgDir, redis: true }, emulator, "7200000001:BENCHstartAAAAbbbbCCCCdddd_1"));
    }
    const botHttp = await startAndIdle({ ...common, roles: "bot,http", databaseUrl: database.url, dataDir: pgDir, redis: true }, emulator, "7200000002:BENCHstartAAAAbbbbCCCCdddd_2");
    const worker = await startAndIdle({ ...common, roles: "worker", databaseUrl: database.url, dataDir: pgDir, redis: true }, emulator, "7200000003:BENCHstartAAAAbbbbCCCCdddd_3");

    const embeddedCold = await startAndIdle({ ...common, roles: "bot,http,worker", dataDir: embeddedDir, redis: false }, emulator, "7200000004:BENCHstartAAAAbbbbCCCCdddd_4");
    const embeddedStarts: StartSample[] = [];
    for (let i = 0; i < STARTS; i++) {
      embeddedStarts.push(await startAndIdle({ ...common, roles: "bot,http,worker", dataDir: embeddedDir, redis: false }, emulator, "7200000005:BENCHstartAAAAbbbbCCCCdddd_5"));
    }

    // Throughput of the whole service in one process (webhook mode), embedded against PostgreSQL + Redis.
    const throughputOf = async (token: string, options: { databaseUrl?: string; dataDir: string; redis: boolean }, firstId: number) => {
      const bot = emulator.registerBot({ token, username: `tp_${token.split(":")[0]}_bot` });
      if (options.redis) await clearAppKeys();
      const port = await freePort();
      const child = startApp({ ...common, ...options, roles: "bot,http,worker", botToken: token, httpPort: port, publicUrl: `http://127.0.0.1:${port}` });
      try {
        await appStarted(child);
        return await measureHandling(bot, serviceUser, firstId, child, {
          latency: false,
          throughputSteps: THROUGHPUT_STEPS,
          ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
        });
      } finally {
        await child.stop();
      }
    };
    const embedded = await throughputOf("7200000006:BENCHtputAAAAbbbbCCCCddddee_6", { dataDir: embeddedThroughputDir, redis: false }, 3_000_000);
    const postgres = await throughputOf("7200000007:BENCHtputAAAAbbbbCCCCddddee_7", { databaseUrl: database.url, dataDir: pgDir, redis: true }, 4_000_000);

    const median = (samples: StartSample[], pick: (s: StartSample) => number) => quantile(samples.map(pick), 0.5);
    const postgresStartMs = median(postgresStarts, (s) => s.startMs);
    const postgresRss = median(postgresStarts, (s) => s.idleRssMb);
    return {
      title: "Embedded (PGlite) against PostgreSQL",
      setup:
        "node dist/main.js with every role in one process. Throughput: the update-handling mix in webhook mode. " +
        `Start-up: spawn → "started" logged (median of ${STARTS}, database already migrated); memory: RSS after ${IDLE_MS / 1000} s idle.`,
      figures: [
        {
          name: "throughput, embedded",
          value: embedded.throughput.throughput,
          unit: "updates/s",
          baseline: { name: "PostgreSQL + Redis", value: postgres.throughput.throughput },
          compare: "ratio",
          target: { text: "embedded ≥ 150 updates/s", met: embedded.throughput.throughput >= 150 },
        },
        {
          name: "CPU per update of the process, embedded",
          value: embedded.cpuMsPerUpdate,
          unit: "ms",
          baseline: { name: "PostgreSQL + Redis", value: postgres.cpuMsPerUpdate + (postgres.databaseCpuMsPerUpdate ?? 0) },
          compare: "ratio",
          note: "embedded includes the database's work (PGlite runs in the process); the baseline adds the PostgreSQL backends' CPU",
        },
        {
          name: "throughput on idle cores, embedded (derived)",
          value: idleThroughput(embedded),
          unit: "updates/s",
          baseline: { name: "PostgreSQL + Redis", value: idleThroughput(postgres) },
          compare: "ratio",
          note: "from the CPU per update: one process is one thread, so embedded mode is bound to one core",
        },
        {
          name: "idle RSS, all roles, PostgreSQL + Redis",
          value: postgresRss,
          unit: "MB",
          baseline: { name: "embedded", value: median(embeddedStarts, (s) => s.idleRssMb) },
          compare: "difference",
          target: { text: "≤ 200 MB on PostgreSQL", met: postgresRss <= 200 },
        },
        { name: "idle RSS, bot + http only, PostgreSQL + Redis", value: botHttp.idleRssMb, unit: "MB" },
        { name: "idle RSS, worker only, PostgreSQL + Redis", value: worker.idleRssMb, unit: "MB" },
        {
          name: "start-up, all roles, PostgreSQL + Redis",
          value: postgresStartMs,
          unit: "ms",
          baseline: { name: "embedded", value: median(embeddedStarts, (s) => s.startMs) },
          compare: "difference",
          target: { text: "≤ 3 s", met: postgresStartMs <= 3000 },
        },
        {
          name: "start-up, embedded, empty DATA_DIR",
          value: embeddedCold.startMs,
          unit: "ms",
          baseline: { name: "embedded, existing DATA_DIR", value: median(embeddedStarts, (s) => s.startMs) },
          compare: "difference",
          note: "the first start creates the PGlite cluster and applies every migration",
        },
        { name: "--migrate-only on an empty PostgreSQL database", value: migrateMs, unit: "ms" },
      ],
    };
  } finally {
    await emulator.stop();
    await provider.stop();
    await database.drop();
    for (const dir of dirs) dir.remove();
  }
}
