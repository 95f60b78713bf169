import pg from "pg";
import { startFakeWavespeed, type FakeWavespeed } from "../src/sandbox/fake-wavespeed/index.js";
import { startTelegramEmulator, type EmulatedBot } from "../src/sandbox/telegram-emulator/index.js";
import { freePort } from "../test/support/free-port.js";
import { appStarted, PROVIDER_KEY, startApp, type AppProcessOptions } from "./support/app-process.js";
import { clearAppKeys, createScratchDatabase, scratchDirectory } from "./support/environment.js";
import { sampleMemory, type Child } from "./support/processes.js";
import type { BenchmarkReport } from "./support/report.js";
import { sleep } from "./support/sleep.js";
import { mean, quantile, summarize } from "./support/stats.js";
import { serviceUser } from "./support/user-scripts.js";
import { runWorkload } from "./support/workload.js";

const TOKEN = "7300000001:BENCHgenerationAAAAbbbbCCCC_1";
/** Generations per mode; each user gets one (the free trial of a new user). */
const GENERATIONS = 20;
/** Long enough that the poll chain (2 s, 5 s, 10 s after submit) does not see the result before the webhook. */
const PROVIDER_LATENCY_MS = 6000;
const IN_FLIGHT = 500;
/** After the last submit, how long the worker keeps polling the 500 while its memory is watched. */
const HOLD_MS = 6_000;

/**
 * Drives `count` users to press Generate (open loop, spread out) and returns, per generation, the time
 * from the provider's task completing to the worker's sendDocument reaching Telegram.
 */
async function completionToDelivery(bot: EmulatedBot, provider: FakeWavespeed, firstId: number, count: number, databaseUrl: string): Promise<number[]> {
  const completedAt = new Map<string, number>();
  const sampler = setInterval(() => {
    const now = Date.now();
    for (const task of provider.tasks.values()) {
      if (!completedAt.has(task.id) && task.status === "completed") completedAt.set(task.id, now);
    }
  }, 2);
  const callsBefore = bot.calls.length;
  try {
    const started = await runWorkload({
      bot,
      newUser: (index) => serviceUser(bot, firstId + index, { generate: true }),
      steps: count * 5,
      maxUsers: count,
      concurrency: 50,
      ratePerSecond: 25,
    });
    if (started.lost > 0) throw new Error(`${started.lost} updates got no answer: ${started.errors.join("; ")}`);
    const deadline = Date.now() + 90_000;
    const delivered = () => bot.calls.slice(callsBefore).filter((call) => call.ok && call.method === "sendDocument");
    while (delivered().length < count) {
      if (Date.now() > deadline) {
        throw new Error(`only ${delivered().length} of ${count} generations were delivered within 90 s: ${JSON.stringify(await countStatuses(databaseUrl))}`);
      }
      await sleep(50);
    }
    return delivered().map((call) => {
      const chatId = Number(call.payload.chat_id);
      const task = [...provider.tasks.values()].find((t) => String(t.input.prompt ?? "").endsWith(`user ${chatId}`));
      const done = task ? completedAt.get(task.id) : undefined;
      if (done === undefined) throw new Error(`no completed task for the document sent to ${chatId}`);
      return call.at - done;
    });
  } finally {
    clearInterval(sampler);
  }
}

/**
 * The webhook-triggered poll jobs ("<id>:now") from pg-boss's own timestamps: how long each waited for
 * a worker to fetch it, and how long it ran (provider lookup, download, sendDocument, status edit).
 */
async function pollNowJobs(databaseUrl: string): Promise<{ waitMs: number[]; runMs: number[] }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ wait_ms: number; run_ms: number }>(
      `select extract(epoch from started_on - created_on) * 1000 as wait_ms,
              extract(epoch from completed_on - started_on) * 1000 as run_ms
       from pgboss.job
       where name = 'generation-poll' and singleton_key like '%:now' and state = 'completed'`,
    );
    return { waitMs: rows.map((row) => Number(row.wait_ms)), runMs: rows.map((row) => Number(row.run_ms)) };
  } finally {
    await client.end();
  }
}

async function countStatuses(databaseUrl: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ status: string; n: number }>(
      "select status || coalesce(':' || failure_code, '') as status, count(*)::int as n from generations group by 1",
    );
    return Object.fromEntries(rows.map((row) => [row.status, row.n]));
  } finally {
    await client.end();
  }
}

/**
 * Generation overhead: provider completion → document sent, with the provider's webhook and with the
 * poll chain only; and the memory of one worker process holding 500 generations in flight. The bot
 * and the workers are separate processes (bot,http and worker), as deployed.
 */
export async function generationOverheadBenchmark(): Promise<BenchmarkReport> {
  const emulator = await startTelegramEmulator();
  const provider = await startFakeWavespeed({ apiKey: PROVIDER_KEY, latencyMs: PROVIDER_LATENCY_MS, balanceUsd: 100_000 });
  const database = await createScratchDatabase();
  const dataDir = scratchDirectory();
  const bot = emulator.registerBot({ token: TOKEN, username: "generation_bench_bot" });
  const children: Child[] = [];
  try {
    await clearAppKeys();
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    const common: Omit<AppProcessOptions, "roles"> = {
      botToken: TOKEN,
      telegramApiRoot: emulator.apiRoot,
      providerBaseUrl: provider.baseUrl,
      databaseUrl: database.url,
      dataDir: dataDir.path,
      redis: true,
    };
    const front = startApp({ ...common, roles: "bot,http", httpPort: port, publicUrl });
    children.push(front);
    await appStarted(front);

    const startWorker = async (webhooks: boolean) => {
      // Without PUBLIC_URL the worker gives the provider no webhook, and only the poll chain finds results.
      const worker = startApp({ ...common, roles: "worker", ...(webhooks ? { publicUrl } : {}) });
      children.push(worker);
      await appStarted(worker);
      return worker;
    };

    let worker = await startWorker(true);
    const webhookOverheads = await completionToDelivery(bot, provider, 5_000_000, GENERATIONS, database.url);
    const withWebhooks = summarize(webhookOverheads);
    const pollNow = await pollNowJobs(database.url);
    await worker.stop();
    worker = await startWorker(false);
    const pollingOverheads = await completionToDelivery(bot, provider, 5_100_000, GENERATIONS, database.url);
    const withPolling = summarize(pollingOverheads);
    await worker.stop();

    // 500 generations that never finish at the provider, all submitted and polled by one worker.
    worker = await startWorker(false);
    await sleep(3000);
    const idleMb = worker.memory().rssMb;
    const memory = sampleMemory(worker);
    provider.scriptNextTasks(Array.from({ length: IN_FLIGHT }, () => "never" as const));
    const started = await runWorkload({
      bot,
      newUser: (index) => serviceUser(bot, 5_200_000 + index, { generate: true }),
      steps: IN_FLIGHT * 5,
      maxUsers: IN_FLIGHT,
      concurrency: 64,
    });
    if (started.lost > 0) throw new Error(`${started.lost} updates got no answer: ${started.errors.join("; ")}`);
    const deadline = Date.now() + 120_000;
    while (((await countStatuses(database.url)).submitted ?? 0) < IN_FLIGHT) {
      if (Date.now() > deadline) throw new Error(`not all ${IN_FLIGHT} generations were submitted within 120 s: ${JSON.stringify(await countStatuses(database.url))}`);
      await sleep(250);
    }
    await sleep(HOLD_MS);
    const holding = memory.stop();

    return {
      title: "Generation overhead",
      setup:
        `Fake provider latency ${PROVIDER_LATENCY_MS / 1000} s; ${GENERATIONS} generations per mode started through the bot; ` +
        "completion = the fake's task turns completed; delivery = sendDocument reaches the emulator. " +
        `Memory: one worker (node dist/main.js --roles worker) with ${IN_FLIGHT} generations submitted and being polled for ${HOLD_MS / 1000} s.`,
      figures: [
        {
          name: "completion → delivery p50, provider webhook",
          value: withWebhooks.p50,
          unit: "ms",
          baseline: { name: "poll chain only", value: withPolling.p50 },
          compare: "ratio",
          target: { text: "≤ 150 ms with webhooks (median)", met: withWebhooks.p50 <= 150 },
        },
        {
          name: "completion → delivery p99, provider webhook",
          value: withWebhooks.p99,
          unit: "ms",
          baseline: { name: "poll chain only", value: withPolling.p99 },
          compare: "ratio",
        },
        {
          name: "completion → delivery mean, provider webhook",
          value: mean(webhookOverheads),
          unit: "ms",
          baseline: { name: "poll chain only", value: mean(pollingOverheads) },
          compare: "ratio",
        },
        {
          name: "webhook path: poll job waiting for a worker, p50",
          value: quantile(pollNow.waitMs, 0.5),
          unit: "ms",
          note: `pg-boss timestamps of the ${pollNow.waitMs.length} webhook-triggered poll jobs; idle fetch loops look every second`,
        },
        {
          name: "webhook path: poll job running (result, download, send), p50",
          value: quantile(pollNow.runMs, 0.5),
          unit: "ms",
        },
        {
          name: `worker RSS holding ${IN_FLIGHT} generations (peak)`,
          value: holding.peakMb,
          unit: "MB",
          baseline: { name: "same worker idle", value: idleMb },
          compare: "difference",
        },
      ],
    };
  } finally {
    for (const child of children) await child.stop();
    await emulator.stop();
    await provider.stop();
    await database.drop();
    dataDir.remove();
  }
}
