import type { FastifyInstance } from "fastify";
import { builtWebAppDir, registerWebAppAssets } from "../web-app-assets.js";

/** Where the app is served; web/miniapp/vite.config.ts builds with the same base. */
export const MINIAPP_PATH = "/app";

/** Where `npm run build:web` puts the app: dist/web/miniapp. */
export function defaultMiniAppDir(): string {
  return builtWebAppDir("miniapp");
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

/**
 * Serves the built app at /app: index.html (with the SDK script and the bot's name filled in) at /app
 * and /app/, and the fingerprinted assets under /app/assets/.
 */
export function registerMiniAppAssets(scope: FastifyInstance, appDir: string, options: MiniAppAssetOptions): void {
  registerWebAppAssets(scope, {
    title: "the Mini App",
    path: MINIAPP_PATH,
    appDir,
    clientSideRoutes: false,
    marks: { [TELEGRAM_SCRIPT_MARK]: options.loadTelegramScript ? TELEGRAM_SCRIPT : "", [BOT_USERNAME_MARK]: options.botUsername ?? "" },
    // Frameable: Telegram Web embeds Mini Apps in an iframe.
    pageHeaders: { "content-security-policy": CONTENT_SECURITY_POLICY },
  });
}
