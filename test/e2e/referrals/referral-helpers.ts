import { and, eq } from "drizzle-orm";
import { expect } from "vitest";
import type { Locale } from "../../../src/config.js";
import { ledgerEntries, referrals, users } from "../../../src/db/schema/index.js";
import { creditsText } from "../../../src/domain/payments/payment-notices.js";
import { referralNoticeText, type ReferralNotice } from "../../../src/domain/referrals/referral-notices.js";
import type { ReferralSettings } from "../../../src/domain/settings/business-settings.js";
import type { EmulatedMessage, UserActor } from "../../../src/sandbox/telegram-emulator/index.js";
import type { BotAppHarness } from "../../support/bot-app.js";
import { plainText } from "../../support/plain-text.js";
import { invoiceForPreset, moneyOf, translations } from "../payments/payment-helpers.js";

/** /start with the link → language → consent → home, as an invited user does it; the cursor stays before "I accept". */
export async function joinThroughLink(h: BotAppHarness, id: number, locale: Locale, code: string, firstName: string): Promise<UserActor> {
  const user = h.bot.user({ id, first_name: firstName, language_code: "de" });
  const { plain } = translations(h, locale);
  h.bot.markCalls();
  await user.sendText(`/start r_${code}`);
  const picker = await h.bot.waitForBotMessage(id);
  await user.pressButton(picker, `onb:lang:${locale}`);
  const consent = await h.bot.waitForBotMessage(id, (m) => m.text === plain("onboarding-consent"));
  h.bot.markCalls();
  await user.pressButton(consent, "onb:accept");
  await h.bot.waitForBotMessage(id, (m) => m.text === plain("home-welcome", { name: firstName }));
  return user;
}

/** Buys a preset through the real invoice and payment exchange; the cursor stays before the payment. */
export async function buy(h: BotAppHarness, user: UserActor, stars: number): Promise<string> {
  const invoice = await invoiceForPreset(h, user, stars);
  h.bot.markCalls();
  const outcome = await user.pay(invoice);
  expect(outcome.ok).toBe(true);
  await h.bot.waitForBotMessage(user.id, (m) => m.text?.startsWith("✅") ?? false);
  if (!outcome.chargeId) throw new Error("the payment has no charge id");
  return outcome.chargeId;
}

/** The /referral screen as the user sees it. */
export async function openReferral(h: BotAppHarness, user: UserActor): Promise<EmulatedMessage> {
  h.bot.markCalls();
  await user.sendText("/referral");
  return h.bot.waitForBotMessage(user.id);
}

/** What the /referral screen must say, built from the same messages the bot uses. */
export function expectedScreen(
  h: BotAppHarness,
  locale: Locale,
  screen: { link: string; joined: number; earned: number; rewards: ReferralSettings },
): string {
  const { t } = translations(h, locale);
  const { rewards } = screen;
  const rules = [
    rewards.joinBonus > 0 ? t("referral-rule-join", { credits: creditsText(t, rewards.joinBonus) }) : undefined,
    rewards.purchasePercent > 0 ? t("referral-rule-purchase", { percent: rewards.purchasePercent }) : undefined,
    rewards.welcomeBonus > 0 ? t("referral-rule-welcome", { credits: creditsText(t, rewards.welcomeBonus) }) : undefined,
  ].filter((line) => line !== undefined);
  return plainText(
    [
      t("referral-title"),
      "",
      ...(rules.length > 0 ? rules : [t("referral-no-rewards")]),
      "",
      t("referral-link", { link: screen.link }),
      "",
      t("referral-stats", { count: screen.joined, earned: creditsText(t, screen.earned) }),
    ].join("\n"),
  );
}

/** A notice as the referrer sees it, in their language. */
export function noticeText(h: BotAppHarness, locale: Locale, notice: ReferralNotice): string {
  return plainText(referralNoticeText(translations(h, locale).t, notice));
}

/** Everything the bot said in a chat, oldest first. */
export function botTexts(h: BotAppHarness, chatId: number): string[] {
  return h.bot
    .chat(chatId)
    .messages.filter((m) => m.from === "bot")
    .map((m) => m.text ?? "");
}

/** The link on a /referral screen and its share button's target. */
export function linkAndShare(screen: EmulatedMessage): { link: string; share: URL } {
  const link = /https:\/\/t\.me\/\S+\?start=r_[a-z2-7]+/.exec(screen.text ?? "")?.[0];
  const markup = screen.reply_markup;
  const button = markup && "inline_keyboard" in markup ? markup.inline_keyboard.flat().find((b) => "url" in b) : undefined;
  if (!link || !button || !("url" in button)) throw new Error(`no link or share button on: ${screen.text}`);
  return { link, share: new URL(button.url) };
}

/** Referral rows and the join bonuses paid for one invitee, straight from the database. */
export async function referralRecordOf(h: BotAppHarness, inviteeTelegramId: number) {
  const db = h.app.database.db;
  const { userId } = await moneyOf(h, inviteeTelegramId);
  const rows = await db.select().from(referrals).where(eq(referrals.inviteeUserId, userId));
  const bonuses = await db.select().from(ledgerEntries).where(eq(ledgerEntries.idempotencyKey, `referral:join:${userId}`));
  return { userId, rows, bonuses };
}

/** Ledger entries of one kind of a user. */
export async function entriesOf(h: BotAppHarness, telegramId: number, kind: string) {
  const { userId } = await moneyOf(h, telegramId);
  return h.app.database.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.userId, userId), eq(ledgerEntries.kind, kind)));
}

/** States of the referral-notice jobs for one referrer (pg-boss keeps finished jobs for an hour). */
export async function noticeJobStates(h: BotAppHarness, telegramId: number): Promise<Array<{ state: string; retries: number }>> {
  const [user] = await h.app.database.db.select({ id: users.id }).from(users).where(eq(users.telegramId, telegramId));
  const result = await h.app.database.executeSql(
    `select state, retry_count as retries from pgboss.job where name = 'referral-notice' and (data->>'referrerUserId')::bigint = $1`,
    [user!.id],
  );
  return result.rows.map((r) => ({ state: String(r.state), retries: Number(r.retries) }));
}
