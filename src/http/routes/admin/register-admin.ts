import { randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Api } from "grammy";
import type { Config } from "../../../config.js";
import type { Database } from "../../../db/client.js";
import type { CatalogService } from "../../../domain/catalog/catalog-service.js";
import type { PurchaseHooks } from "../../../domain/payments/star-payments.js";
import type { StarsGateway } from "../../../domain/payments/stars-gateway.js";
import type { SettingsService } from "../../../domain/settings/settings-service.js";
import type { UserService } from "../../../domain/users/user-service.js";
import type { Translator } from "../../../i18n/translator.js";
import type { KeyValueStore } from "../../../infra/kv/index.js";
import type { Logger } from "../../../infra/logger.js";
import type { Metrics } from "../../../infra/metrics.js";
import type { TelegramFileSource } from "../../../infra/telegram-file-download.js";
import { authenticateAdmin, type AdminAuthDeps } from "./admin-auth.js";
import { defaultAdminDir, registerAdminAssets } from "./admin-assets.js";
import { installAdminErrorHandler } from "./admin-error.js";
import { AdminRoutes } from "./admin-route.js";
import { openApiView } from "./api-schemas.js";
import { registerAuditRoutes } from "./audit-routes.js";
import { registerAuthRoutes } from "./auth-routes.js";
import { registerBroadcastRoutes } from "./broadcast-routes.js";
import { registerDashboardRoutes } from "./dashboard-routes.js";
import { registerGenerationRoutes } from "./generation-routes.js";
import { IpRateLimit } from "./ip-rate-limit.js";
import { registerModelRoutes } from "./model-routes.js";
import { openApiDocument } from "./openapi.js";
import { registerPaymentRoutes } from "./payment-routes.js";
import { registerProviderRoutes } from "./provider-routes.js";
import { AdminSessionStore } from "./session-store.js";
import { SessionTokens } from "./session-tokens.js";
import { registerSettingsRoutes } from "./settings-routes.js";
import { registerUserRoutes } from "./user-routes.js";

export interface AdminPanelDeps {
  /** Read on every request (ADMIN_IDS, the settings in effect): pass the app's live config. */
  config: Config;
  /** Checks the Login Widget's signature; never sent anywhere. */
  botToken: string;
  db: Database;
  kv: KeyValueStore;
  users: UserService;
  catalog: CatalogService;
  settings: SettingsService;
  translator: Translator;
  /** Ban notices and staging broadcasts in the admin's chat. */
  telegram: Api;
  files: TelegramFileSource;
  stars: StarsGateway;
  purchaseHooks: PurchaseHooks;
  kickBroadcast(broadcastId: number): Promise<void>;
  /** The provider's cached balance in USD; undefined without a provider. */
  providerBalance: (() => Promise<number | undefined>) | undefined;
  logger: Logger;
  metrics?: Metrics | undefined;
}

export interface AdminPanelOptions {
  /** The built panel; dist/web/admin by default. Tests point it at a fresh build. */
  appDir?: string;
}

/**
 * Puts the web admin panel on the HTTP server (docs/admin-panel.md): the API under /api/admin, every
 * route of it behind one gate (rate limit, signed session cookie, server-side session, ADMIN_IDS,
 * CSRF) except the sign-in, and the built panel at /admin. Call before the server listens. Returns
 * the routes, which the API description is written from.
 */
export function registerAdminPanel(http: FastifyInstance, deps: AdminPanelDeps, options: AdminPanelOptions = {}): AdminRoutes {
  const { config } = deps;
  // The sandbox (and a process nobody can sign in to) may sign with a secret of its own; elsewhere
  // main.ts refuses to start without ADMIN_SESSION_SECRET (adminPanelProblems).
  const secret = config.adminPanel.sessionSecret ?? randomBytes(32).toString("hex");
  const tokens = new SessionTokens(secret);
  const sessions = new AdminSessionStore(deps.db);
  const security = deps.metrics ? { logger: deps.logger, metrics: deps.metrics } : undefined;
  const routes = new AdminRoutes();
  const auth: AdminAuthDeps = {
    adminIds: () => config.adminIds,
    tokens,
    sessions,
    apiLimit: new IpRateLimit(deps.kv, { name: "api", limit: config.adminPanel.apiRequestsPerMinute, windowMs: 60_000, secret }),
    security,
  };
  const modelNames = async () => new Map((await deps.catalog.listAll()).map((m) => [m.key, m.name]));
  const sandboxAdminId = config.sandbox ? (config.adminPanel.sandboxAdminId ?? config.adminIds[0]) : undefined;

  void http.register(async (scope) => {
    installAdminErrorHandler(scope);
    // onRequest: before the body is read, so nobody without a session gets to upload anything.
    scope.addHook("onRequest", async (request) => authenticateAdmin(request, auth, routes.isPublic(request.method, request.routeOptions.url)));

    registerAuthRoutes(scope, routes, {
      db: deps.db,
      botToken: deps.botToken,
      adminIds: () => config.adminIds,
      tokens,
      sessions,
      sessionTtlSeconds: config.adminPanel.sessionTtlSeconds,
      loginLimit: new IpRateLimit(deps.kv, { name: "login", limit: config.adminPanel.loginAttemptsPer15Minutes, windowMs: 15 * 60_000, secret }),
      sandboxAdminId,
      secureCookies: (request: FastifyRequest) => !(config.sandbox && request.protocol === "http"),
      findUser: (telegramId) => deps.users.get(telegramId),
      security,
    });
    registerDashboardRoutes(scope, routes, { db: deps.db, timeZone: config.dailyReport.timeZone, modelNames });
    registerUserRoutes(scope, routes, {
      db: deps.db,
      users: deps.users,
      telegram: deps.telegram,
      translator: deps.translator,
      defaultLocale: config.defaultLocale,
      trialGenerations: () => config.generationLimits.trialGenerations,
    });
    registerGenerationRoutes(scope, routes, { db: deps.db, files: deps.files, modelNames });
    registerPaymentRoutes(scope, routes, { db: deps.db, stars: deps.stars, purchaseHooks: deps.purchaseHooks });
    registerBroadcastRoutes(scope, routes, { db: deps.db, telegram: deps.telegram, defaultLocale: config.defaultLocale, kickBroadcast: deps.kickBroadcast });
    registerModelRoutes(scope, routes, { db: deps.db, catalog: deps.catalog });
    registerSettingsRoutes(scope, routes, { settings: deps.settings });
    registerProviderRoutes(scope, routes, {
      db: deps.db,
      balance: () => (deps.providerBalance ? deps.providerBalance() : null),
      minBalanceUsd: () => config.generationWorker.providerMinBalanceUsd,
      modelNames,
    });
    registerAuditRoutes(scope, routes, { db: deps.db });
    routes.json(scope, {
      method: "GET",
      url: "/api/admin/openapi.json",
      tag: "meta",
      summary: "This API's description (OpenAPI 3.0), for signed-in admins only",
      response: openApiView,
      handler: async () => openApiDocument(routes.routes),
    });
  });

  void http.register(async (scope) => {
    registerAdminAssets(scope, options.appDir ?? defaultAdminDir(), { botUsername: config.botUsername, sandbox: sandboxAdminId !== undefined });
  });
  return routes;
}
