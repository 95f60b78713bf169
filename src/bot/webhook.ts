import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { BotError, type Bot } from "grammy";
import type { Update } from "grammy/types";
import type { BotContext } from "./context.js";
import { ALLOWED_UPDATES } from "./create-bot.js";
import type { KeyValueStore } from "../infra/kv/index.js";
import { recordSecurityEvent, type SecurityEventSink } from "../infra/security-events.js";

export const WEBHOOK_PATH = "/telegram/webhook";
const SECRET_HEADER = "x-telegram-bot-api-secret-token";

/** How long an update id is remembered: Telegram keeps undelivered updates for 24 hours. */
const SEEN_TTL_MS = 24 * 3600 * 1000;
/** How long one instance may hold an update before another may try it (a crash mid-way). */
const CLAIM_TTL_MS = 60_000;

/** Constant-time comparison, so the secret cannot be guessed byte by byte from response times. */
export function secretMatches(received: string | undefined, expected: string): boolean {
  if (typeof received !== "string") return false;
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Telegram's webhook on our HTTP server. Telegram delivers at least once, and behind a load balancer
 * a redelivery may reach another instance: each update id is claimed in the shared store so it is
 * handled once, and released if handling crashed so that the redelivery is not lost.
 */
export function registerWebhookRoute(
  app: FastifyInstance,
  bot: Bot<BotContext>,
  kv: KeyValueStore,
  secret: string,
  security?: SecurityEventSink,
): void {
  app.post(WEBHOOK_PATH, async (request, reply) => {
    const header = request.headers[SECRET_HEADER];
    if (!secretMatches(Array.isArray(header) ? header[0] : header, secret)) {
      if (security) {
        recordSecurityEvent({ ...security, logger: request.log }, "telegram_webhook_secret_mismatch", {
          route: WEBHOOK_PATH,
          ip: request.ip,
          secretPresent: header !== undefined,
        });
      }
      return reply.code(401).send({ ok: false, error: "unauthorized" });
    }
    const update = request.body as Update | undefined;
    if (!update || typeof update !== "object" || !Number.isSafeInteger(update.update_id)) {
      return reply.code(400).send({ ok: false, error: "not an update" });
    }
    const key = `update:${update.update_id}`;
    if (!(await kv.setIfAbsent(key, "claimed", CLAIM_TTL_MS))) return reply.send({ ok: true, duplicate: true });
    try {
      await handleWithErrorBoundary(bot, update);
      await kv.set(key, "done", SEEN_TTL_MS);
    } catch (error) {
      await kv.del(key);
      throw error;
    }
    return reply.send({ ok: true });
  });
}

/**
 * In webhook mode grammY hands handler errors to the web framework instead of `bot.catch`; route them to
 * the same error handler as polling, so the user hears "something went wrong" and Telegram gets a 200
 * (redelivering an update that failed on a bug would only fail again). Only a failing error handler
 * itself surfaces as a 500.
 */
async function handleWithErrorBoundary(bot: Bot<BotContext>, update: Update): Promise<void> {
  try {
    await bot.handleUpdate(update);
  } catch (error) {
    if (!(error instanceof BotError)) throw error;
    await bot.errorHandler(error);
  }
}

export async function setWebhook(bot: Bot<BotContext>, publicUrl: string, secret: string): Promise<void> {
  await bot.init();
  await bot.api.setWebhook(`${publicUrl}${WEBHOOK_PATH}`, {
    secret_token: secret,
    allowed_updates: [...ALLOWED_UPDATES],
  });
}
