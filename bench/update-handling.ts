import { cpus } from "node:os";
import { startFakeWavespeed } from "../src/sandbox/fake-wavespeed/index.js";
import { startTelegramEmulator, type EmulatedBot } from "../src/sandbox/telegram-emulator/index.js";
import { freePort } from "../test/support/free-port.js";
import { appStarted, PROVIDER_KEY, startApp, WEBHOOK_SECRET } from "./support/app-process.js";
import { clearAppKeys, createScratchDatabase, scratchDirectory } from "./support/environment.js";
import { DatabaseCpu, ownCpuMs } from "./support/cpu.js";
import { startChild, type Child } from "./support/processes.js";
import type { BenchmarkReport } from "./support/report.js";
import { summarize, type LatencySummary } from "./support/stats.js";
import { bareUser, serviceUser } from "./support/user-scripts.js";
import { runWorkload, type UserScript, type WorkloadResult } from "./support/workload.js";

const SERVICE_TOKEN = "7100000001:BENCHserviceAAAAbbbbCCCCdddd_1";
const BARE_TOKEN = "7100000002:BENCHbareAAAAbbbbCCCCddddeeee_2";

/** Updates per phase; seven per simulated user. */
const WARMUP_STEPS = 280;
const THROUGHPUT_STEPS = 2100;
const LATENCY_STEPS = 2000;
/** A phase stops issuing after this long on a slow (or busy) machine, so the whole run stays bounded. */
const PHASE_SECONDS = 15;
/** Users waiting for an answer at once in the throughput phase (Telegram's default webhook max_connections is 40). */
const CONCURRENCY = 64;
/** The load for the latency target. */
const LATENCY_RATE = 200;

export interface HandlingRun {
  throughput: WorkloadResult;
  /** Updates of any phase that got no answer within the step timeout. */
  lost: number;
  /** CPU time the bot's process spent per update in the throughput phase (ms). */
  cpuMsPerUpdate: number;
  /** The same for the PostgreSQL backends of the bot's database; undefined without PostgreSQL. */
  databaseCpuMsPerUpdate: number | undefined;
  /** The same for this process: the emulator (Telegram's side) and the load generator. */
  harnessCpuMsPerUpdate: number;
  latency: WorkloadResult | undefined;
  latencySummary: LatencySummary | undefined;
}

/**
 * Warm-up, then maximum throughput (closed loop), then — with `latency` — the answer time at
 * LATENCY_RATE updates/s (open loop). `botProcess` is the bot's process, for its CPU time.
 */
export async function measureHandling(
  bot: EmulatedBot,
  newUser: (bot: EmulatedBot, id: number) => UserScript,
  firstId: number,
  botProcess: Child,
  options: { latency: boolean; throughputSteps?: number; databaseUrl?: string },
): Promise<HandlingRun> {
  let nextId = firstId;
  let lost = 0;
  const phase = async (steps: number, maxSeconds: number, rate?: number) => {
    const base = nextId;
    const result = await runWorkload({
      bot,
      newUser: (index) => newUser(bot, base + index),
      steps,
      maxDurationMs: maxSeconds * 1000,
      concurrency: rate === undefined ? CONCURRENCY : 1000,
      ...(rate === undefined ? {} : { ratePerSecond: rate }),
    });
    // Each phase has users of its own.
    nextId += steps + 1000;
    lost += result.lost;
    if (result.lost > 0) console.warn(`   ${result.lost} of ${result.issued} updates got no answer within the step timeout: ${result.errors.join("; ")}`);
    return result;
  };
  await phase(WARMUP_STEPS, 8);
  const cpuBefore = botProcess.cpuMs();
  const harnessBefore = ownCpuMs();
  const database = options.databaseUrl ? await DatabaseCpu.start(options.databaseUrl) : undefined;
  const throughput = await phase(options.throughputSteps ?? THROUGHPUT_STEPS, PHASE_SECONDS);
  const cpuMsPerUpdate = (botProcess.cpuMs() - cpuBefore) / throughput.answered;
  const harnessCpuMsPerUpdate = (ownCpuMs() - harnessBefore) / throughput.answered;
  const databaseCpuMsPerUpdate = database ? (await database.elapsedMs()) / throughput.answered : undefined;
  const latency = options.latency ? await phase(LATENCY_STEPS, PHASE_SECONDS, LATENCY_RATE) : undefined;
  return {
    throughput,
    lost,
    cpuMsPerUpdate,
    databaseCpuMsPerUpdate,
    harnessCpuMsPerUpdate,
    latency,
    latencySummary: latency ? summarize(latency.latencies) : undefined,
  };
}

const CORES = cpus().length;

/**
 * Updates/s the measured CPU cost allows when nothing else runs: the bot's process is one thread (at
 * most one core), and together with the database and the emulator it shares every core of the machine.
 */
export function idleThroughput(run: HandlingRun): number {
  const total = run.cpuMsPerUpdate + (run.databaseCpuMsPerUpdate ?? 0) + run.harnessCpuMsPerUpdate;
  return Math.min(1000 / run.cpuMsPerUpdate, (CORES * 1000) / total);
}

/**
 * Update handling: the full service (bot + http in webhook mode, PostgreSQL + Redis) against a bare
 * grammY bot, both as separate processes fed by the same emulator with the same mix of updates.
 */
export async function updateHandlingBenchmark(): Promise<BenchmarkReport> {
  const emulator = await startTelegramEmulator();
  const provider = await startFakeWavespeed({ apiKey: PROVIDER_KEY });
  const database = await createScratchDatabase();
  const dataDir = scratchDirectory();
  try {
    const bareBot = emulator.registerBot({ token: BARE_TOKEN, username: "bare_bench_bot" });
    const barePort = await freePort();
    const bare = startChild(["--import", "tsx", "bench/targets/bare-bot.ts"], {
      BOT_TOKEN: BARE_TOKEN,
      TELEGRAM_API_ROOT: emulator.apiRoot,
      PORT: String(barePort),
      WEBHOOK_SECRET,
    });
    let baseline: HandlingRun;
    try {
      await bare.waitForLine(/"msg":"started"/);
      baseline = await measureHandling(bareBot, bareUser, 1_000_000, bare, { latency: true });
    } finally {
      await bare.stop();
    }

    const serviceBot = emulator.registerBot({ token: SERVICE_TOKEN, username: "service_bench_bot" });
    await clearAppKeys();
    const port = await freePort();
    const app = startApp({
      roles: "bot,http",
      botToken: SERVICE_TOKEN,
      telegramApiRoot: emulator.apiRoot,
      providerBaseUrl: provider.baseUrl,
      databaseUrl: database.url,
      dataDir: dataDir.path,
      redis: true,
      httpPort: port,
      publicUrl: `http://127.0.0.1:${port}`,
    });
    let service: HandlingRun;
    try {
      await appStarted(app);
      service = await measureHandling(serviceBot, serviceUser, 2_000_000, app, { latency: true, databaseUrl: database.url });
    } finally {
      await app.stop();
    }

    const serviceLatency = service.latencySummary!;
    const baselineLatency = baseline.latencySummary!;
    const ratio = service.throughput.throughput / baseline.throughput.throughput;
    const addedP99 = serviceLatency.p99 - baselineLatency.p99;
    return {
      title: "Update handling",
      setup:
        `${THROUGHPUT_STEPS} updates (7 per user: /start, language, consent, prompt, model menu, model, /start) with ${CONCURRENCY} users waiting at once; ` +
        `then ${LATENCY_STEPS} updates offered at ${LATENCY_RATE}/s (each phase at most ${PHASE_SECONDS} s). Service: node dist/main.js --roles bot,http, webhook, PostgreSQL + Redis. ` +
        "Baseline: bare grammY bot (webhookCallback, no storage). Latency: update pushed → answer visible in the chat.",
      figures: [
        {
          name: "throughput",
          value: service.throughput.throughput,
          unit: "updates/s",
          baseline: { name: "bare grammY", value: baseline.throughput.throughput },
          compare: "ratio",
          target: { text: "≥ 0.5 × bare grammY", met: ratio >= 0.5 },
          ...(service.lost + baseline.lost > 0 ? { note: `unanswered updates: service ${service.lost}, bare grammY ${baseline.lost}` } : {}),
        },
        {
          name: "CPU per update: bot process",
          value: service.cpuMsPerUpdate,
          unit: "ms",
          baseline: { name: "bare grammY", value: baseline.cpuMsPerUpdate },
          compare: "ratio",
        },
        {
          name: "CPU per update: PostgreSQL backends",
          value: service.databaseCpuMsPerUpdate ?? Number.NaN,
          unit: "ms",
          baseline: { name: "bare grammY", value: 0 },
          compare: "difference",
          note: "Redis is shared with other clients and not counted; it answers ~4.5 commands per update",
        },
        {
          name: "CPU per update: emulator + load generator",
          value: service.harnessCpuMsPerUpdate,
          unit: "ms",
          baseline: { name: "bare grammY", value: baseline.harnessCpuMsPerUpdate },
          compare: "ratio",
        },
        {
          name: `throughput on ${CORES} idle cores (derived)`,
          value: idleThroughput(service),
          unit: "updates/s",
          baseline: { name: "bare grammY", value: idleThroughput(baseline) },
          compare: "ratio",
          note: "from the CPU per update above (one core at most for the bot, all cores for everything): this machine with nothing else running",
        },
        {
          name: `p50 latency at ${LATENCY_RATE}/s`,
          value: serviceLatency.p50,
          unit: "ms",
          baseline: { name: "bare grammY", value: baselineLatency.p50 },
          compare: "difference",
        },
        {
          name: `p99 latency at ${LATENCY_RATE}/s`,
          value: serviceLatency.p99,
          unit: "ms",
          baseline: { name: "bare grammY", value: baselineLatency.p99 },
          compare: "difference",
          target: { text: "≤ 25 ms added", met: addedP99 <= 25 },
        },
        {
          name: `rate achieved when offered ${LATENCY_RATE}/s`,
          value: service.latency!.throughput,
          unit: "updates/s",
          baseline: { name: "bare grammY", value: baseline.latency!.throughput },
          compare: "ratio",
        },
      ],
    };
  } finally {
    await emulator.stop();
    await provider.stop();
    await database.drop();
    dataDir.remove();
  }
}
