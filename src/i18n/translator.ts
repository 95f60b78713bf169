import { fileURLToPath } from "node:url";
import { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { Locale } from "../config.js";
import { SafeHtml, escapeHtml } from "./html.js";

/** locales/ at the repository root, reachable from src/ and dist/ alike. */
export const LOCALES_DIR = fileURLToPath(new URL("../../locales", import.meta.url));

export type TranslationValue = string | number | SafeHtml;
export type TranslationVariables = Record<string, TranslationValue>;

/**
 * Every string a variable carries is escaped for Telegram HTML unless it is SafeHtml. Messages are
 * sent with parse_mode HTML, so user text (names, prompts, reasons) can never inject markup.
 */
export function toFluentVariables(variables: TranslationVariables | undefined): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(variables ?? {})) {
    out[key] = value instanceof SafeHtml ? value.html : typeof value === "string" ? escapeHtml(value) : value;
  }
  return out;
}

/** Translation outside an update (jobs, notifications to other users). */
export interface Translator {
  t(locale: Locale, key: string, variables?: TranslationVariables): string;
}

/**
 * The Fluent bundles of locales/{uz,ru,en}. Unicode isolation marks are off: they would end up inside
 * HTML entities and URLs.
 */
export function createI18n<C extends Context>(defaultLocale: Locale, negotiate: (ctx: C) => Locale | undefined): I18n<C> {
  return new I18n<C>({
    defaultLocale,
    directory: LOCALES_DIR,
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => negotiate(ctx) ?? defaultLocale,
  });
}

export function translatorFrom<C extends Context>(i18n: I18n<C>): Translator {
  return {
    t: (locale, key, variables) => i18n.t(locale, key, toFluentVariables(variables)),
  };
}
