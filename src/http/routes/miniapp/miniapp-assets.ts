import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply } from "fastify";

/** Where the app is served; web/miniapp/vite.config.ts builds with the same base. */
export const MINIAPP_PATH = "/app";

/**
 * Where `npm run build:web` puts the app: dist/web/miniapp, found from this module both when it runs
 * compiled (dist/http/routes/miniapp) and from source (src/http/routes/miniapp under tsx or vitest).
 */
export function defaultMiniAppDir(): string {
  const compiled = fileURLToPath(new URL("../../../web/miniapp/", import.meta.url));
  const fromSource = fileURLToPath(new URL("../../../../dist/web/miniapp/", import.meta.url));
  return existsSync(join(compiled, "index.html")) ? compiled : fromSource;
}

/** Marks in web/miniapp/index.html that the server fills in. */
const TELEGRAM_SCRIPT_MARK = "<!-- telegram-web-app -->";
const BOT_USERNAME_MARK = "{{bot-username}}";
/** Telegram's Mini App SDK; inside Telegram it talks to the client (theme, haptics, invoices). */
const TELEGRAM_SCRIPT = '<script src="https://telegram.org/js/telegram-web-app.js?59"></script>';

/**
 * The page may run scripts only from here and from telegram.org (the SDK); it talks only to this
 * server. Frames are not restricted: Telegram Web embeds Mini Apps in an iframe.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' https://telegram.org",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
].join("; ");

export interface MiniAppAssetOptions {
  /** The SDK is fetched from telegram.org, which the sandbox neither needs nor may reach; the app has a local stand-in. */
  loadTelegramScript: boolean;
  /** Named on the "open from the bot" screen shown outside Telegram. */
  botUsername: string | undefined;
}

const NOT_BUILT = "The Mini App is not built. Run `npm run build` (or `npm run build:web`), then restart the service.\n";

/**
 * Serves the built app at /app: index.html (with the SDK script and the bot's name filled in) at /app
 * and /app/, and the fingerprinted assets under /app/assets/. Without a build it answers 503 with what
 * to do, instead of a bare 404 that looks like a wrong URL.
 */
export function registerMiniAppAssets(scope: FastifyInstance, appDir: string, options: MiniAppAssetOptions): void {
  const indexFile = join(appDir, "index.html");
  if (!existsSync(indexFile)) {
    scope.log.warn({ appDir }, "the Mini App is not built; /app answers 503 until `npm run build` and a restart");
    const notBuilt = async (_request: unknown, reply: FastifyReply) => reply.code(503).type("text/plain; charset=utf-8").send(NOT_BUILT);
    scope.get(MINIAPP_PATH, notBuilt);
    scope.get(`${MINIAPP_PATH}/`, notBuilt);
    return;
  }
  const html = readFileSync(indexFile, "utf8")
    .replace(TELEGRAM_SCRIPT_MARK, options.loadTelegramScript ? TELEGRAM_SCRIPT : "")
    .replace(BOT_USERNAME_MARK, options.botUsername ?? "");
  const index = async (_request: unknown, reply: FastifyReply) =>
    reply
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-cache")
      .header("content-security-policy", CONTENT_SECURITY_POLICY)
      .header("x-content-type-options", "nosniff")
      .header("referrer-policy", "no-referrer")
      .send(html);
  scope.get(MINIAPP_PATH, index);
  scope.get(`${MINIAPP_PATH}/`, index);
  void scope.register(fastifyStatic, {
    root: join(appDir, "assets"),
    prefix: `${MINIAPP_PATH}/assets/`,
    // Encapsulated, so other web apps can register @fastify/static with their own reply decorators.
    decorateReply: false,
    index: false,
    cacheControl: false,
    setHeaders(res) {
      // Vite fingerprints asset names, so they never change.
      res.setHeader("cache-control", "public, max-age=31536000, immutable");
    },
  });
}
