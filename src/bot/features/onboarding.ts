import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.js";
import { requireUser } from "../context.js";
import { cb, cbPattern } from "../callback-data.js";
import { languageKeyboard } from "../keyboards/language-keyboard.js";
import { homeKeyboard } from "../keyboards/home-keyboard.js";
import { acknowledge, showScreen } from "../reply.js";
import { switchLocale } from "../middlewares/translate.js";
import { displayName, hasAcceptedCurrentPolicy, isLocale } from "../../domain/users/user-profile.js";
import { DOCUMENT_BUTTONS } from "./legal-documents.js";
import { completeReferralJoin } from "./referral.js";

const ACCEPT = cb("onb", "accept");

/**
 * First contact: /start → language → consent (Terms, Privacy Policy, 13+) → home. A returning user
 * who already accepted the current policy goes straight home; raising POLICY_VERSION sends everyone
 * through consent again.
 */
export const onboarding = new Composer<BotContext>();

onboarding.command("start", async (ctx) => {
  const user = requireUser(ctx);
  if (user.locale === null) return sendLanguageStep(ctx);
  if (!hasAcceptedCurrentPolicy(user, ctx.config.policyVersion)) return sendConsentRequest(ctx);
  return sendHome(ctx);
});

onboarding.callbackQuery(cbPattern("onb", "lang", "uz|ru|en"), async (ctx) => {
  const locale = ctx.match[1];
  if (!isLocale(locale)) return acknowledge(ctx);
  const updated = await ctx.deps.users.setLocale(requireUser(ctx).telegramId, locale);
  if (updated) ctx.user = updated;
  switchLocale(ctx, locale);
  await acknowledge(ctx);
  if (!hasAcceptedCurrentPolicy(requireUser(ctx), ctx.config.policyVersion)) return sendConsentRequest(ctx);
  return sendHome(ctx);
});

onboarding.callbackQuery(ACCEPT, async (ctx) => {
  const updated = await ctx.deps.users.acceptPolicy(requireUser(ctx).telegramId, ctx.config.policyVersion);
  if (updated) ctx.user = updated;
  await acknowledge(ctx, ctx.tr("onboarding-accepted"));
  await showScreen(ctx, ctx.tr("onboarding-accepted"));
  await completeReferralJoin(ctx);
  await ctx.reply(homeText(ctx), { reply_markup: homeKeyboard(ctx) });
});

async function sendLanguageStep(ctx: BotContext): Promise<void> {
  const user = requireUser(ctx);
  await ctx.reply(ctx.tr("onboarding-choose-language", { name: displayName(user) }), {
    reply_markup: languageKeyboard(ctx, null, (locale) => cb("onb", "lang", locale)),
  });
}

/** The consent screen; also shown by the consent gate when a feature needs it. */
export async function sendConsentRequest(ctx: BotContext): Promise<void> {
  const user = requireUser(ctx);
  const updatedPolicy = user.acceptedPolicyVersion !== null;
  const keyboard = new InlineKeyboard()
    .text(ctx.tr("btn-terms"), DOCUMENT_BUTTONS.terms)
    .text(ctx.tr("btn-privacy"), DOCUMENT_BUTTONS.privacy)
    .row()
    .text(ctx.tr("btn-accept"), ACCEPT);
  await showScreen(ctx, ctx.tr(updatedPolicy ? "onboarding-consent-updated" : "onboarding-consent"), keyboard);
}

function homeText(ctx: BotContext): string {
  return ctx.tr("home-welcome", { name: displayName(requireUser(ctx)) });
}

/** The home menu, as a new message (after /start) or in place (from a Home button). */
export async function sendHome(ctx: BotContext): Promise<void> {
  await showScreen(ctx, homeText(ctx), homeKeyboard(ctx));
}
