import type { FastifyInstance } from "fastify";
import type { Metrics } from "../../infra/metrics.js";

/** A named dependency check for /readyz; throws (or times out) when the dependency is unusable. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

const CHECK_TIMEOUT_MS = 3000;

/**
 * /healthz: the process is alive (for restarts). /readyz: the dependencies answer (for load balancers;
 * an instance whose database is unreachable should get no traffic). /metrics: Prometheus.
 */
export function registerHealthRoutes(app: FastifyInstance, checks: readonly ReadinessCheck[], metrics: Metrics): void {
  app.get("/healthz", async () => ({ status: "ok" }));

  app.get("/readyz", async (_request, reply) => {
    const results = await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          await withTimeout(check(), CHECK_TIMEOUT_MS);
          return [name, "ok"] as const;
        } catch {
          return [name, "failing"] as const;
        }
      }),
    );
    const ready = results.every(([, state]) => state === "ok");
    return reply.code(ready ? 200 : 503).send({ status: ready ? "ready" : "not_ready", checks: Object.fromEntries(results) });
  });

  app.get("/metrics", async (_request, reply) => {
    reply.header("content-type", metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
