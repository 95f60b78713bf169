import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply } from "fastify";

/**
 * Where `npm run build:web` puts one web app: dist/web/<name>, found from this module both when it runs
 * compiled (dist/http/routes) and from source (src/http/routes under tsx or vitest).
 */
export function builtWebAppDir(name: "admin" | "miniapp"): string {
  const compiled = fileURLToPath(new URL(`../../web/${name}/`, import.meta.url));
  const fromSource = fileURLToPath(new URL(`../../../dist/web/${name}/`, import.meta.url));
  return existsSync(join(compiled, "index.html")) ? compiled : fromSource;
}

export interface WebAppAssets {
  /** How the operator knows the app, lower case: "the admin panel". */
  title: string;
  /** Where the app is served; its vite.config.ts builds with the same base. */
  path: string;
  /** The built app: index.html and assets/. */
  appDir: string;
  /**
   * True when the app routes in the browser, so every path under `path` answers index.html; false when
   * only `path` and `path/` do.
   */
  clientSideRoutes: boolean;
  /** Marks in index.html and what the server puts there, each filled in once when the app is registered. */
  marks: Readonly<Record<string, string>>;
  /** The app's own security headers on index.html: its CSP and, where it must not be framed, x-frame-options. */
  pageHeaders: Readonly<Record<string, string>>;
  /** Headers on every asset besides the cache rule. */
  assetHeaders?: Readonly<Record<string, string>>;
}

/**
 * Serves a built Vite app: index.html (marks filled in, revalidated on every load) and the fingerprinted
 * assets under `path`/assets/, cached for good. Without a build it answers 503 with what to do, instead
 * of a bare 404 that looks like a wrong URL.
 */
export function registerWebAppAssets(scope: FastifyInstance, app: WebAppAssets): void {
  const pagePaths = [app.path, app.clientSideRoutes ? `${app.path}/*` : `${app.path}/`];
  const indexFile = join(app.appDir, "index.html");
  if (!existsSync(indexFile)) {
    scope.log.warn({ appDir: app.appDir }, `${app.title} is not built; ${app.path} answers 503 until \`npm run build\` and a restart`);
    const message = `${capitalized(app.title)} is not built. Run \`npm run build\` (or \`npm run build:web\`), then restart the service.\n`;
    const notBuilt = async (_request: unknown, reply: FastifyReply) => reply.code(503).type("text/plain; charset=utf-8").send(message);
    for (const path of pagePaths) scope.get(path, notBuilt);
    return;
  }
  let html = readFileSync(indexFile, "utf8");
  for (const [mark, value] of Object.entries(app.marks)) html = html.replace(mark, value);
  const index = async (_request: unknown, reply: FastifyReply) =>
    reply
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-cache")
      .header("x-content-type-options", "nosniff")
      .header("referrer-policy", "no-referrer")
      .headers(app.pageHeaders)
      .send(html);
  for (const path of pagePaths) scope.get(path, index);
  void scope.register(fastifyStatic, {
    root: join(app.appDir, "assets"),
    prefix: `${app.path}/assets/`,
    // Encapsulated, so other web apps can register @fastify/static with their own reply decorators.
    decorateReply: false,
    index: false,
    cacheControl: false,
    setHeaders(res) {
      // Vite fingerprints asset names, so they never change.
      res.setHeader("cache-control", "public, max-age=31536000, immutable");
      for (const [name, value] of Object.entries(app.assetHeaders ?? {})) res.setHeader(name, value);
    },
  });
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
