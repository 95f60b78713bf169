import { InlineKeyboard } from "grammy";
import { LOCALES, type Locale } from "../../config.js";
import type { BotContext } from "../context.js";

/** One button per language, the current one ticked; `callback` builds each button's data. */
export function languageKeyboard(ctx: BotContext, current: Locale | null, callback: (locale: Locale) => string): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const locale of LOCALES) {
    const name = ctx.t(`language-name-${locale}`);
    keyboard.text(locale === current ? `✅ ${name}` : name, callback(locale)).row();
  }
  return keyboard;
}
