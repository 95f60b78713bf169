import type { LocaleCode } from "./i18n/i18n.js";

const TAGS: Record<LocaleCode, string> = { en: "en-GB", ru: "ru-RU", uz: "uz-Latn-UZ" };

/** Formatters for one language; dates in the browser's own zone. */
export function formatters(locale: LocaleCode) {
  const tag = TAGS[locale];
  const integer = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const money = new Intl.NumberFormat(tag, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeStyle: "short" });
  const dayMonth = new Intl.DateTimeFormat(tag, { day: "numeric", month: "short", timeZone: "UTC" });
  return {
    n: (value: number) => integer.format(value),
    usd: (value: number) => `$${money.format(value)}`,
    percent: (rate: number | null) => (rate === null ? "—" : `${(Math.round(rate * 1000) / 10).toFixed(1)} %`),
    dateTime: (iso: string | null) => (iso === null ? "—" : dateTime.format(new Date(iso))),
    /** "2026-11-27" (a calendar day, not an instant) as "27 Nov". */
    day: (date: string) => dayMonth.format(new Date(`${date}T00:00:00Z`)),
    signed: (value: number) => (value > 0 ? `+${integer.format(value)}` : `−${integer.format(Math.abs(value))}`),
  };
}

export type Formatters = ReturnType<typeof formatters>;

/** "Ada Lovelace (@ada)", or the Telegram id when there is no name. */
export function personName(user: { firstName: string | null; lastName?: string | null; username: string | null; telegramId: number | null }): string {
  const name = [user.firstName, user.lastName].filter(Boolean).join(" ").trim();
  if (name && user.username) return `${name} (@${user.username})`;
  if (name) return name;
  if (user.username) return `@${user.username}`;
  return user.telegramId === null ? "—" : String(user.telegramId);
}
