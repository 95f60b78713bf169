import type { FastifyInstance } from "fastify";
import type { Api } from "grammy";
import type { Config } from "../../../config.js";
import type { Database } from "../../../db/client.js";
import type { CatalogService } from "../../../domain/catalog/catalog-service.js";
import type { BusinessSettings } from "../../../domain/settings/business-settings.js";
import type { UserProfile } from "../../../domain/users/user-profile.js";
import type { Translator } from "../../../i18n/translator.js";
import type { KeyValueStore } from "../../../infra/kv/index.js";
import type { Logger } from "../../../infra/logger.js";
import type { Metrics } from "../../../infra/metrics.js";
import type { TelegramFileSource } from "../../../infra/telegram-file-download.js";
import { registerAccountRoutes } from "./account-routes.js";
import { MiniAppEventStreams } from "./event-streams.js";
import { registerFileRoutes, registerReferenceRoute, UPLOAD_CONTENT_TYPES } from "./file-routes.js";
import { GenerationFeed } from "./generation-feed.js";
import { registerGenerationRoutes } from "./generation-routes.js";
import type { GenerationStarter } from "./generation-start.js";
import { GenerationViews } from "./generation-views.js";
import { defaultMiniAppDir, registerMiniAppAssets } from "./miniapp-assets.js";
import { authenticateRequest, type MiniAppAuthDeps } from "./miniapp-auth.js";
import { installMiniAppErrorHandler } from "./miniapp-error.js";
import { REFERENCE_MAX_BYTES } from "./reference-intake.js";
import { SignedTokens } from "./signed-tokens.js";

export interface MiniAppDeps {
  config: Config;
  /** The bot token: initData is signed with it. */
  botToken: string;
  db: Database;
  kv: KeyValueStore;
  users: { get(telegramId: number): Promise<UserProfile | undefined> };
  catalog: CatalogService;
  /** The same generation services the bot uses (GenerationServices), so both start generations one way. */
  generation: GenerationStarter;
  /** Server-side Telegram downloads (the token never leaves this process). */
  files: TelegramFileSource;
  telegram: Api;
  settings: BusinessSettings;
  translator: Translator;
  logger: Logger;
  /** Counts refused requests as security events; without it they are only answered. */
  metrics?: Metrics;
}

export interface MiniAppOptions {
  /** The built app; dist/web/miniapp by default. Tests point it at a fresh build. */
  appDir?: string;
}

/**
 * Puts the Telegram Mini App on the HTTP server: the app at /app and its API under /api/miniapp
 * (docs/miniapp.md). Every API route but the file proxy sits behind the initData auth hook; the file
 * proxy also takes the signed tickets of the URLs the API hands out. Call before the server listens.
 */
export function registerMiniApp(http: FastifyInstance, deps: MiniAppDeps, options: MiniAppOptions = {}): void {
  const { config } = deps;
  const tokens = new SignedTokens(deps.botToken);
  const views = new GenerationViews(tokens, async () => new Map((await deps.catalog.listAll()).map((model) => [model.key, model.name])));
  const feed = new GenerationFeed(deps.db, deps.logger);
  const streams = new MiniAppEventStreams(feed, views, deps.logger);
  const auth: MiniAppAuthDeps = {
    botToken: deps.botToken,
    maxAgeSeconds: config.miniApp.authMaxAgeSeconds,
    policyVersion: config.policyVersion,
    defaultLocale: config.defaultLocale,
    findUser: (telegramId) => deps.users.get(telegramId),
    ...(deps.metrics ? { security: { logger: deps.logger, metrics: deps.metrics } } : {}),
  };
  // Getters: the app's config reads these from the runtime settings, which admins may change at any time.
  const limits = {
    get trialGenerations() {
      return config.generationLimits.trialGenerations;
    },
    get promptMaxLength() {
      return config.generationLimits.promptMaxLength;
    },
  };

  // One encapsulated plugin, so the raw-image parser, the error shape and the static files stay out of other routes.
  void http.register(async (scope) => {
    installMiniAppErrorHandler(scope);
    scope.addContentTypeParser(UPLOAD_CONTENT_TYPES, { parseAs: "buffer", bodyLimit: REFERENCE_MAX_BYTES }, (_request, body, done) => done(null, body));
    scope.addHook("preClose", (done) => {
      streams.closeAll();
      done();
    });
    scope.addHook("onClose", async () => feed.close());

    registerFileRoutes(scope, { db: deps.db, files: deps.files, tokens, auth });
    await scope.register(async (api) => {
      // onRequest: before any body is read, so an unauthenticated upload is refused without reading 20 MB.
      api.addHook("onRequest", async (request) => {
        await authenticateRequest(request, auth);
      });
      registerAccountRoutes(api, {
        db: deps.db,
        catalog: deps.catalog,
        settings: deps.settings,
        translator: deps.translator,
        telegram: deps.telegram,
        limits,
      });
      registerGenerationRoutes(api, { db: deps.db, generation: deps.generation, telegram: deps.telegram, views, streams, tokens, limits });
      registerReferenceRoute(api, { kv: deps.kv, telegram: deps.telegram, tokens, translator: deps.translator });
    });
    registerMiniAppAssets(scope, options.appDir ?? defaultMiniAppDir(), {
      loadTelegramScript: !config.sandbox,
      botUsername: config.botUsername,
    });
  });
}
