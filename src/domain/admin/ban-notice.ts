import type { Translate } from "../payments/payment-notices.js";

/**
 * What a user is told when an admin bans or unbans them, in the user's language: the ban with its
 * reason, or that they may use the bot again. The bot menu and the web panel send the same words.
 */
export function banNoticeText(t: Translate, user: { banned: boolean; banReason: string | null }): string {
  return user.banned ? t("banned", { reason: user.banReason ?? "" }) : t("admin-notice-unbanned");
}
