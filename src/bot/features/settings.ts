import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.js";
import { requireUser } from "../context.js";
import { cb, cbPattern } from "../callback-data.js";
import { HOME } from "../keyboards/home-keyboard.js";
import { languageKeyboard } from "../keyboards/language-keyboard.js";
import { acknowledge, showScreen } from "../reply.js";
import { switchLocale } from "../middlewares/translate.js";
import { isLocale, type UserProfile } from "../../domain/users/user-profile.js";
import { isPrivacyPreference, type PrivacyPreference } from "../../domain/privacy/privacy-preferences.js";
import { PRIVACY } from "./privacy/privacy-buttons.js";

const SETTINGS = { show: cb("set", "show"), language: cb("set", "lang") } as const;

/** Short names of the privacy preferences in callback data ("set:pref:bc:off"). */
const PREFERENCE_CODES: Record<PrivacyPreference, string> = { broadcasts: "bc", gallery: "gal", galleryReferences: "galref" };

/**
 * /settings and /language, and the privacy preferences (policy 6.3, 6.4): news broadcasts, the gallery,
 * "My data" and withdrawing consent. All of it works at any time, before consent too.
 */
export const settings = new Composer<BotContext>();

settings.command("settings", (ctx) => showSettings(ctx));
settings.callbackQuery([SETTINGS.show, HOME.settings], async (ctx) => {
  await acknowledge(ctx);
  await showSettings(ctx);
});

settings.command("language", (ctx) => showLanguagePicker(ctx));
settings.callbackQuery(SETTINGS.language, async (ctx) => {
  await acknowledge(ctx);
  await showLanguagePicker(ctx);
});

settings.callbackQuery(cbPattern("set", "lang", "uz|ru|en"), async (ctx) => {
  const locale = ctx.match[1];
  if (!isLocale(locale)) return acknowledge(ctx);
  const updated = await ctx.deps.users.setLocale(requireUser(ctx).telegramId, locale);
  if (updated) ctx.user = updated;
  switchLocale(ctx, locale);
  await acknowledge(ctx, ctx.tr("language-changed"));
  await showScreen(ctx, ctx.tr("language-changed"), settingsKeyboard(ctx));
});

settings.callbackQuery(cbPattern("set", "pref", Object.values(PREFERENCE_CODES).join("|"), "on|off"), async (ctx) => {
  const preference = Object.entries(PREFERENCE_CODES).find(([, code]) => code === ctx.match[1])?.[0];
  if (!isPrivacyPreference(preference)) return acknowledge(ctx);
  const change = await ctx.deps.privacy.setPreference(requireUser(ctx).id, preference, ctx.match[2] === "on");
  if (change.profile) ctx.user = change.profile;
  await acknowledge(ctx, ctx.tr("settings-saved"));
  // Said on the screen, not only in the passing toast: what is already public is being taken down.
  const notice =
    change.galleryPostsRemoving === 0
      ? undefined
      : ctx.tr(preference === "gallery" ? "settings-gallery-removing" : "settings-gallery-references-removing");
  await showSettings(ctx, notice);
});

async function showSettings(ctx: BotContext, notice?: string): Promise<void> {
  const user = requireUser(ctx);
  const state = (on: boolean) => ctx.tr(on ? "settings-state-on" : "settings-state-off");
  const text = [
    ...(notice === undefined ? [] : [notice, ""]),
    ctx.tr("settings-title"),
    "",
    ctx.tr("settings-language", { language: ctx.t(`language-name-${ctx.locale}`) }),
    ctx.tr("settings-broadcasts", { state: state(user.broadcastOptIn) }),
    ctx.tr("settings-gallery", { state: state(user.galleryOptIn) }),
    ...(user.galleryOptIn ? [ctx.tr("settings-gallery-references", { state: state(user.galleryReferencesOptIn) })] : []),
    "",
    ctx.tr("settings-essential-note"),
  ];
  await showScreen(ctx, text.join("\n"), settingsKeyboard(ctx));
}

async function showLanguagePicker(ctx: BotContext): Promise<void> {
  const keyboard = languageKeyboard(ctx, ctx.locale, (locale) => cb("set", "lang", locale)).text(
    ctx.tr("btn-back"),
    SETTINGS.show,
  );
  await showScreen(ctx, ctx.tr("language-choose"), keyboard);
}

function settingsKeyboard(ctx: BotContext): InlineKeyboard {
  const user = requireUser(ctx);
  const keyboard = new InlineKeyboard()
    .text(ctx.tr("btn-language"), SETTINGS.language)
    .row()
    .text(ctx.tr(user.broadcastOptIn ? "btn-broadcasts-off" : "btn-broadcasts-on"), toggle(user, "broadcasts"))
    .row()
    .text(ctx.tr(user.galleryOptIn ? "btn-gallery-off" : "btn-gallery-on"), toggle(user, "gallery"))
    .row();
  if (user.galleryOptIn) {
    keyboard
      .text(ctx.tr(user.galleryReferencesOptIn ? "btn-gallery-references-off" : "btn-gallery-references-on"), toggle(user, "galleryReferences"))
      .row();
  }
  keyboard.text(ctx.tr("btn-my-data"), PRIVACY.myData);
  // Withdrawing consent makes sense only once it was given; before that /deleteme is the way out.
  if (user.acceptedPolicyVersion !== null) keyboard.text(ctx.tr("btn-withdraw-consent"), PRIVACY.withdrawAsk);
  return keyboard.row().text(ctx.tr("btn-home"), HOME.show);
}

/** The button that flips a preference: its data carries the new value, so a double press is harmless. */
function toggle(user: UserProfile, preference: PrivacyPreference): string {
  const current =
    preference === "broadcasts" ? user.broadcastOptIn : preference === "gallery" ? user.galleryOptIn : user.galleryReferencesOptIn;
  return cb("set", "pref", PREFERENCE_CODES[preference], current ? "off" : "on");
}
