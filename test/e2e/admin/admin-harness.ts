import { eq } from "drizzle-orm";
import type { Locale } from "../../../src/config.js";
import { adminAuditLog, users } from "../../../src/db/schema/index.js";
import type { EmulatedMessage, UserActor } from "../../../src/sandbox/telegram-emulator/index.js";
import { startBotApp, type BotAppHarness, type BotAppOptions } from "../../support/bot-app.js";
import { plainText } from "../../support/plain-text.js";
import type { TestTarget } from "../../support/targets.js";
import { waitUntil } from "../../support/wait.js";

/** The admin of these tests; everyone else is an ordinary user. */
export const ADMIN_ID = 7_770_001;

/** The real app with ADMIN_IDS set. */
export function startAdminApp(target: TestTarget, options: BotAppOptions = {}): Promise<BotAppHarness> {
  return startBotApp(target, { ...options, env: { ADMIN_IDS: String(ADMIN_ID), ...options.env } });
}

/** A text as the user sees it (HTML removed), from the app's own translator. */
export function seen(h: BotAppHarness, locale: Locale, key: string, vars?: Parameters<BotAppHarness["app"]["translator"]["t"]>[2]): string {
  return plainText(h.app.translator.t(locale, key, vars));
}

/** The admin's chat actor (talked to the bot once, so the chat exists). */
export async function adminActor(h: BotAppHarness, firstName = "Ada"): Promise<UserActor> {
  const admin = h.bot.user({ id: ADMIN_ID, first_name: firstName, language_code: "en" });
  h.bot.markCalls();
  await admin.sendText("/admin");
  await h.bot.waitForBotMessage(ADMIN_ID, (m) => m.text === seen(h, "en", "admin-menu-title"));
  return admin;
}

/** Callback data of every inline button. */
export function callbacks(message: EmulatedMessage): string[] {
  const markup = message.reply_markup;
  if (!markup || !("inline_keyboard" in markup)) return [];
  return markup.inline_keyboard.flat().flatMap((b) => ("callback_data" in b && b.callback_data ? [b.callback_data] : []));
}

/** Presses a button and waits for the bot's next message or edit in that chat that matches. */
export async function press(h: BotAppHarness, actor: UserActor, message: EmulatedMessage | number, data: string, until?: (m: EmulatedMessage) => boolean): Promise<EmulatedMessage> {
  h.bot.markCalls();
  await actor.pressButton(message, data);
  return h.bot.waitForBotMessage(actor.id, until);
}

/** Sends a text and waits for the bot's answer that matches. */
export async function say(h: BotAppHarness, actor: UserActor, text: string, until?: (m: EmulatedMessage) => boolean): Promise<EmulatedMessage> {
  h.bot.markCalls();
  await actor.sendText(text);
  return h.bot.waitForBotMessage(actor.id, until);
}

export async function userRow(h: BotAppHarness, telegramId: number) {
  const [row] = await h.app.database.db.select().from(users).where(eq(users.telegramId, telegramId));
  if (!row) throw new Error(`no user ${telegramId}`);
  return row;
}

export async function auditOf(h: BotAppHarness, userId: number) {
  return h.app.database.db.select().from(adminAuditLog).where(eq(adminAuditLog.targetUserId, userId)).orderBy(adminAuditLog.id);
}

/** A forged button press, as a client could send one for a button it was never shown. */
export function forgePress(h: BotAppHarness, from: { id: number; first_name: string }, data: string): string {
  const id = `forged-${from.id}-${Math.random().toString(36).slice(2)}`;
  h.bot.pushUpdate({
    callback_query: {
      id,
      from: { id: from.id, is_bot: false, first_name: from.first_name },
      chat_instance: "x",
      data,
      message: { message_id: 1, date: 0, chat: { id: from.id, type: "private", first_name: from.first_name } },
    },
  });
  return id;
}

/** The newest bot message in the chat that carries this button (menus are edited in place, cards re-sent). */
export async function latestWith(h: BotAppHarness, chatId: number, data: string): Promise<EmulatedMessage> {
  const find = () => h.bot.chat(chatId).messages.filter((m) => m.from === "bot" && callbacks(m).includes(data)).at(-1);
  await waitUntil(() => find() !== undefined, `a message in chat ${chatId} has the button ${data}`);
  return find()!;
}

/** /admin → Users → the user's Telegram id → their card. */
export async function openCard(h: BotAppHarness, admin: UserActor, telegramId: number): Promise<EmulatedMessage> {
  const menu = await say(h, admin, "/admin", (m) => callbacks(m).includes("adm:users"));
  await press(h, admin, menu, "adm:users", (m) => callbacks(m).includes("adm:cancel"));
  return say(h, admin, String(telegramId), (m) => (m.text ?? "").includes(`Telegram id ${telegramId}`));
}
