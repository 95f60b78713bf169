import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
import { formatters, type Formatters } from "../format.js";
import { MESSAGES, type MessageKey } from "./messages.js";

export const LOCALE_CODES = ["en", "ru", "uz"] as const;
export type LocaleCode = (typeof LOCALE_CODES)[number];

const STORAGE_KEY = "bp-admin-locale";

/** Translates a key, filling {placeholders}. */
export type Translate = (key: MessageKey, variables?: Record<string, string | number>) => string;

interface I18n {
  locale: LocaleCode;
  setLocale(locale: LocaleCode): void;
  t: Translate;
  /** Whether a key built at runtime (a status, an error code) has a text. */
  has(key: string): key is MessageKey;
  f: Formatters;
}

const I18nContext = createContext<I18n | undefined>(undefined);

/** The admin's own choice, kept in this browser; the browser's language the first time. */
function initialLocale(): LocaleCode {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  if (LOCALE_CODES.some((code) => code === stored)) return stored as LocaleCode;
  const base = navigator.language.toLowerCase().split(/[-_]/)[0];
  return LOCALE_CODES.find((code) => code === base) ?? "en";
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<LocaleCode>(initialLocale);
  const value = useMemo<I18n>(() => {
    const messages = MESSAGES[locale];
    return {
      locale,
      setLocale: (next) => {
        window.localStorage.setItem(STORAGE_KEY, next);
        document.documentElement.lang = next;
        setLocaleState(next);
      },
      t: (key, variables) => messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => (variables && name in variables ? String(variables[name]) : whole)),
      has: (key): key is MessageKey => Object.hasOwn(messages, key),
      f: formatters(locale),
    };
  }, [locale]);
  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (value === undefined) throw new Error("useI18n outside I18nProvider");
  return value;
}
