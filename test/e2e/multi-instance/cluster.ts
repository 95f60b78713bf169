import { createConfig, type Role } from "../../../src/config.js";
import { createApp, type App } from "../../../src/app.js";
import { startFakeWavespeed, type FakeWavespeed } from "../../../src/sandbox/fake-wavespeed/index.js";
import { startTelegramEmulator, type EmulatedBot, type TelegramEmulator } from "../../../src/sandbox/telegram-emulator/index.js";
import { TEST_BOT_TOKEN, TEST_WEBHOOK_SECRET } from "../../support/bot-app.js";
import { collectingLogger } from "../../support/collecting-logger.js";
import { uniquePrefix, type TestTarget } from "../../support/targets.js";
import { startRoundRobinProxy, type RoundRobinProxy } from "./round-robin-proxy.js";

const PROVIDER_KEY = "test-provider-key-0123456789";

/** One process of the deployment, started in this test process. */
export interface Instance {
  app: App;
  roles: Role[];
  logLines: string[];
  /** A worker's own recording way to the Bot API, so a test can tell which worker sent what. */
  telegram?: RoundRobinProxy;
}

/** A deployment in one test process: several bot/http instances behind a proxy and several workers. */
export interface Cluster {
  emulator: TelegramEmulator;
  bot: EmulatedBot;
  provider: FakeWavespeed;
  proxy: RoundRobinProxy;
  /** The bot + http instances, in the proxy's upstream order. */
  front: Instance[];
  workers: Instance[];
  stop(): Promise<void>;
}

export interface ClusterOptions {
  frontCount: number;
  workerCount: number;
  env?: Record<string, string>;
}

/**
 * Starts the app several times on one PostgreSQL database and one Redis key prefix, as a scaled-out
 * deployment would run it: the Telegram emulator delivers to one webhook URL (the proxy), the
 * instances register that URL, and the workers give it to the provider for its webhooks too.
 */
export async function startCluster(target: TestTarget, options: ClusterOptions): Promise<Cluster> {
  const emulator = await startTelegramEmulator();
  const bot = emulator.registerBot({ token: TEST_BOT_TOKEN, username: "bananapics_test_bot", firstName: "Bananapics" });
  const provider = await startFakeWavespeed({ apiKey: PROVIDER_KEY, latencyMs: 300 });
  const proxy = await startRoundRobinProxy();
  const database = await target.createDatabase();
  const kvPrefix = uniquePrefix();
  const env: Record<string, string> = {
    BOT_TOKEN: TEST_BOT_TOKEN,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    WAVESPEED_API_KEY: PROVIDER_KEY,
    WAVESPEED_BASE_URL: provider.baseUrl,
    DATA_DIR: database.dataDir,
    HTTP_HOST: "127.0.0.1",
    HTTP_PORT: "0",
    BOT_MODE: "webhook",
    PUBLIC_URL: proxy.url,
    WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    DEFAULT_LOCALE: "en",
    LOG_LEVEL: "info",
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...(target.redisUrl ? { REDIS_URL: target.redisUrl } : {}),
    ...options.env,
  };

  const plan: Role[][] = [
    ...Array.from({ length: options.frontCount }, (): Role[] => ["bot", "http"]),
    ...Array.from({ length: options.workerCount }, (): Role[] => ["worker"]),
  ];
  // Created and started side by side, as containers of a deployment start: migrations, queue creation
  // and webhook registration must all tolerate that.
  const workerProxies: RoundRobinProxy[] = [];
  const created = await Promise.allSettled(
    plan.map(async (roles): Promise<Instance> => {
      const { logger, lines } = collectingLogger([TEST_BOT_TOKEN, TEST_WEBHOOK_SECRET, PROVIDER_KEY]);
      const telegram = roles.includes("worker") ? await startRoundRobinProxy() : undefined;
      if (telegram) workerProxies.push(telegram);
      telegram?.setUpstreams([emulator.apiRoot]);
      const config = createConfig({ ...env, ...(telegram ? { TELEGRAM_API_ROOT: telegram.url } : {}) });
      const app = await createApp(config, { roles: new Set(roles), logger, kvPrefix, jobPollingIntervalSeconds: 0.5 });
      await app.start();
      return { app, roles, logLines: lines, ...(telegram ? { telegram } : {}) };
    }),
  );
  const instances = created.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const stopAll = async () => {
    await Promise.allSettled(instances.map((instance) => instance.app.stop()));
    await Promise.allSettled(workerProxies.map((telegram) => telegram.stop()));
    await proxy.stop();
    await emulator.stop();
    await provider.stop();
    await database.drop();
  };
  const failure = created.find((result): result is PromiseRejectedResult => result.status === "rejected");
  if (failure) {
    // Whatever did start must not outlive the failed start, or the test process never exits.
    await stopAll();
    throw failure.reason;
  }
  const front = instances.filter((instance) => instance.roles.includes("http"));
  const workers = instances.filter((instance) => !instance.roles.includes("http"));
  proxy.setUpstreams(
    front.map((instance) => {
      const url = instance.app.httpUrl();
      if (!url) throw new Error("a bot/http instance has no HTTP address");
      return url;
    }),
  );

  return {
    emulator,
    bot,
    provider,
    proxy,
    front,
    workers,
    stop: stopAll,
  };
}

/** Updates this instance's bot handled (all types), from its own metrics. */
export async function updatesHandled(instance: Instance): Promise<number> {
  const metric = await instance.app.metrics.updatesHandled.get();
  return metric.values.reduce((sum, value) => sum + value.value, 0);
}

/** Generation jobs (submit and poll) this worker ran, from its own metrics. */
export async function generationJobsRun(instance: Instance): Promise<number> {
  const metric = await instance.app.metrics.jobsProcessed.get();
  return metric.values
    .filter((value) => value.labels.queue === "generation-submit" || value.labels.queue === "generation-poll")
    .reduce((sum, value) => sum + value.value, 0);
}
