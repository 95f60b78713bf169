import { randomUUID } from "node:crypto";
import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";

/** The update's kind as Telegram names it ("message", "callback_query", …), for logs and metrics. */
export function updateType(update: object): string {
  return Object.keys(update).find((k) => k !== "update_id") ?? "unknown";
}

/**
 * First middleware: gives the update a request id and a logger carrying it, and records the update in
 * the metrics with the time its handling took (errors included, since they still cost time).
 */
export function updateContext(deps: BotDeps): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const type = updateType(ctx.update);
    ctx.deps = deps;
    ctx.config = deps.config;
    ctx.requestId = randomUUID();
    ctx.log = deps.logger.child({ requestId: ctx.requestId, updateId: ctx.update.update_id, updateType: type });
    ctx.user = undefined;
    ctx.locale = deps.config.defaultLocale;
    const stopTimer = deps.metrics.handlerDuration.startTimer({ type });
    try {
      await next();
    } finally {
      stopTimer();
      deps.metrics.updatesHandled.inc({ type });
    }
  };
}
