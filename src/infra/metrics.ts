import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { SECURITY_EVENT_KINDS } from "./security-events.js";

/** The service's Prometheus metrics, on a registry of its own so several app instances can coexist in tests. */
export interface Metrics {
  readonly registry: Registry;
  readonly updatesHandled: Counter<"type">;
  readonly handlerDuration: Histogram<"type">;
  readonly errors: Counter<"kind">;
  readonly jobsProcessed: Counter<"queue" | "outcome">;
  readonly httpRequests: Counter<"route" | "status">;
  /** The audit trail's counter (src/infra/security-events.ts). */
  readonly securityEvents: Counter<"kind">;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    updatesHandled: new Counter({
      name: "bananapics_updates_handled_total",
      help: "Telegram updates handled, by update type",
      labelNames: ["type"],
      registers: [registry],
    }),
    handlerDuration: new Histogram({
      name: "bananapics_update_handler_duration_seconds",
      help: "Time spent handling one Telegram update",
      labelNames: ["type"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    errors: new Counter({
      name: "bananapics_errors_total",
      help: "Errors by kind (handler, job, http, telegram_api, provider)",
      labelNames: ["kind"],
      registers: [registry],
    }),
    jobsProcessed: new Counter({
      name: "bananapics_jobs_processed_total",
      help: "Background jobs processed, by queue and outcome",
      labelNames: ["queue", "outcome"],
      registers: [registry],
    }),
    httpRequests: new Counter({
      name: "bananapics_http_requests_total",
      help: "HTTP requests by route and status code",
      labelNames: ["route", "status"],
      registers: [registry],
    }),
    securityEvents: securityEventCounter(registry),
  };
}

/** Every kind starts at 0, so a dashboard or alert sees the series before the first event. */
function securityEventCounter(registry: Registry): Counter<"kind"> {
  const counter = new Counter({
    name: "bananapics_security_events_total",
    help: "Security events (refused webhooks, forged initData, refused authorizations, rate-limit hits), by kind",
    labelNames: ["kind"],
    registers: [registry],
  });
  for (const kind of SECURITY_EVENT_KINDS) counter.inc({ kind }, 0);
  return counter;
}
