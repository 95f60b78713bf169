import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.js";
import { requireUser } from "../context.js";
import { cb, cbPattern } from "../callback-data.js";
import { HOME } from "../keyboards/home-keyboard.js";
import { languageKeyboard } from "../keyboards/language-keyboard.js";
import { acknowledge, showScreen } from "../reply.js";
import { switchLocale } from "../middlewares/translate.js";
import { isLocale } from "../../domain/users/user-profile.js";

const SETTINGS = { show: cb("set", "show"), language: cb("set", "lang") } as const;

/** /settings and /language. The language can be changed at any time, before consent too. */
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

async function showSettings(ctx: BotContext): Promise<void> {
  const text = [ctx.tr("settings-title"), "", ctx.tr("settings-language", { language: ctx.t(`language-name-${ctx.locale}`) })];
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
  return new InlineKeyboard()
    .text(ctx.tr("btn-language"), SETTINGS.language)
    .row()
    .text(ctx.tr("btn-home"), HOME.show);
}
