import { eq } from "drizzle-orm";
import sharp from "sharp";
import { ledgerEntries, users } from "../../../src/db/schema/index.js";
import { credit } from "../../../src/domain/ledger/ledger.js";
import { LEDGER_KINDS } from "../../../src/domain/ledger/ledger-kinds.js";
import type { Locale } from "../../../src/config.js";
import { startFakeWavespeed, type FakeWavespeed } from "../../../src/sandbox/fake-wavespeed/index.js";
import type { EmulatedMessage, UserActor } from "../../../src/sandbox/telegram-emulator/index.js";
import { startBotApp, type BotAppHarness } from "../../support/bot-app.js";
import type { TestTarget } from "../../support/targets.js";

export const PROVIDER_KEY = "test-provider-key-0123456789";

export interface GenerationHarness extends BotAppHarness {
  provider: FakeWavespeed;
}

/** The real app with the worker, against the Telegram emulator and the fake provider. */
export async function startGenerationApp(target: TestTarget, env: Record<string, string> = {}): Promise<GenerationHarness> {
  const provider = await startFakeWavespeed({ apiKey: PROVIDER_KEY, latencyMs: 200 });
  const harness = await startBotApp(target, {
    env: { WAVESPEED_API_KEY: PROVIDER_KEY, WAVESPEED_BASE_URL: provider.baseUrl, ...env },
  });
  return {
    ...harness,
    provider,
    async stop() {
      await harness.stop();
      await provider.stop();
    },
  };
}

/** A user who went through onboarding in `locale` and holds `credits`. */
export async function readyUser(h: BotAppHarness, id: number, locale: Locale, credits: number): Promise<UserActor> {
  const user = h.bot.user({ id, first_name: `U${id}`, language_code: locale });
  h.bot.markCalls();
  await user.sendText("/start");
  const picker = await h.bot.waitForBotMessage(id);
  await user.pressButton(picker, `onb:lang:${locale}`);
  const consent = await h.bot.waitForBotMessage(id, (m) => buttonData(m).includes("onb:accept"));
  await user.pressButton(consent, "onb:accept");
  await h.bot.waitForBotMessage(id, (m) => buttonData(m).includes("home:create"));
  if (credits > 0) {
    const row = await userRow(h, id);
    await credit(h.app.database.db, {
      userId: row.id,
      amount: credits,
      kind: LEDGER_KINDS.adminAdjustment,
      reference: "test",
      idempotencyKey: `test-credit:${id}:${credits}`,
      note: "test setup",
    });
  }
  return user;
}

export async function userRow(h: BotAppHarness, telegramId: number) {
  const rows = await h.app.database.db.select().from(users).where(eq(users.telegramId, telegramId));
  if (!rows[0]) throw new Error(`no user ${telegramId}`);
  return rows[0];
}

export async function ledgerOf(h: BotAppHarness, telegramId: number) {
  const row = await userRow(h, telegramId);
  const entries = await h.app.database.db.select().from(ledgerEntries).where(eq(ledgerEntries.userId, row.id));
  return { balance: row.balance, entries, sum: entries.reduce((s, e) => s + e.delta, 0) };
}

export function buttonData(message: EmulatedMessage): string[] {
  const markup = message.reply_markup;
  if (!markup || !("inline_keyboard" in markup)) return [];
  return markup.inline_keyboard.flat().map((b) => ("callback_data" in b ? String(b.callback_data) : ""));
}

export function buttonTexts(message: EmulatedMessage): string[] {
  const markup = message.reply_markup;
  if (!markup || !("inline_keyboard" in markup)) return [];
  return markup.inline_keyboard.flat().map((b) => b.text);
}

/** The Generate button of a draft menu: its data and the price its text shows. */
export function generateButton(menu: EmulatedMessage): { data: string; price: number | "trial" } {
  const data = buttonData(menu).find((d) => d.startsWith("g:go:"));
  if (!data) throw new Error(`no Generate button in ${JSON.stringify(menu.reply_markup)}`);
  const shown = data.split(":")[3];
  return { data, price: shown === "trial" ? "trial" : Number(shown) };
}

/** A solid-colour image, so tests can find it again in the output. */
export async function solidImage(color: { r: number; g: number; b: number }, format: "png" | "jpeg" = "png"): Promise<Buffer> {
  const image = sharp({ create: { width: 64, height: 48, channels: 3, background: color } });
  return format === "png" ? image.png().toBuffer() : image.jpeg().toBuffer();
}
