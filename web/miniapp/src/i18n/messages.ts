import { createContext, useContext } from "react";
import type { LocaleCode } from "../../../../src/http/routes/miniapp/api-types.js";
import en from "../../../../locales/en/miniapp.ftl?raw";
import ru from "../../../../locales/ru/miniapp.ftl?raw";
import uz from "../../../../locales/uz/miniapp.ftl?raw";
import { formatPattern, parseMessages, type Pattern, type Variables } from "./fluent-lite.js";

/**
 * The Mini App's texts come from the same locales/<lang>/miniapp.ftl files as the bot's, bundled at
 * build time (docs/decisions/miniapp-texts.md).
 */
const SOURCES: Record<LocaleCode, string> = { uz, ru, en };
const parsed = new Map<LocaleCode, Map<string, Pattern>>();

/** Translates a message id with variables; a missing id shows itself, so it is noticed. */
export type Translate = (key: string, variables?: Variables) => string;

export function translator(locale: LocaleCode): Translate {
  let messages = parsed.get(locale);
  if (messages === undefined) {
    messages = parseMessages(SOURCES[locale]);
    parsed.set(locale, messages);
  }
  const bundle = messages;
  return (key, variables) => {
    const pattern = bundle.get(key);
    return pattern === undefined ? key : formatPattern(pattern, locale, variables);
  };
}

/** The locale to use before the server said which one the user chose: Telegram's language if we speak it. */
export function guessLocale(languageCode: string | undefined): LocaleCode {
  const base = (languageCode ?? navigator.language).toLowerCase().split(/[-_]/)[0];
  return base === "uz" || base === "ru" || base === "en" ? base : "en";
}

export const I18nContext = createContext<{ locale: LocaleCode; t: Translate }>({ locale: "en", t: translator("en") });

export function useI18n(): { locale: LocaleCode; t: Translate } {
  return useContext(I18nContext);
}
