import { randomUUID } from "node:crypto";
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { Logger } from "../infra/logger.js";
import type { Metrics } from "../infra/metrics.js";
import type { ErrorReporter } from "../infra/error-reporter.js";

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{8,128}$/;

export interface HttpServerDeps {
  logger: Logger;
  metrics: Metrics;
  errors: ErrorReporter;
  /** Largest accepted body; uploads get their own limit per route. */
  bodyLimitBytes?: number;
}

/**
 * The Fastify instance every HTTP route hangs on. Each request gets a request id (the caller's, if it
 * sent a sane one, else a new one) echoed in `x-request-id` and present in every log line. Errors
 * answer with a generic body: internal messages never reach the caller.
 */
export function createHttpServer(deps: HttpServerDeps): FastifyInstance {
  const app = Fastify({
    // Fastify's logger type is narrower than pino's Logger; the instance is the same pino logger.
    loggerInstance: deps.logger as unknown as FastifyBaseLogger,
    // Our onResponse hook logs what matters per request; Fastify's own "incoming request" lines are noise.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: deps.bodyLimitBytes ?? 1_048_576,
    genReqId: (req) => {
      const header = req.headers["x-request-id"];
      const candidate = Array.isArray(header) ? header[0] : header;
      return candidate && REQUEST_ID_PATTERN.test(candidate) ? candidate : randomUUID();
    },
  });

  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });

  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    deps.metrics.httpRequests.inc({ route, status: String(reply.statusCode) });
    request.log.debug({ method: request.method, route, status: reply.statusCode, ms: reply.elapsedTime }, "http request");
  });

  app.setErrorHandler((error: Error & { statusCode?: number; validation?: unknown }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      deps.metrics.errors.inc({ kind: "http" });
      request.log.error({ err: error }, "http handler failed");
      deps.errors.capture(error, { requestId: request.id, route: request.routeOptions.url });
    }
    const message = status === 500 ? "internal error" : error.validation ? "invalid request" : error.message;
    void reply.code(status).send({ error: { code: status === 500 ? "internal_error" : "bad_request", message, requestId: request.id } });
  });

  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ error: { code: "not_found", message: "not found", requestId: request.id } });
  });

  return app;
}
