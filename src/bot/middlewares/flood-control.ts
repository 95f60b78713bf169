import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";
import { recordSecurityEvent } from "../../infra/security-events.js";

/**
 * Per-user windows counted in the shared store, so every instance sees the same numbers. A window opens
 * with the user's first update and lasts RATE_LIMIT_WINDOW_SECONDS (a burst never straddles two
 * windows). Over the limit, updates are dropped and the user is told once per window. Payments are never limited: a
 * dropped pre-checkout query or successful_payment would lose money.
 */
export const floodControl: MiddlewareFn<BotContext> = async (ctx, next) => {
  const userId = ctx.from?.id;
  if (userId === undefined || isPaymentUpdate(ctx) || ctx.myChatMember) return next();
  const { windowSeconds, messages, callbacks } = ctx.config.rateLimit;
  const kind = ctx.callbackQuery ? "cb" : "msg";
  const limit = kind === "cb" ? callbacks : messages;
  const windowMs = windowSeconds * 1000;
  let count: number;
  try {
    count = await ctx.deps.kv.incrementWindow(`flood:${kind}:${userId}`, windowMs);
  } catch (error) {
    // Without the shared store we cannot count; serving users beats refusing them.
    ctx.log.warn({ err: error }, "flood control unavailable, letting the update through");
    return next();
  }
  if (count <= limit) return next();
  if (count === limit + 1) {
    recordSecurityEvent({ logger: ctx.log, metrics: ctx.deps.metrics }, "rate_limited", { userId, updateKind: kind, limit, windowSeconds });
    const text = ctx.tr("flood-slow-down", { seconds: windowSeconds });
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
    else await ctx.reply(text);
  } else if (ctx.callbackQuery) {
    // Still stop the button's spinner, quietly.
    await ctx.answerCallbackQuery().catch(() => undefined);
  }
};

function isPaymentUpdate(ctx: BotContext): boolean {
  return Boolean(ctx.preCheckoutQuery || ctx.message?.successful_payment || ctx.message?.refunded_payment);
}
