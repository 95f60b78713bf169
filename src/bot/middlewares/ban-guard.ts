import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";

/**
 * A banned user gets the ban notice with its reason and nothing else happens. Their pre-checkout
 * queries are refused with the same text, so they cannot buy credits either.
 */
export const banGuard: MiddlewareFn<BotContext> = async (ctx, next) => {
  const user = ctx.user;
  if (!user?.banned) return next();
  const text = user.banReason ? ctx.tr("banned", { reason: user.banReason }) : ctx.tr("banned-no-reason");
  if (ctx.preCheckoutQuery) {
    await ctx.answerPreCheckoutQuery(false, { error_message: stripTags(text) });
  } else if (ctx.callbackQuery) {
    await ctx.answerCallbackQuery({ text: stripTags(text), show_alert: true });
  } else if (ctx.message && !ctx.message.successful_payment && !ctx.message.refunded_payment) {
    await ctx.reply(text);
  } else {
    // Payment service messages still reach the payment features: money already moved.
    return next();
  }
};

/** Alerts and pre-checkout errors are plain text; Fluent strings may carry HTML tags and entities. */
export function stripTags(text: string): string {
  return text
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}
