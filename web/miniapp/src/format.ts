import type { ModelView } from "../../../src/http/routes/miniapp/api-types.js";
import { ApiError, NetworkError } from "./api/client.js";
import type { Translate } from "./i18n/messages.js";

/** "1,250 credits" / "1 250 кредитов" / "1 250 kredit". */
export function credits(t: Translate, count: number): string {
  return t("miniapp-credits", { count });
}

export function parameterName(t: Translate, name: string): string {
  return t(`miniapp-param-${name}`);
}

/** Values as people read them: sizes with a multiplication sign, words translated, "2k" as "2K". */
export function parameterValue(t: Translate, value: string | undefined): string {
  if (value === undefined) return t("miniapp-param-default");
  if (/^\d+\*\d+$/.test(value)) return value.replace("*", "×");
  if (["auto", "low", "medium", "high"].includes(value)) return t(`miniapp-value-${value}`);
  return value.replace(/^(\d+)k$/, "$1K");
}

/** "10–30 s", or minutes once a run may take a minute or more. */
export function typicalTime(t: Translate, model: Pick<ModelView, "typicalSeconds">): string {
  const { min, max } = model.typicalSeconds;
  if (max >= 60) return t("miniapp-minutes", { min: Math.max(1, Math.round(min / 60)), max: Math.ceil(max / 60) });
  return t("miniapp-seconds", { min, max });
}

export function qualityStars(stars: number): string {
  const n = Math.max(0, Math.min(5, Math.round(stars)));
  return "★".repeat(n) + "☆".repeat(5 - n);
}

/** The localized message for an API refusal, filled in with its details (and `extra`, e.g. a file name). */
export function errorText(t: Translate, error: unknown, extra: Record<string, string | number> = {}): string {
  if (error instanceof NetworkError) return t("miniapp-error-network");
  if (error instanceof ApiError) {
    const key = `miniapp-error-${error.code}`;
    const text = t(key, { ...error.details, ...extra });
    if (text !== key) return text;
  }
  return t("miniapp-error-generic");
}

export function shortDate(locale: string, iso: string): string {
  const date = new Date(iso);
  const sameDay = date.toDateString() === new Date().toDateString();
  return new Intl.DateTimeFormat(locale, sameDay ? { hour: "2-digit", minute: "2-digit" } : { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }).format(date);
}
