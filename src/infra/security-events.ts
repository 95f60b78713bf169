import type { Logger } from "./logger.js";
import type { Metrics } from "./metrics.js";

/**
 * What the audit trail records (privacy policy, section 5): attempts to get in where one does not
 * belong, and traffic the service refused to serve. Each kind is a label of
 * `bananapics_security_events_total`, so an alert can watch one kind without parsing logs.
 */
export const SECURITY_EVENT_KINDS = [
  /** A POST to the Telegram webhook without the `secret_token` we registered. */
  "telegram_webhook_secret_mismatch",
  /** A Wavespeed webhook delivery whose signature does not verify. */
  "provider_webhook_signature_invalid",
  /** Mini App credentials (initData, a file ticket) that are missing, forged, malformed or too old. */
  "miniapp_credentials_invalid",
  /** A proven identity asked for something it may not have (banned, unregistered, not an admin…). */
  "authorization_refused",
  /** A user went over the flood limit (logged once per window, however many updates were dropped). */
  "rate_limited",
] as const;

export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

/** Where an event goes: the caller's logger (with its request id; Fastify's request logger fits) and the process's metrics. */
export interface SecurityEventSink {
  logger: Pick<Logger, "warn">;
  metrics: Pick<Metrics, "securityEvents">;
}

/**
 * Details worth keeping: ids, routes, reasons. Never the secret, token or initData that was presented:
 * a wrong secret is often a right one with a typo, and logging it would leak it.
 */
export type SecurityEventDetails = Record<string, string | number | boolean | undefined>;

/**
 * Records one security event as a structured warning (`securityEvent` names the kind, so a log query
 * can select them all) and counts it.
 */
export function recordSecurityEvent(sink: SecurityEventSink, kind: SecurityEventKind, details: SecurityEventDetails = {}): void {
  sink.metrics.securityEvents.inc({ kind });
  sink.logger.warn({ ...details, securityEvent: kind }, `security event: ${kind}`);
}
