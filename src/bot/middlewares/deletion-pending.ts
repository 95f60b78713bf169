import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";
import { acknowledge, showScreen } from "../reply.js";
import { isCancellableByUser } from "../../domain/privacy/deletion-reasons.js";
import { PRIVACY } from "../features/privacy/privacy-buttons.js";
import { cancelPendingDeletion, deletionNotice } from "../features/privacy/account-deletion.js";
import { stripTags } from "./ban-guard.js";

/**
 * A user whose account is marked for deletion is no longer served (policy 4.3): every update is answered
 * with the deletion date and, for the user's own request, a Cancel button, which is the only thing
 * still processed. New payments are refused at pre-checkout (their credits would be forfeited);
 * payments already made still reach the payment features, and membership changes are still recorded.
 */
export const deletionPending: MiddlewareFn<BotContext> = async (ctx, next) => {
  const user = ctx.user;
  if (!user?.deletionDueAt) return next();
  if (ctx.message?.successful_payment || ctx.message?.refunded_payment || ctx.myChatMember) return next();
  if (ctx.callbackQuery?.data === PRIVACY.cancelDeletion && isCancellableByUser(user.deletionReason)) {
    return cancelPendingDeletion(ctx);
  }
  const { text, keyboard } = deletionNotice(ctx, user);
  if (ctx.preCheckoutQuery) {
    await ctx.answerPreCheckoutQuery(false, { error_message: stripTags(text) });
  } else if (ctx.callbackQuery) {
    await acknowledge(ctx);
    await showScreen(ctx, text, keyboard);
  } else if (ctx.message) {
    await ctx.reply(text, keyboard ? { reply_markup: keyboard } : {});
  }
};
