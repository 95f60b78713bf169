import type { Bot } from "grammy";
import type { FastifyInstance } from "fastify";
import type { Config, Role } from "./config.js";
import { openDatabase, type DatabaseHandle } from "./db/client.js";
import { runMigrations } from "./db/migrate.js";
import { createLogger, type Logger } from "./infra/logger.js";
import { createMetrics, type Metrics } from "./infra/metrics.js";
import { createErrorReporter } from "./infra/error-reporter.js";
import { createKeyValueStore, type KeyValueStore } from "./infra/kv/index.js";
import { TwoLayerCache } from "./infra/two-layer-cache.js";
import { UserService } from "./domain/users/user-service.js";
import type { UserProfile } from "./domain/users/user-profile.js";
import { JobQueue } from "./jobs/job-queue.js";
import { ALL_QUEUES } from "./jobs/queues.js";
import { registerHeartbeat } from "./jobs/heartbeat.js";
import { createBot } from "./bot/create-bot.js";
import type { BotContext } from "./bot/context.js";
import type { BotDeps } from "./bot/deps.js";
import { startPolling } from "./bot/polling.js";
import { registerWebhookRoute, setWebhook } from "./bot/webhook.js";
import { registerCommandMenus } from "./bot/command-menus.js";
import { createHttpServer } from "./http/server.js";
import { registerHealthRoutes, type ReadinessCheck } from "./http/routes/health.js";
import { createI18n, translatorFrom, type Translator } from "./i18n/translator.js";

export interface AppOptions {
  roles: ReadonlySet<Role>;
  /** Tests pass a collecting logger; production logs JSON to stdout. */
  logger?: Logger;
  /** Prefix for shared-store keys, so parallel test runs on one Redis stay apart. */
  kvPrefix?: string;
  /** pg-boss schema name (tests). */
  queueSchema?: string;
  /** How often idle workers look for jobs; tests shorten it. */
  jobPollingIntervalSeconds?: number;
}

export interface App {
  readonly config: Config;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly database: DatabaseHandle;
  readonly kv: KeyValueStore;
  readonly queue: JobQueue;
  readonly users: UserService;
  readonly translator: Translator;
  readonly bot: Bot<BotContext> | undefined;
  readonly http: FastifyInstance | undefined;
  /** Base URL of the HTTP server once started (the port is known only after listen). */
  httpUrl(): string | undefined;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The composition root: builds the database, shared store, queue, bot and HTTP server for the chosen
 * roles. Nothing starts taking traffic before `start`; `stop` undoes it in reverse order.
 */
export async function createApp(config: Config, options: AppOptions): Promise<App> {
  const { roles } = options;
  const secrets = [config.botToken, config.wavespeed.apiKey, config.webhookSecret];
  const logger = options.logger ?? createLogger({ level: config.logLevel, secrets });
  const metrics = createMetrics();
  const errors = createErrorReporter(config.sentryDsn, secrets);

  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  await runMigrations(database);
  logger.info({ database: database.kind }, "database ready");

  const kv = createKeyValueStore(config.redisUrl, options.kvPrefix);
  if (kv.kind === "memory") {
    logger.warn("no REDIS_URL: sessions, rate limits and caches are in memory and valid for this one process only");
  }
  const userCache = new TwoLayerCache<UserProfile>(kv, { namespace: "user", ttlMs: config.userCacheTtlSeconds * 1000 });
  await userCache.start();
  const users = new UserService(database.db, userCache);
  const translator = translatorFrom(createI18n(config.defaultLocale, () => undefined));

  const queue = new JobQueue(database, logger, {
    ...(options.queueSchema ? { schema: options.queueSchema } : {}),
    ...(options.jobPollingIntervalSeconds ? { pollingIntervalSeconds: options.jobPollingIntervalSeconds } : {}),
  });

  const needsBot = roles.has("bot");
  if (needsBot && !config.botToken) throw new Error("the bot role needs BOT_TOKEN (or the sandbox)");
  const deps: BotDeps = { config, db: database.db, kv, users, logger, metrics, errors };
  const bot = needsBot && config.botToken ? createBot(deps, { token: config.botToken, apiRoot: config.telegramApiRoot }) : undefined;

  const webhookMode = config.botMode === "webhook";
  const needsHttp = roles.has("http") || (needsBot && webhookMode);
  const http = needsHttp ? createHttpServer({ logger, metrics, errors }) : undefined;
  if (http) {
    const checks: ReadinessCheck[] = [
      { name: "database", check: () => database.ping() },
      { name: "queue", check: () => queue.ping() },
    ];
    if (kv.kind === "redis") checks.push({ name: "redis", check: () => kv.ping() });
    registerHealthRoutes(http, checks, metrics);
    if (bot && webhookMode && config.webhookSecret) registerWebhookRoute(http, bot, kv, config.webhookSecret);
  }

  let polling: { stop(): Promise<void> } | undefined;
  let httpUrl: string | undefined;

  return {
    config,
    logger,
    metrics,
    database,
    kv,
    queue,
    users,
    translator,
    bot,
    http,
    httpUrl: () => httpUrl,

    async start() {
      await queue.start(ALL_QUEUES);
      if (roles.has("worker")) await registerHeartbeat(queue, kv);
      if (http) {
        await http.listen({ host: config.http.host, port: config.http.port });
        const address = http.server.address();
        const port = typeof address === "object" && address ? address.port : config.http.port;
        const host = config.http.host === "0.0.0.0" || config.http.host === "::" ? "127.0.0.1" : config.http.host;
        httpUrl = `http://${host}:${port}`;
        logger.info({ url: httpUrl }, "http server listening");
      }
      if (bot) {
        if (webhookMode && config.http.publicUrl && config.webhookSecret) {
          await setWebhook(bot, config.http.publicUrl, config.webhookSecret);
          logger.info("bot receives updates through the webhook");
        } else {
          polling = await startPolling(bot);
          logger.info({ username: bot.botInfo.username }, "bot polling for updates");
        }
        // The command menu is cosmetic: a failure is logged, never fatal.
        registerCommandMenus(bot.api, translator, config.defaultLocale).catch((error: unknown) =>
          logger.warn({ err: error }, "could not register command menus"),
        );
      }
      logger.info({ roles: [...roles] }, "started");
    },

    async stop() {
      // Stop taking new work first, then let work in flight finish, then close connections.
      await polling?.stop().catch((error: unknown) => logger.warn({ err: error }, "stopping polling failed"));
      await http?.close().catch((error: unknown) => logger.warn({ err: error }, "closing http failed"));
      await queue.stop(Math.max(1000, config.shutdownTimeoutMs - 2000)).catch((error: unknown) =>
        logger.warn({ err: error }, "stopping the queue failed"),
      );
      await userCache.stop();
      await kv.close();
      await database.close();
      await errors.flush(1000);
      logger.info("stopped");
    },
  };
}

