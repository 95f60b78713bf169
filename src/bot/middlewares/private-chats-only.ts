import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";

/**
 * The bot talks to people one to one. Messages, button presses and membership changes from groups and
 * channels are dropped silently, so adding the bot to a group never turns chatter into paid work.
 * So is anything without a human sender (malformed or forged: every feature needs the user behind it).
 * Pre-checkout queries carry no chat and always pass: they must be answered.
 */
export const privateChatsOnly: MiddlewareFn<BotContext> = async (ctx, next) => {
  if (ctx.preCheckoutQuery) return next();
  if (ctx.chat?.type !== "private") return;
  if (!ctx.from || ctx.from.is_bot) return;
  return next();
};
