import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply } from "fastify";

/**
 * Where `npm run build:web` puts the page: dist/web/sandbox, found from this module both when it runs
 * compiled (dist/sandbox/chat-page) and from source (src/sandbox/chat-page under tsx or vitest).
 */
export function defaultChatPageDir(): string {
  const compiled = fileURLToPath(new URL("../../web/sandbox/", import.meta.url));
  const fromSource = fileURLToPath(new URL("../../../dist/web/sandbox/", import.meta.url));
  return existsSync(join(compiled, "index.html")) ? compiled : fromSource;
}

const NOT_BUILT =
  "The sandbox chat page is not built. Run `npm run build` (or `npm run build:web`), then restart the service.\n";

/**
 * Serves the built page under /sandbox/. Without a build it answers 503 with what to do, instead of a
 * bare 404 that looks like a wrong URL.
 */
export function registerChatPageAssets(scope: FastifyInstance, pageDir: string): void {
  if (!existsSync(join(pageDir, "index.html"))) {
    scope.log.warn({ pageDir }, "the sandbox chat page is not built; /sandbox answers 503 until `npm run build` and a restart");
    const notBuilt = async (_request: unknown, reply: FastifyReply) => reply.code(503).type("text/plain; charset=utf-8").send(NOT_BUILT);
    scope.get("/sandbox", notBuilt);
    scope.get("/sandbox/", notBuilt);
    return;
  }
  void scope.register(fastifyStatic, {
    root: pageDir,
    prefix: "/sandbox",
    redirect: true,
    // Encapsulated, so other web apps can register @fastify/static with their own reply decorators.
    decorateReply: false,
    cacheControl: false,
    setHeaders(res, path) {
      // Vite fingerprints asset names, so they never change; index.html must be revalidated.
      res.setHeader("cache-control", path.endsWith(".html") ? "no-cache" : "public, max-age=31536000, immutable");
    },
  });
}
