import { Api, type Bot } from "grammy";
import type { FastifyInstance } from "fastify";
import { adminPanelProblems, type Config, type Role } from "./config.js";
import { openDatabase, type DatabaseHandle } from "./db/client.js";
import { runMigrations } from "./db/migrate.js";
import { createLogger, type Logger } from "./infra/logger.js";
import { createMetrics, type Metrics } from "./infra/metrics.js";
import { createErrorReporter } from "./infra/error-reporter.js";
import { createKeyValueStore, type KeyValueStore } from "./infra/kv/index.js";
import { TwoLayerCache } from "./infra/two-layer-cache.js";
import { UserService } from "./domain/users/user-service.js";
import { CatalogService, ensureCatalogSeeded } from "./domain/catalog/index.js";
import { ensureToolsSeeded } from "./domain/tools/seed-tools.js";
import { galleryConsent } from "./domain/gallery/gallery-consent.js";
import { installTelegramRetries } from "./bot/telegram-retries.js";
import { settleWithin } from "./infra/deadline.js";
import { kindOf } from "./domain/generation/generation-kind.js";
import { enqueueGalleryPost } from "./jobs/gallery/enqueue-gallery-post.js";
import { GalleryPoster } from "./jobs/gallery/gallery-poster.js";
import { registerGalleryJobs } from "./jobs/gallery/register-gallery-jobs.js";
import { GalleryRemover } from "./jobs/gallery/gallery-remover.js";
import { galleryRemovalAlerts } from "./jobs/gallery/gallery-admin-alerts.js";
import { enqueueGalleryRemoval } from "./jobs/gallery/enqueue-gallery-removal.js";
import type { UserProfile } from "./domain/users/user-profile.js";
import { JobQueue } from "./jobs/job-queue.js";
import { ALL_QUEUES, QUEUE_SETTINGS } from "./jobs/queues.js";
import { registerHeartbeat } from "./jobs/heartbeat.js";
import { registerPaymentReconciliation } from "./jobs/payment-reconciliation.js";
import { referralNoticeSink, registerReferralNotices } from "./jobs/referral-notices.js";
import { ReferralProgram } from "./domain/referrals/referral-program.js";
import { telegramStarsGateway } from "./jobs/telegram-stars-gateway.js";
import { SettingsService } from "./domain/settings/settings-service.js";
import { defaultSettingValues } from "./domain/settings/setting-definitions.js";
import { liveConfig } from "./domain/settings/live-config.js";
import { PrivacyService } from "./domain/privacy/privacy-service.js";
import { registerAccountPurge } from "./jobs/privacy/account-purge.js";
import { createBot } from "./bot/create-bot.js";
import { createSessionStorage } from "./bot/session-storage.js";
import type { BotContext } from "./bot/context.js";
import type { AdminServices, GenerationServices } from "./bot/deps.js";
import { BroadcastWorker, kickBroadcast } from "./jobs/broadcasts/broadcast-worker.js";
import { telegramBroadcastSender } from "./jobs/broadcasts/telegram-broadcast-sender.js";
import { registerDailyReport } from "./jobs/daily-report.js";
import { startPolling } from "./bot/polling.js";
import { registerWebhookRoute, setWebhook } from "./bot/webhook.js";
import { registerCommandMenus } from "./bot/command-menus.js";
import { createHttpServer } from "./http/server.js";
import { registerHealthRoutes, type ReadinessCheck } from "./http/routes/health.js";
import { createI18n, translatorFrom, type Translator } from "./i18n/translator.js";
import { createWavespeedClient, type WavespeedClient } from "./providers/wavespeed/index.js";
import { ProviderBalanceGuard } from "./domain/generation/provider-balance-guard.js";
import { GenerationWorker } from "./jobs/generation/generation-worker.js";
import { registerGenerationJobs } from "./jobs/generation/register-generation-jobs.js";
import { providerBalanceAlerts } from "./jobs/generation/admin-alerts.js";
import { pollGenerationNow } from "./jobs/generation/webhook-hint.js";
import { enqueueGenerationSubmit } from "./jobs/generation/enqueue.js";
import { startGeneration } from "./domain/generation/start-generation.js";
import { cachedWebhookSecret, registerWavespeedWebhookRoute, WAVESPEED_WEBHOOK_PATH } from "./http/routes/wavespeed-webhook.js";
import { registerMiniApp } from "./http/routes/miniapp/register-miniapp.js";
import { registerAdminPanel } from "./http/routes/admin/register-admin.js";
import { recordRoutes, type RouteEntry } from "./http/routes/admin/route-inventory.js";

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
  /** The built Mini App (dist/web/miniapp by default); browser tests serve a fresh build. */
  miniAppDir?: string;
  /** The built admin panel (dist/web/admin by default); browser tests serve a fresh build. */
  adminDir?: string;
}

export interface App {
  /** The configuration with the admin-editable business numbers read from the runtime settings on every access. */
  readonly config: Config;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly database: DatabaseHandle;
  readonly kv: KeyValueStore;
  readonly queue: JobQueue;
  readonly users: UserService;
  readonly catalog: CatalogService;
  readonly translator: Translator;
  /** The referral rules; also the PurchaseHooks every payment path passes (admin refunds included). */
  readonly referrals: ReferralProgram;
  /** Data rights: export, deletion requests, erasure (`eraseNow` for admins), preferences. */
  readonly privacy: PrivacyService;
  /** The business numbers admins edit at runtime (prices, payments, referrals, limits), audited. */
  readonly settings: SettingsService;
  readonly bot: Bot<BotContext> | undefined;
  readonly http: FastifyInstance | undefined;
  /** The image provider (the offline fake when there is no WAVESPEED_API_KEY); undefined only in tests without one. */
  readonly wavespeed: WavespeedClient | undefined;
  /** Call `check()` before charging for a generation: "paused" while the provider balance is too low. */
  readonly providerGuard: ProviderBalanceGuard | undefined;
  /** Runs generations after the charge (submit, poll, deliver, refund); needs BOT_TOKEN and a provider. */
  readonly generationWorker: GenerationWorker | undefined;
  /** Base URL of the HTTP server once started (the port is known only after listen). */
  httpUrl(): string | undefined;
  /** Every route the HTTP server serves (empty without one): the authorization test walks them all. */
  httpRoutes(): readonly RouteEntry[];
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The composition root: builds the database, shared store, queue, bot and HTTP server for the chosen
 * roles. Nothing starts taking traffic before `start`; `stop` undoes it in reverse order.
 */
export async function createApp(loadedConfig: Config, options: AppOptions): Promise<App> {
  let config = loadedConfig;
  const { roles } = options;
  const secrets = [config.botToken, config.wavespeed.apiKey, config.webhookSecret];
  const logger = options.logger ?? createLogger({ level: config.logLevel, secrets });
  const metrics = createMetrics();
  const errors = createErrorReporter(config.sentryDsn, secrets);

  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  await runMigrations(database);
  await ensureCatalogSeeded(database.db);
  await ensureToolsSeeded(database.db);
  logger.info({ database: database.kind }, "database ready");

  const kv = createKeyValueStore(config.redisUrl, options.kvPrefix);
  if (kv.kind === "memory") {
    logger.warn("no REDIS_URL: sessions, rate limits and caches are in memory and valid for this one process only");
  }
  // Before anything reads a business number: from here on `config` reads them from the runtime settings.
  const runtimeSettings = new SettingsService({ db: database.db, kv, defaults: defaultSettingValues(loadedConfig), logger });
  await runtimeSettings.start();
  config = liveConfig(loadedConfig, () => runtimeSettings.current());
  for (const problem of adminPanelProblems(config, roles)) {
    logger.warn({ problem }, "admin sessions are signed with a secret made up by this process: they end at a restart and work on this instance only");
  }
  const userCache = new TwoLayerCache<UserProfile>(kv, { namespace: "user", ttlMs: config.userCacheTtlSeconds * 1000 });
  await userCache.start();
  const users = new UserService(database.db, userCache);
  const catalog = new CatalogService(database.db, kv, () => config.pricing);
  await catalog.start();
  const translator = translatorFrom(createI18n(config.defaultLocale, () => undefined));

  const queue = new JobQueue(database, logger, {
    onJobError: (error, context) => {
      metrics.errors.inc({ kind: "job" });
      errors.capture(error, context);
    },
    ...(options.queueSchema ? { schema: options.queueSchema } : {}),
    ...(options.jobPollingIntervalSeconds ? { pollingIntervalSeconds: options.jobPollingIntervalSeconds } : {}),
  });

  // The worker talks to Telegram too (payment reconciliation, notices, admin alerts), without a Bot.
  const telegram = config.botToken ? new Api(config.botToken, { apiRoot: config.telegramApiRoot }) : undefined;
  if (telegram) installTelegramRetries(telegram);
  // Broadcasts get an Api of their own without auto-retry: a 429 must reach the broadcast engine, which
  // pauses every worker, and a silent retry would be a send the shared rate never counted.
  const broadcastApi = config.botToken ? new Api(config.botToken, { apiRoot: config.telegramApiRoot }) : undefined;

  const wavespeed = config.wavespeed.apiKey
    ? createWavespeedClient({
        baseUrl: config.wavespeed.baseUrl,
        apiKey: config.wavespeed.apiKey,
        requestTimeoutMs: config.generationWorker.providerTimeoutSeconds * 1000,
      })
    : undefined;
  const providerGuard = wavespeed
    ? new ProviderBalanceGuard({
        balance: wavespeed,
        kv,
        // A getter: the guard reads it on every check, so an admin's change applies to the next generation.
        get minBalanceUsd() {
          return config.generationWorker.providerMinBalanceUsd;
        },
        alertAdmins: providerBalanceAlerts({ telegram, adminIds: config.adminIds, users, translator, defaultLocale: config.defaultLocale, logger }),
        logger,
      })
    : undefined;
  const generationWorker =
    wavespeed && telegram && config.botToken
      ? new GenerationWorker({
          db: database.db,
          queue,
          wavespeed,
          telegram,
          telegramFiles: { api: telegram, token: config.botToken, apiRoot: config.telegramApiRoot },
          catalog,
          translator,
          kv,
          logger,
          metrics,
          defaultLocale: config.defaultLocale,
          nsfwPolicy: config.generationWorker.nsfwPolicy,
          webhookUrl: config.http.publicUrl ? `${config.http.publicUrl}${WAVESPEED_WEBHOOK_PATH}` : undefined,
          providerTimeoutMs: config.generationWorker.providerTimeoutSeconds * 1000,
          onProviderOutOfCredit: async () => providerGuard?.invalidate(),
          // The gallery post is decided with the delivery: only generations (not tools) of users who opted in.
          afterDelivery: async (tx, row) => {
            if (config.galleryChannelId === undefined || kindOf(row) !== "generation") return;
            if ((await galleryConsent(tx, row.userId)).results) await enqueueGalleryPost(queue.inTransaction(tx), row.id);
          },
        })
      : undefined;
  // What posting to the gallery channel and taking posts out of it both need; absent when there is no channel.
  const galleryChannel =
    telegram && config.galleryChannelId !== undefined
      ? { db: database.db, telegram, channelId: config.galleryChannelId, translator, locale: config.defaultLocale, kv, logger }
      : undefined;
  const galleryPoster = galleryChannel ? new GalleryPoster({ ...galleryChannel, catalog, queue }) : undefined;
  const galleryRemover = galleryChannel
    ? new GalleryRemover({
        ...galleryChannel,
        alertAdmins: galleryRemovalAlerts({ ...galleryChannel, adminIds: config.adminIds, users, defaultLocale: config.defaultLocale }),
      })
    : undefined;

  /** The admin menu's services over the worker's Telegram Api (Stars refunds) and the shared queue. */
  const adminServices = (api: Api): AdminServices => ({
    stars: telegramStarsGateway(api),
    providerBalance: async () => providerGuard?.balanceUsd(),
    kickBroadcast: (broadcastId) => kickBroadcast(queue, broadcastId),
    translator,
  });

  const needsBot = roles.has("bot");
  if (needsBot && !config.botToken) throw new Error("the bot role needs BOT_TOKEN (or the sandbox)");
  const settings = runtimeSettings.businessSettings();
  const referrals = new ReferralProgram({ db: database.db, settings, notices: referralNoticeSink(queue) });
  const sessions = createSessionStorage<unknown>(kv, database.db);
  const privacy = new PrivacyService({
    db: database.db,
    kv,
    logger,
    settings: config.privacy,
    // Leaving the gallery, a deletion request and erasure take the user's posts out of the channel.
    galleryRemovals: {
      enabled: galleryRemover !== undefined,
      enqueue: async (tx, userId) => {
        await enqueueGalleryRemoval(queue.inTransaction(tx), userId);
      },
    },
    // The cached profile and the session live outside the purged tables; sessions are keyed by the chat id.
    forget: async (telegramId) => {
      await users.forget(telegramId);
      await sessions.delete(String(telegramId));
    },
  });
  const generation: GenerationServices | undefined =
    telegram && config.botToken
      ? {
          listModels: () => catalog.listEnabled(),
          listTools: () => catalog.listEnabledTools(),
          findModel: (key) => catalog.get(key),
          pricing: () => catalog.pricingSettings(),
          start: (input) =>
            startGeneration(
              {
                db: database.db,
                findModel: (key) => catalog.get(key),
                pricing: () => catalog.pricingSettings(),
                limits: config.generationLimits,
                deadlineSeconds: config.generationWorker.deadlineSeconds,
                enqueueSubmit: async (tx, generationId) => {
                  await enqueueGenerationSubmit(queue.inTransaction(tx), generationId);
                },
              },
              input,
            ),
          // Without a provider client there is nothing to pause; the worker is what needs one.
          providerStatus: async () => (providerGuard ? providerGuard.check() : "ok"),
          files: { api: telegram, token: config.botToken, apiRoot: config.telegramApiRoot },
        }
      : undefined;
  const bot =
    needsBot && config.botToken && generation && telegram
      ? createBot(
          { config, db: database.db, kv, users, logger, metrics, errors, settings, referrals, generation, privacy, admin: adminServices(telegram) },
          { token: config.botToken, apiRoot: config.telegramApiRoot },
        )
      : undefined;

  const broadcastWorker = broadcastApi
    ? new BroadcastWorker({
        db: database.db,
        queue,
        sender: telegramBroadcastSender(broadcastApi),
        api: broadcastApi,
        kv,
        users,
        translator,
        defaultLocale: config.defaultLocale,
        timeZone: config.dailyReport.timeZone,
        // A getter: read at every step, so an admin's change of the rate applies to broadcasts already running.
        get ratePerSecond() {
          return config.broadcasts.ratePerSecond;
        },
        logger,
      })
    : undefined;

  const webhookMode = config.botMode === "webhook";
  const needsHttp = roles.has("http") || (needsBot && webhookMode);
  const http = needsHttp ? createHttpServer({ logger, metrics, errors }) : undefined;
  const routeList = http ? recordRoutes(http) : [];
  if (http) {
    const checks: ReadinessCheck[] = [
      { name: "database", check: () => database.ping() },
      { name: "queue", check: () => queue.ping() },
    ];
    if (kv.kind === "redis") checks.push({ name: "redis", check: () => kv.ping() });
    registerHealthRoutes(http, checks, metrics);
    if (bot && webhookMode && config.webhookSecret) registerWebhookRoute(http, bot, kv, config.webhookSecret, { logger, metrics });
    if (wavespeed) {
      registerWavespeedWebhookRoute(http, {
        secret: cachedWebhookSecret(() => wavespeed.getWebhookSecret()),
        verify: config.generationWorker.providerWebhookVerify,
        onTaskChanged: (taskId) => pollGenerationNow(database.db, queue, taskId),
        logger,
        metrics,
      });
    }
    // The Mini App needs the bot token (initData is signed with it) and the bot's generation services.
    if (generation && telegram && config.botToken) {
      registerMiniApp(http, {
        config,
        botToken: config.botToken,
        db: database.db,
        kv,
        users,
        catalog,
        generation,
        files: generation.files,
        telegram,
        settings,
        translator,
        logger,
        metrics,
      }, options.miniAppDir !== undefined ? { appDir: options.miniAppDir } : {});
    }
    // The admin panel signs in with the bot token (Telegram Login Widget) and acts through the same domain as the bot's admin menu.
    if (roles.has("http") && telegram && config.botToken) {
      registerAdminPanel(
        http,
        {
          config,
          botToken: config.botToken,
          db: database.db,
          kv,
          users,
          catalog,
          settings: runtimeSettings,
          translator,
          telegram,
          files: { api: telegram, token: config.botToken, apiRoot: config.telegramApiRoot },
          stars: telegramStarsGateway(telegram),
          purchaseHooks: referrals,
          kickBroadcast: (broadcastId) => kickBroadcast(queue, broadcastId),
          providerBalance: providerGuard ? () => providerGuard.balanceUsd() : undefined,
          logger,
          metrics,
        },
        options.adminDir !== undefined ? { appDir: options.adminDir } : {},
      );
    }
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
    catalog,
    translator,
    referrals,
    privacy,
    settings: runtimeSettings,
    bot,
    http,
    wavespeed,
    providerGuard,
    generationWorker,
    httpUrl: () => httpUrl,
    httpRoutes: () => routeList,

    async start() {
      await queue.start(ALL_QUEUES, QUEUE_SETTINGS);
      if (roles.has("worker")) {
        await registerHeartbeat(queue, kv);
        await registerAccountPurge(queue, { privacy, logger });
        if (telegram) {
          await registerPaymentReconciliation(queue, {
            db: database.db,
            stars: telegramStarsGateway(telegram),
            api: telegram,
            translator,
            users,
            adminIds: config.adminIds,
            defaultLocale: config.defaultLocale,
            logger,
            purchaseHooks: referrals,
          });
          await registerReferralNotices(queue, { db: database.db, api: telegram, translator, defaultLocale: config.defaultLocale, logger });
        } else {
          logger.warn("no BOT_TOKEN: Stars payments are not reconciled and referral notices are not sent by this worker");
        }
        if (generationWorker) await registerGenerationJobs(queue, generationWorker, metrics);
        else logger.warn("no BOT_TOKEN or no image provider: this worker does not run generations");
        if (galleryPoster && galleryRemover) await registerGalleryJobs(queue, galleryPoster, galleryRemover, metrics);
        if (broadcastWorker) await broadcastWorker.register();
        if (telegram) {
          await registerDailyReport(queue, {
            db: database.db,
            api: telegram,
            kv,
            users,
            translator,
            adminIds: config.adminIds,
            defaultLocale: config.defaultLocale,
            schedule: config.dailyReport,
            logger,
          });
        }
      }
      if (http) {
        await http.listen({ host: config.http.host, port: config.http.port });
        const address = http.server.address();
        const port = typeof address === "object" && address ? address.port : config.http.port;
        const host = config.http.host === "0.0.0.0" || config.http.host === "::" ? "127.0.0.1" : config.http.host;
        httpUrl = `http://${host}:${port}`;
        logger.info({ url: httpUrl, routes: routeList.length }, "http server listening");
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
        const appUrl = config.miniApp.url;
        if (appUrl) {
          bot.api
            .setChatMenuButton({ menu_button: { type: "web_app", text: translator.t(config.defaultLocale, "miniapp-menu-button"), web_app: { url: appUrl } } })
            .catch((error: unknown) => logger.warn({ err: error }, "could not set the Mini App menu button"));
        }
      }
      logger.info({ roles: [...roles] }, "started");
    },

    async stop() {
      // Stop taking new work first, then let work in flight finish, then close connections.
      await polling?.stop().catch((error: unknown) => logger.warn({ err: error }, "stopping polling failed"));
      if (http) await closeHttp(http).catch((error: unknown) => logger.warn({ err: error }, "closing http failed"));
      // Broadcast steps give their unsent recipients back at once, so the queue's wait below is short.
      broadcastWorker?.beginShutdown();
      await queue.stop(Math.max(1000, config.shutdownTimeoutMs - 2000)).catch((error: unknown) =>
        logger.warn({ err: error }, "stopping the queue failed"),
      );
      // A connection stuck behind a dead network must not hold the process: each close is bounded,
      // and one that overruns is named in the log (the sockets go with the process).
      const bounded = (what: string, close: () => Promise<void>) => closeWithin(STOP_STEP_MS, what, close, logger);
      await bounded("user cache", () => userCache.stop());
      await bounded("catalog", () => catalog.stop());
      await bounded("settings", () => runtimeSettings.stop());
      await bounded("shared store", () => kv.close());
      await bounded("database", () => database.close());
      await errors.flush(1000);
      logger.info("stopped");
    },
  };
}

/**
 * The one-off migration step of a deployment (`node dist/main.js --migrate-only`): applies the SQL
 * migrations, seeds the model catalog and creates the job queues, then closes everything. Run it before
 * a release's instances start, so they find the schema ready instead of each changing it on boot
 * (they still check, under a lock, so a laptop's `npm start` needs no separate step).
 */
export async function migrateDatabase(config: Config, options: { logger?: Logger } = {}): Promise<void> {
  const logger = options.logger ?? createLogger({ level: config.logLevel, secrets: [config.botToken, config.wavespeed.apiKey, config.webhookSecret] });
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await runMigrations(database);
    await ensureCatalogSeeded(database.db);
    await ensureToolsSeeded(database.db);
    const queue = new JobQueue(database, logger);
    await queue.start(ALL_QUEUES, QUEUE_SETTINGS);
    await queue.stop(1000);
  } finally {
    await database.close();
  }
  logger.info({ database: database.kind }, "migrations applied");
}

/** How long one connection may take to close at stop before it is left behind. */
const STOP_STEP_MS = 2000;

/** Runs one close step for at most `ms`; a step that fails or overruns is logged, never thrown. */
async function closeWithin(ms: number, what: string, close: () => Promise<void>, logger: Logger): Promise<void> {
  try {
    if ((await settleWithin(close(), ms)).timedOut) logger.warn({ step: what, ms }, "a connection did not close in time at stop; leaving it");
  } catch (error) {
    logger.warn({ err: error, step: what }, "closing failed at stop");
  }
}

/**
 * Closes the HTTP server gracefully: requests in flight finish, while keep-alive connections that are
 * idle (or become idle) are closed at once instead of lingering until their 72 s timeout.
 */
async function closeHttp(http: FastifyInstance, graceMs = 3000): Promise<void> {
  const closing = http.close();
  const sweeper = setInterval(() => http.server.closeIdleConnections(), 100);
  // Long-lived responses (server-sent event streams of the Mini App and the sandbox) never become
  // idle: after the grace period every remaining connection is cut, so a stop stays within its budget.
  const cutoff = setTimeout(() => http.server.closeAllConnections(), graceMs);
  http.server.closeIdleConnections();
  try {
    await closing;
  } finally {
    clearInterval(sweeper);
    clearTimeout(cutoff);
  }
}
