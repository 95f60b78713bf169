import { eq } from "drizzle-orm";
import type { Locale } from "../../config.js";
import type { Executor } from "../../db/client.js";
import { users } from "../../db/schema/index.js";
import { creditsText, type Translate } from "../payments/payment-notices.js";
import { effectiveLocale, isLocale } from "../users/user-profile.js";

/**
 * What a referrer is told. Plain JSON: it travels as a job payload, written in the transaction that
 * moved the money, so a notice exists exactly when its reward was committed.
 */
export type ReferralNotice =
  /** Someone joined through the referrer's link (accepted the terms); `bonus` may be 0. */
  | { kind: "joined"; referrerUserId: number; bonus: number }
  /** An invitee's purchase earned the referrer `bonus` credits. */
  | { kind: "purchase_bonus"; referrerUserId: number; bonus: number }
  /** That purchase was refunded and `deducted` credits of its bonus were taken back. */
  | { kind: "purchase_bonus_reversed"; referrerUserId: number; deducted: number };

/**
 * Hands a notice over for delivery inside the caller's transaction (the app enqueues a job with it), so
 * the sender never waits for Telegram and a rolled-back reward is never announced.
 */
export type ReferralNoticeSink = (tx: Executor, notice: ReferralNotice) => Promise<void>;

/** The notice's text in one language (the referrer's, not the invitee's: see the original W33). */
export function referralNoticeText(t: Translate, notice: ReferralNotice): string {
  switch (notice.kind) {
    case "joined":
      return notice.bonus > 0
        ? t("referral-notice-joined", { credits: creditsText(t, notice.bonus) })
        : t("referral-notice-joined-no-bonus");
    case "purchase_bonus":
      return t("referral-notice-purchase", { credits: creditsText(t, notice.bonus) });
    case "purchase_bonus_reversed":
      return t("referral-notice-reversed", { credits: creditsText(t, notice.deducted) });
  }
}

/** Where and in which language a notice goes; undefined when it must not go anywhere. */
export interface NoticeRecipient {
  telegramId: number;
  locale: Locale;
  /** Set while the user has blocked the bot: a message would only earn a 403. */
  blocked: boolean;
}

/** The referrer as a notice needs them; undefined for an erased account (no Telegram identity left). */
export async function findNoticeRecipient(db: Executor, userId: number, defaultLocale: Locale): Promise<NoticeRecipient | undefined> {
  const rows = await db
    .select({ telegramId: users.telegramId, locale: users.locale, languageCode: users.languageCode, blockedAt: users.blockedAt })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  const row = rows[0];
  if (!row || row.telegramId === null) return undefined;
  const locale = effectiveLocale({ locale: isLocale(row.locale) ? row.locale : null, languageCode: row.languageCode }, defaultLocale);
  return { telegramId: row.telegramId, locale, blocked: row.blockedAt !== null };
}
