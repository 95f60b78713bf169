import { eq, sql } from "drizzle-orm";
import type { Locale } from "../../../src/config.js";
import { ledgerEntries, users } from "../../../src/db/schema/index.js";
import { createOrder, type StarOrder } from "../../../src/domain/payments/orders.js";
import type { Translate } from "../../../src/domain/payments/payment-notices.js";
import { quoteTopUp } from "../../../src/domain/payments/top-up-amount.js";
import type { EmulatedMessage, UserActor } from "../../../src/sandbox/telegram-emulator/index.js";
import type { BotAppHarness } from "../../support/bot-app.js";
import { plainText } from "../../support/plain-text.js";

/** Translations as the user sees them (HTML removed), built by the app's own translator. */
export function translations(h: BotAppHarness, locale: Locale): { t: Translate; plain: (key: string, vars?: Record<string, string | number>) => string } {
  const t: Translate = (key, vars) => h.app.translator.t(locale, key, vars);
  return { t, plain: (key, vars) => plainText(t(key, vars)) };
}

/** /start → language → consent → home, as a new user would do it. */
export async function onboard(h: BotAppHarness, id: number, locale: Locale, firstName = "Ann"): Promise<UserActor> {
  const user = h.bot.user({ id, first_name: firstName, language_code: "de" });
  const { plain } = translations(h, locale);
  h.bot.markCalls();
  await user.sendText("/start");
  const picker = await h.bot.waitForBotMessage(id);
  await user.pressButton(picker, `onb:lang:${locale}`);
  const consent = await h.bot.waitForBotMessage(id, (m) => m.text === plain("onboarding-consent"));
  h.bot.markCalls();
  await user.pressButton(consent, "onb:accept");
  await h.bot.waitForBotMessage(id, (m) => m.text === plain("home-welcome", { name: firstName }));
  return user;
}

/** The user's balance and the sum of their ledger, straight from the database. */
export async function moneyOf(h: BotAppHarness, telegramId: number): Promise<{ userId: number; balance: number; ledgerSum: number; entries: number }> {
  const db = h.app.database.db;
  const [user] = await db.select({ id: users.id, balance: users.balance }).from(users).where(eq(users.telegramId, telegramId));
  if (!user) throw new Error(`no user ${telegramId}`);
  const [sum] = await db
    .select({ sum: sql<string>`coalesce(sum(${ledgerEntries.delta}), 0)`, entries: sql<number>`count(*)::int` })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.userId, user.id));
  return { userId: user.id, balance: user.balance, ledgerSum: Number(sum?.sum ?? 0), entries: sum?.entries ?? 0 };
}

/** Callback data of every inline button, row by row flattened. */
export function buttonData(message: EmulatedMessage): string[] {
  const markup = message.reply_markup;
  if (!markup || !("inline_keyboard" in markup)) return [];
  return markup.inline_keyboard.flat().map((b) => ("callback_data" in b ? b.callback_data : b.text));
}

/** Walks /topup → preset → Pay and returns the invoice message. */
export async function invoiceForPreset(h: BotAppHarness, user: UserActor, stars: number): Promise<EmulatedMessage> {
  h.bot.markCalls();
  await user.sendText("/topup");
  const menu = await h.bot.waitForBotMessage(user.id, (m) => buttonData(m).includes(`topup:pick:${stars}`));
  h.bot.markCalls();
  await user.pressButton(menu, `topup:pick:${stars}`);
  const confirmation = await h.bot.waitForBotMessage(user.id, (m) => buttonData(m).includes(`topup:pay:${stars}`));
  h.bot.markCalls();
  await user.pressButton(confirmation, `topup:pay:${stars}`);
  return h.bot.waitForBotMessage(user.id, (m) => m.invoice !== undefined);
}

/** Sends an invoice the way the bot does, but with terms a test chooses (what a forged client could present). */
export async function sendForgedInvoice(h: BotAppHarness, chatId: number, payload: string, stars: number) {
  h.bot.markCalls();
  await h.app.bot!.api.sendInvoice(chatId, "Forged", "Forged invoice", payload, "XTR", [{ label: "Forged", amount: stars }]);
  return h.bot.waitForBotMessage(chatId, (m) => m.invoice !== undefined);
}

/** An order made directly in the domain (whatever the payment switch says), as /topup would make it. */
export async function orderFor(h: BotAppHarness, telegramId: number, stars = 70): Promise<StarOrder> {
  const { userId } = await moneyOf(h, telegramId);
  const settings = h.app.config.payments;
  return createOrder(h.app.database.db, { userId, quote: quoteTopUp(stars, { ...settings, enabled: true }) }, settings);
}
