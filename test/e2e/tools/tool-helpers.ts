import { eq } from "drizzle-orm";
import { generations, type GenerationRow } from "../../../src/db/schema/index.js";
import type { Locale } from "../../../src/config.js";
import type { TranslationVariables } from "../../../src/i18n/translator.js";
import type { EmulatedMessage, UserActor } from "../../../src/sandbox/telegram-emulator/index.js";
import { TEST_BOT_TOKEN, type BotAppHarness } from "../../support/bot-app.js";
import { plainText } from "../../support/plain-text.js";
import { buttonData, userRow } from "../generation/generation-harness.js";

/** Texts as a user of `locale` sees them (tags removed, entities decoded). */
export function textsIn(h: BotAppHarness, locale: Locale) {
  const html = (key: string, vars?: TranslationVariables) => h.app.translator.t(locale, key, vars);
  return { html, plain: (key: string, vars?: TranslationVariables) => plainText(html(key, vars)) };
}

/** Sends a photo without a caption and returns the bot's answer carrying the tool buttons. */
export async function sendPictureForTools(h: BotAppHarness, id: number, user: UserActor, image: Buffer): Promise<{ photo: number; offer: EmulatedMessage }> {
  h.bot.markCalls();
  const photo = await user.sendPhoto({ image });
  const offer = await h.bot.waitForBotMessage(id, (m) => buttonData(m).some((d) => d.startsWith("tl:o:")), 10_000);
  return { photo: photo.message_id, offer };
}

/** Presses a tool (or option) button and waits for the tool screen it opens, edited in place. */
export async function pressForScreen(h: BotAppHarness, id: number, user: UserActor, message: EmulatedMessage | number, data: string): Promise<EmulatedMessage> {
  const messageId = typeof message === "number" ? message : message.message_id;
  h.bot.markCalls();
  await user.pressButton(messageId, data);
  return h.bot.waitForBotMessage(id, (m) => m.message_id === messageId && m.edited && buttonData(m).some((d) => d.startsWith("tl:go:")));
}

/** The tool button of an offer for this tool key. */
export function toolButton(offer: EmulatedMessage, toolKey: string): string {
  const data = buttonData(offer).find((d) => d.startsWith("tl:o:") && d.split(":")[3] === toolKey);
  if (!data) throw new Error(`no ${toolKey} button in ${JSON.stringify(offer.reply_markup)}`);
  return data;
}

/** The Start button of a tool screen: its data and the price it carries. */
export function startButton(screen: EmulatedMessage): { data: string; price: number } {
  const data = buttonData(screen).find((d) => d.startsWith("tl:go:"));
  if (!data) throw new Error(`no Start button in ${JSON.stringify(screen.reply_markup)}`);
  return { data, price: Number(data.split(":").at(-1)) };
}

/** The user's generation rows (tool runs included), oldest first. */
export async function runsOf(h: BotAppHarness, telegramId: number): Promise<GenerationRow[]> {
  const user = await userRow(h, telegramId);
  return h.app.database.db.select().from(generations).where(eq(generations.userId, user.id)).orderBy(generations.id);
}

/** The bytes of a file the bot sent, downloaded through the Bot API like any client would. */
export async function downloadBotFile(h: BotAppHarness, fileId: string): Promise<Buffer> {
  const file = await h.app.bot!.api.getFile(fileId);
  const response = await fetch(`${h.emulator.apiRoot}/file/bot${TEST_BOT_TOKEN}/${file.file_path ?? ""}`);
  if (!response.ok) throw new Error(`download of ${fileId} answered ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}
