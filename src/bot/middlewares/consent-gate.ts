import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";
import { hasAcceptedCurrentPolicy } from "../../domain/users/user-profile.js";
import { sendConsentRequest } from "../features/onboarding.js";

/**
 * Everything registered after this gate (generation, payments, profile…) needs the current Terms and
 * Privacy Policy accepted. Anyone else is shown the consent screen instead; payment updates pass,
 * because a payment in flight must complete whatever happened to the policy meanwhile.
 */
export const consentGate: MiddlewareFn<BotContext> = async (ctx, next) => {
  const user = ctx.user;
  if (!user || ctx.preCheckoutQuery || ctx.message?.successful_payment || ctx.message?.refunded_payment) return next();
  if (hasAcceptedCurrentPolicy(user, ctx.config.policyVersion)) return next();
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.tr("consent-required") });
  else await ctx.reply(ctx.tr("consent-required"));
  await sendConsentRequest(ctx);
};
