import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply } from "fastify";

/** Where the panel is served; web/admin/vite.config.ts builds with the same base. */
export const ADMIN_PATH = "/admin";

/**
 * Where `npm run build:web` puts the panel: dist/web/admin, found from this module both when it runs
 * compiled (dist/http/routes/admin) and from source (src/http/routes/admin under tsx or vitest).
 */
export function defaultAdminDir(): string {
  const compiled = fileURLToPath(new URL("../../../web/admin/", import.meta.url));
  const fromSource = fileURLToPath(new URL("../../../../dist/web/admin/", import.meta.url));
  return existsSync(join(compiled, "index.html")) ? compiled : fromSource;
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

const NOT_BUILT = "The admin panel is not built. Run `npm run build` (or `npm run build:web`), then restart the service.\n";

/**
 * Serves the built panel at /admin: index.html for /admin and every client-side route under it (the
 * panel routes in the browser), and the fingerprinted assets under /admin/assets/. The HTML holds no
 * data: everything comes from the API after sign-in.
 */
export function registerAdminAssets(scope: FastifyInstance, appDir: string, options: AdminAssetOptions): void {
  const indexFile = join(appDir, "index.html");
  if (!existsSync(indexFile)) {
    scope.log.warn({ appDir }, "the admin panel is not built; /admin answers 503 until `npm run build` and a restart");
    const notBuilt = async (_request: unknown, reply: FastifyReply) => reply.code(503).type("text/plain; charset=utf-8").send(NOT_BUILT);
    scope.get(ADMIN_PATH, notBuilt);
    scope.get(`${ADMIN_PATH}/*`, notBuilt);
    return;
  }
  const html = readFileSync(indexFile, "utf8")
    .replace(BOT_USERNAME_MARK, options.botUsername ?? "")
    .replace(SANDBOX_MARK, options.sandbox ? "1" : "");
  const index = async (_request: unknown, reply: FastifyReply) =>
    reply
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-cache")
      .header("content-security-policy", CONTENT_SECURITY_POLICY)
      .header("x-content-type-options", "nosniff")
      .header("x-frame-options", "DENY")
      .header("referrer-policy", "no-referrer")
      .send(html);
  scope.get(ADMIN_PATH, index);
  scope.get(`${ADMIN_PATH}/*`, index);
  void scope.register(fastifyStatic, {
    root: join(appDir, "assets"),
    prefix: `${ADMIN_PATH}/assets/`,
    decorateReply: false,
    index: false,
    cacheControl: false,
    setHeaders(res) {
      // Vite fingerprints asset names, so they never change.
      res.setHeader("cache-control", "public, max-age=31536000, immutable");
      res.setHeader("x-content-type-options", "nosniff");
    },
  });
}
