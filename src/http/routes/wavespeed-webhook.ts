import type { FastifyInstance } from "fastify";
import type { Logger } from "../../infra/logger.js";
import type { Metrics } from "../../infra/metrics.js";
import { recordSecurityEvent } from "../../infra/security-events.js";
import { parseWebhookPayload, verifyWavespeedWebhook, WavespeedProtocolError } from "../../providers/wavespeed/index.js";

export const WAVESPEED_WEBHOOK_PATH = "/providers/wavespeed/webhook";

export interface WavespeedWebhookDeps {
  /** The signing secret (`whsec_…`); fetched once from the provider and cached by the caller. */
  secret(): Promise<string>;
  /**
   * `strict`: a delivery whose signature does not verify is refused with 401. `log`: it is logged and
   * still used, because all it can do is make us poll the provider early.
   */
  verify: "strict" | "log";
  /** Polls the task's generation now; answers whether the task is one of ours. */
  onTaskChanged(taskId: string): Promise<"polling" | "settled" | "unknown_task">;
  logger: Logger;
  metrics: Metrics;
}

/**
 * The Wavespeed webhook (sent when a task completes or fails, if PUBLIC_URL was given with the submit).
 * The signature covers the raw bytes, so this route gets its own content-type parser that keeps the
 * body as a Buffer; the rest of the server keeps parsing JSON as usual.
 */
export function registerWavespeedWebhookRoute(app: FastifyInstance, deps: WavespeedWebhookDeps): void {
  const log = deps.logger.child({ route: WAVESPEED_WEBHOOK_PATH });
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));

    scope.post(WAVESPEED_WEBHOOK_PATH, async (request, reply) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      let secret: string;
      try {
        secret = await deps.secret();
      } catch (error) {
        // Without the secret nothing can be checked; a 503 asks the provider to deliver again later.
        deps.metrics.errors.inc({ kind: "provider" });
        log.error({ err: error }, "the Wavespeed webhook secret is unavailable");
        return reply.code(503).send({ ok: false, error: "unavailable" });
      }
      const verification = verifyWavespeedWebhook(raw, request.headers, secret);
      if (!verification.ok) {
        // `enforced: false` means WAVESPEED_WEBHOOK_VERIFY=log: the delivery is still used (it only triggers a poll).
        recordSecurityEvent({ logger: log, metrics: deps.metrics }, "provider_webhook_signature_invalid", {
          reason: verification.reason,
          ip: request.ip,
          enforced: deps.verify === "strict",
        });
        if (deps.verify === "strict") return reply.code(401).send({ ok: false, error: "bad signature" });
      }

      let taskId: string;
      try {
        taskId = parseWebhookPayload(raw).id;
      } catch (error) {
        if (!(error instanceof WavespeedProtocolError)) throw error;
        log.warn({ err: error }, "Wavespeed webhook without a task");
        return reply.code(400).send({ ok: false, error: "not a prediction" });
      }
      const result = await deps.onTaskChanged(taskId);
      if (result === "unknown_task") log.warn({ taskId }, "Wavespeed webhook for a task we do not know");
      // Acknowledged either way: a redelivery would not change the answer.
      return reply.send({ ok: true });
    });
  });
}

/**
 * The webhook secret, fetched from the provider on first use and kept; a failed fetch is not kept, so
 * the next delivery tries again.
 */
export function cachedWebhookSecret(fetchSecret: () => Promise<string>): () => Promise<string> {
  let pending: Promise<string> | undefined;
  return () => {
    pending ??= fetchSecret().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
