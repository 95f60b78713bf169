import { createApp } from "../../../src/app.js";
import { createConfig } from "../../../src/config.js";
import { startFakeWavespeed, type FakeWavespeed } from "../../../src/sandbox/fake-wavespeed/index.js";
import { startTelegramEmulator } from "../../../src/sandbox/telegram-emulator/index.js";
import { TEST_BOT_TOKEN, TEST_WEBHOOK_SECRET, type BotAppHarness } from "../../support/bot-app.js";
import { collectingLogger } from "../../support/collecting-logger.js";
import { uniquePrefix, type TestTarget } from "../../support/targets.js";

export const PROVIDER_KEY = "privacy-provider-key-5f3a9c1e7b";

export interface PrivacyHarness extends BotAppHarness {
  provider: FakeWavespeed;
}

/**
 * The whole app (bot, HTTP, worker with generations) against the Telegram emulator and the fake
 * provider, with every secret configured, logging at the most verbose level through a logger set up
 * the way production sets up its own (the configured secrets scrubbed from every line).
 */
export async function startPrivacyApp(target: TestTarget): Promise<PrivacyHarness> {
  const emulator = await startTelegramEmulator();
  const bot = emulator.registerBot({ token: TEST_BOT_TOKEN, username: "bananapics_privacy_bot", firstName: "Bananapics" });
  const provider = await startFakeWavespeed({ apiKey: PROVIDER_KEY, latencyMs: 100 });
  const database = await target.createDatabase();
  const config = createConfig({
    BOT_TOKEN: TEST_BOT_TOKEN,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    WAVESPEED_API_KEY: PROVIDER_KEY,
    WAVESPEED_BASE_URL: provider.baseUrl,
    WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    DATA_DIR: database.dataDir,
    HTTP_HOST: "127.0.0.1",
    HTTP_PORT: "0",
    DEFAULT_LOCALE: "en",
    LOG_LEVEL: "trace",
    TRIAL_GENERATIONS: "0",
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...(target.redisUrl ? { REDIS_URL: target.redisUrl } : {}),
  });
  const { logger, lines } = collectingLogger([config.botToken, config.wavespeed.apiKey, config.webhookSecret], "trace");
  const app = await createApp(config, {
    roles: new Set(["bot", "http", "worker"]),
    logger,
    kvPrefix: uniquePrefix(),
    jobPollingIntervalSeconds: 0.5,
  });
  await app.start();
  return {
    app,
    emulator,
    bot,
    provider,
    logLines: lines,
    async stop() {
      await app.stop();
      await emulator.stop();
      await provider.stop();
      await database.drop();
    },
  };
}
