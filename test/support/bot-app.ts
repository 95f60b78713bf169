import { createConfig, type Role } from "../../src/config.js";
import { createApp, type App } from "../../src/app.js";
import { startTelegramEmulator, type EmulatedBot, type TelegramEmulator } from "../../src/sandbox/telegram-emulator/index.js";
import { collectingLogger } from "./collecting-logger.js";
import { uniquePrefix, type TestTarget } from "./targets.js";

export const TEST_BOT_TOKEN = "7000000001:TESTtokenAAAAbbbbCCCCddddEEEEffff_1";
export const TEST_WEBHOOK_SECRET = "test-webhook-secret-0123456789";

export interface BotAppHarness {
  app: App;
  emulator: TelegramEmulator;
  bot: EmulatedBot;
  /** Every log line the app wrote. */
  logLines: string[];
  stop(): Promise<void>;
}

export interface BotAppOptions {
  env?: Record<string, string>;
  roles?: Role[];
  /** Reuse an emulator (several app instances on one bot). */
  emulator?: TelegramEmulator;
}

/**
 * Starts the real app (createApp, real HTTP, real database) against the in-repo Telegram emulator,
 * the way `npm start` would with BOT_TOKEN and TELEGRAM_API_ROOT set.
 */
export async function startBotApp(target: TestTarget, options: BotAppOptions = {}): Promise<BotAppHarness> {
  const emulator = options.emulator ?? (await startTelegramEmulator());
  const bot = safeBot(emulator);
  const database = await target.createDatabase();
  const env: Record<string, string> = {
    BOT_TOKEN: TEST_BOT_TOKEN,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    DATA_DIR: database.dataDir,
    HTTP_HOST: "127.0.0.1",
    HTTP_PORT: "0",
    DEFAULT_LOCALE: "en",
    LOG_LEVEL: "info",
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...(target.redisUrl ? { REDIS_URL: target.redisUrl } : {}),
    ...options.env,
  };
  const config = createConfig(env);
  const { logger, lines } = collectingLogger([TEST_BOT_TOKEN, TEST_WEBHOOK_SECRET]);
  const app = await createApp(config, {
    roles: new Set(options.roles ?? ["bot", "http", "worker"]),
    logger,
    kvPrefix: uniquePrefix(),
    jobPollingIntervalSeconds: 0.5,
  });
  await app.start();
  return {
    app,
    emulator,
    bot,
    logLines: lines,
    async stop() {
      await app.stop();
      if (!options.emulator) await emulator.stop();
      await database.drop();
    },
  };
}

function safeBot(emulator: TelegramEmulator): EmulatedBot {
  try {
    return emulator.bot(TEST_BOT_TOKEN);
  } catch {
    return emulator.registerBot({ token: TEST_BOT_TOKEN, username: "bananapics_test_bot", firstName: "Bananapics" });
  }
}
