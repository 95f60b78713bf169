import type { FastifyInstance } from "fastify";
import { builtWebAppDir, registerWebAppAssets } from "../web-app-assets.js";

/** Where the panel is served; web/admin/vite.config.ts builds with the same base. */
export const ADMIN_PATH = "/admin";

/** Where `npm run build:web` puts the panel: dist/web/admin. */
export function defaultAdminDir(): string {
  return builtWebAppDir("admin");
}

/** Marks in web/admin/index.html that the server fills in. */
const BOT_USERNAME_MARK = "{{bot-username}}";
const SANDBOX_MARK = "{{sandbox}}";

/**
 * Scripts only from here and telegram.org (the Login Widget, which draws itself in a frame from
 * oauth.telegram.org); images and data only from this server (previews of a chosen photo are blob:);
 * the panel itself is never framed.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' https://telegram.org",
  "frame-src https://oauth.telegram.org",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export interface AdminAssetOptions {
  /** The Login Widget names the bot; without it the page says the panel needs BOT_USERNAME. */
  botUsername: string | undefined;
  /** Offers the sandbox's "log in as admin" button instead of the widget. */
  sandbox: boolean;
}

/**
 * Serves the built panel at /admin: index.html for /admin and every client-side route under it (the
 * panel routes in the browser), and the fingerprinted assets under /admin/assets/. The HTML holds no
 * data: everything comes from the API after sign-in.
 */
export function registerAdminAssets(scope: FastifyInstance, appDir: string, options: AdminAssetOptions): void {
  registerWebAppAssets(scope, {
    title: "the admin panel",
    path: ADMIN_PATH,
    appDir,
    clientSideRoutes: true,
    marks: { [BOT_USERNAME_MARK]: options.botUsername ?? "", [SANDBOX_MARK]: options.sandbox ? "1" : "" },
    pageHeaders: { "content-security-policy": CONTENT_SECURITY_POLICY, "x-frame-options": "DENY" },
    assetHeaders: { "x-content-type-options": "nosniff" },
  });
}
