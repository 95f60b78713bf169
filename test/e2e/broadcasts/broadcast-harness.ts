import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import { createApp, type App } from "../../../src/app.js";
import { createConfig } from "../../../src/config.js";
import { broadcastRecipients, broadcasts, users } from "../../../src/db/schema/index.js";
import type { ApiCallRecord, EmulatedBot, EmulatedMessage, TelegramEmulator, UserActor } from "../../../src/sandbox/telegram-emulator/index.js";
import { TEST_BOT_TOKEN } from "../../support/bot-app.js";
import { collectingLogger } from "../../support/collecting-logger.js";
import type { TestTarget } from "../../support/targets.js";
import { waitUntil } from "../../support/wait.js";

export const BROADCAST_ADMIN = 7_800_001;

/** A database that outlives one app: PGlite files in a temporary folder, or a PostgreSQL database. */
export async function durableDatabase(target: TestTarget): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  if (target.name === "postgres") {
    const database = await target.createDatabase();
    return { env: { DATABASE_URL: database.url! }, drop: () => database.drop() };
  }
  const dir = await mkdtemp(join(tmpdir(), "bananapics-broadcast-"));
  return { env: { DATA_DIR: dir }, drop: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * The real app (all roles) on a given database and emulator, with a given shared-store prefix: apps
 * started with the same prefix share the send rate, as workers of one deployment do.
 */
export async function startApp(
  target: TestTarget,
  emulator: TelegramEmulator,
  options: { env: Record<string, string>; kvPrefix: string },
): Promise<App> {
  const config = createConfig({
    BOT_TOKEN: TEST_BOT_TOKEN,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    HTTP_HOST: "127.0.0.1",
    HTTP_PORT: "0",
    DEFAULT_LOCALE: "en",
    ADMIN_IDS: String(BROADCAST_ADMIN),
    ...(target.redisUrl ? { REDIS_URL: target.redisUrl } : {}),
    ...options.env,
  });
  const { logger } = collectingLogger([TEST_BOT_TOKEN]);
  const app = await createApp(config, { roles: new Set(["bot", "http", "worker"]), logger, kvPrefix: options.kvPrefix, jobPollingIntervalSeconds: 0.5 });
  await app.start();
  return app;
}

export function emulatedBot(emulator: TelegramEmulator): EmulatedBot {
  try {
    return emulator.bot(TEST_BOT_TOKEN);
  } catch {
    return emulator.registerBot({ token: TEST_BOT_TOKEN, username: "bananapics_test_bot", firstName: "Bananapics" });
  }
}

/**
 * `count` users straight in the database, in the audience of every optional broadcast, and each one's
 * private chat made known to the emulator (Telegram answers "chat not found" for a chat that never
 * talked to the bot). The chat is made known with an update type the bot does not subscribe to, so the
 * bot never sees it: the users exist only as the database says.
 */
export async function seedRecipients(app: App, tg: EmulatedBot, firstTelegramId: number, count: number): Promise<number[]> {
  const ids = Array.from({ length: count }, (_, i) => firstTelegramId + i);
  await app.database.db.execute(sql`
    insert into ${users} (telegram_id, first_name, language_code, locale, accepted_policy_version, accepted_policy_at, broadcast_opt_in)
    select g, 'Reader ' || g, 'en', 'en', 1, now(), true from generate_series(${firstTelegramId}::bigint, ${firstTelegramId + count - 1}::bigint) as g`);
  for (const id of ids) {
    tg.pushUpdate({
      edited_message: { message_id: 1, date: 0, edit_date: 0, chat: { id, type: "private", first_name: `Reader ${id}` }, text: "hi" },
    } as Parameters<EmulatedBot["pushUpdate"]>[0]);
  }
  return ids;
}

/** Callback data of every inline button. */
export function callbacks(message: EmulatedMessage): string[] {
  const markup = message.reply_markup;
  if (!markup || !("inline_keyboard" in markup)) return [];
  return markup.inline_keyboard.flat().flatMap((b) => ("callback_data" in b && b.callback_data ? [b.callback_data] : []));
}

/**
 * The wizard's first steps as an admin walks them: /admin → Broadcasts → New → send the content.
 * Returns the audience screen.
 */
export async function composeBroadcastThroughTheBot(tg: EmulatedBot, admin: UserActor, send: () => Promise<unknown>): Promise<EmulatedMessage> {
  tg.markCalls();
  await admin.sendText("/admin");
  const menu = await tg.waitForBotMessage(admin.id, (m) => callbacks(m).includes("adm:bc"));
  tg.markCalls();
  await admin.pressButton(menu, "adm:bc");
  const list = await tg.waitForBotMessage(admin.id, (m) => callbacks(m).includes("adm:bcnew"));
  tg.markCalls();
  await admin.pressButton(list, "adm:bcnew");
  await tg.waitForBotMessage(admin.id, (m) => callbacks(m).includes("adm:cancel"));
  tg.markCalls();
  await send();
  return tg.waitForBotMessage(admin.id, (m) => callbacks(m).some((d) => d.startsWith("adm:bca:")));
}

/**
 * The wizard as an admin walks it: send the content → pick the audience → no button → Start. Returns
 * the broadcast id.
 */
export async function startBroadcastThroughTheBot(
  tg: EmulatedBot,
  admin: UserActor,
  send: () => Promise<unknown>,
  audience = "all",
  button?: string,
): Promise<number> {
  const audiences = await composeBroadcastThroughTheBot(tg, admin, send);
  const choice = callbacks(audiences).find((d) => d.endsWith(`:${audience}`) && (d.startsWith("adm:bca:") || d.startsWith("adm:bcl:")));
  if (!choice) throw new Error(`no audience button for ${audience}`);
  const broadcastId = Number(choice.split(":")[2]);
  tg.markCalls();
  await admin.pressButton(audiences, choice);
  const question = await tg.waitForBotMessage(admin.id, (m) => callbacks(m).includes(`adm:bcnobtn:${broadcastId}`));
  tg.markCalls();
  if (button) {
    await admin.pressButton(question, `adm:bcbtn:${broadcastId}`);
    await tg.waitForBotMessage(admin.id, (m) => callbacks(m).includes("adm:cancel"));
    tg.markCalls();
    await admin.sendText(button);
  } else {
    await admin.pressButton(question, `adm:bcnobtn:${broadcastId}`);
  }
  const confirm = await tg.waitForBotMessage(admin.id, (m) => callbacks(m).includes(`adm:bcgo:${broadcastId}`));
  tg.markCalls();
  await admin.pressButton(confirm, `adm:bcgo:${broadcastId}`);
  await tg.waitForBotMessage(admin.id, (m) => callbacks(m).includes(`bcast:pause:${broadcastId}`));
  return broadcastId;
}

/** Copies the broadcast sent to recipients (not the admin's previews). */
export function broadcastCopies(tg: EmulatedBot, since = 0): ApiCallRecord[] {
  return tg.calls.slice(since).filter((c) => c.method === "copyMessage" && Number(c.payload.chat_id) !== BROADCAST_ADMIN);
}

/** The largest number of calls that arrived within one wall-clock second. */
export function busiestSecond(calls: ApiCallRecord[]): number {
  const buckets = new Map<number, number>();
  for (const call of calls) buckets.set(Math.floor(call.at / 1000), (buckets.get(Math.floor(call.at / 1000)) ?? 0) + 1);
  return Math.max(0, ...buckets.values());
}

export async function broadcastRow(app: App, id: number) {
  const [row] = await app.database.db.select().from(broadcasts).where(eq(broadcasts.id, id));
  if (!row) throw new Error(`no broadcast ${id}`);
  return row;
}

export async function waitForStatus(app: App, id: number, status: string, timeoutMs: number): Promise<void> {
  await waitUntil(async () => (await broadcastRow(app, id)).status === status, `broadcast ${id} is ${status}`, timeoutMs);
}

export async function recipientStatuses(app: App, id: number): Promise<Map<number, string>> {
  const rows = await app.database.db
    .select({ telegramId: users.telegramId, status: broadcastRecipients.status })
    .from(broadcastRecipients)
    .innerJoin(users, eq(users.id, broadcastRecipients.userId))
    .where(eq(broadcastRecipients.broadcastId, id));
  return new Map(rows.map((r) => [r.telegramId!, r.status]));
}
