import type { Api } from "grammy";
import { LOCALES, type Locale } from "../config.js";
import type { Translator } from "../i18n/translator.js";

/** The commands shown in Telegram's menu, in this order. */
export const MENU_COMMANDS = [
  "start",
  "profile",
  "topup",
  "history",
  "images",
  "referral",
  "help",
  "language",
  "settings",
  "mydata",
  "export",
  "deleteme",
  "privacy",
  "terms",
  "support",
  "paysupport",
] as const;

/**
 * Registers the command menu in every language we speak, plus the default list (in DEFAULT_LOCALE)
 * for users whose Telegram language is another one.
 */
export async function registerCommandMenus(api: Api, translator: Translator, defaultLocale: Locale): Promise<void> {
  const commandsIn = (locale: Locale) =>
    MENU_COMMANDS.map((command) => ({ command, description: translator.t(locale, `cmd-${command}`) }));
  for (const locale of LOCALES) {
    await api.setMyCommands(commandsIn(locale), { language_code: locale, scope: { type: "all_private_chats" } });
  }
  await api.setMyCommands(commandsIn(defaultLocale), { scope: { type: "all_private_chats" } });
}
