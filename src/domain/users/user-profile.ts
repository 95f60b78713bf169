import { LOCALES, type Locale } from "../../config.js";
import type { UserRow } from "../../db/schema/index.js";

/**
 * What the bot needs to know about a user on every update. Plain JSON (times as epoch ms) so it can sit
 * in the shared cache; loaded by the user upsert, so the ban and consent checks cost no extra query.
 */
export interface UserProfile {
  id: number;
  telegramId: number;
  username: string | null;
  firstName: string | null;
  lastName: string | null;
  languageCode: string | null;
  locale: Locale | null;
  acceptedPolicyVersion: number | null;
  broadcastOptIn: boolean;
  galleryOptIn: boolean;
  galleryReferencesOptIn: boolean;
  /** When the account will be erased (epoch ms); set while a deletion request is pending. */
  deletionDueAt: number | null;
  /** Why it is pending (see src/domain/privacy/deletion-reasons.ts); null when no deletion is pending. */
  deletionReason: string | null;
  banned: boolean;
  banReason: string | null;
  blockedAt: number | null;
  createdAt: number;
  lastSeenAt: number;
  /**
   * When the row last changed (epoch ms). Every write through UserService moves it forward by at least
   * a millisecond, so it orders two copies of the profile: the cache never replaces a newer one.
   */
  updatedAt: number;
}

export function toUserProfile(row: UserRow): UserProfile {
  if (row.telegramId === null) throw new Error(`user ${row.id} has been erased and has no Telegram identity`);
  return {
    id: row.id,
    telegramId: row.telegramId,
    username: row.username,
    firstName: row.firstName,
    lastName: row.lastName,
    languageCode: row.languageCode,
    locale: isLocale(row.locale) ? row.locale : null,
    acceptedPolicyVersion: row.acceptedPolicyVersion,
    broadcastOptIn: row.broadcastOptIn,
    galleryOptIn: row.galleryOptIn,
    galleryReferencesOptIn: row.galleryReferencesOptIn,
    deletionDueAt: row.deletionDueAt?.getTime() ?? null,
    deletionReason: row.deletionReason,
    banned: row.banned,
    banReason: row.banReason,
    blockedAt: row.blockedAt?.getTime() ?? null,
    createdAt: row.createdAt.getTime(),
    lastSeenAt: row.lastSeenAt.getTime(),
    updatedAt: row.updatedAt.getTime(),
  };
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The chosen language, else Telegram's language_code when we speak it ("ru-RU" counts as ru), else
 * the deployment default.
 */
export function effectiveLocale(user: Pick<UserProfile, "locale" | "languageCode">, fallback: Locale): Locale {
  if (user.locale) return user.locale;
  const hinted = user.languageCode?.toLowerCase().split(/[-_]/)[0];
  return isLocale(hinted) ? hinted : fallback;
}

/** Paid and generation features need the current Terms and Privacy Policy accepted. */
export function hasAcceptedCurrentPolicy(user: Pick<UserProfile, "acceptedPolicyVersion">, currentVersion: number): boolean {
  return user.acceptedPolicyVersion !== null && user.acceptedPolicyVersion >= currentVersion;
}

/** A display name built only from what Telegram gave us; callers escape it before putting it in HTML. */
export function displayName(user: Pick<UserProfile, "firstName" | "lastName" | "username" | "telegramId">): string {
  const full = [user.firstName, user.lastName].filter((p) => p && p.trim() !== "").join(" ");
  if (full) return full;
  if (user.username) return `@${user.username}`;
  return String(user.telegramId);
}
