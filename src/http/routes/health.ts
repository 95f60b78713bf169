import type { FastifyInstance } from "fastify";
import type { Metrics } from "../../infra/metrics.js";
import { settleWithin } from "../../infra/deadline.js";

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
          const outcome = await settleWithin(check(), CHECK_TIMEOUT_MS);
          return [name, outcome.timedOut ? "failing" : "ok"] as const;
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
