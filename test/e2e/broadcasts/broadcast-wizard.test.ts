import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../../src/app.js";
import { adminAuditLog, users } from "../../../src/db/schema/index.js";
import { ADMIN_ACTIONS } from "../../../src/domain/admin/audit-log.js";
import { recipientCounts } from "../../../src/domain/broadcasts/recipients.js";
import { startTelegramEmulator, type EmulatedBot, type TelegramEmulator } from "../../../src/sandbox/telegram-emulator/index.js";
import { plainText } from "../../support/plain-text.js";
import { TEST_TARGETS, uniquePrefix } from "../../support/targets.js";
import { sleep, waitUntil } from "../../support/wait.js";
import {
  BROADCAST_ADMIN,
  broadcastCopies,
  broadcastRow,
  busiestSecond,
  callbacks,
  composeBroadcastThroughTheBot,
  durableDatabase,
  emulatedBot,
  seedRecipients,
  startApp,
  startBroadcastThroughTheBot,
  waitForStatus,
} from "./broadcast-harness.js";

let nextFirstId = 8_100_000;

describe.each(TEST_TARGETS)("broadcasts through the admin menu on $name", (target) => {
  let emulator: TelegramEmulator;
  let tg: EmulatedBot;
  let app: App;
  let database: Awaited<ReturnType<typeof durableDatabase>>;

  beforeAll(async () => {
    emulator = await startTelegramEmulator();
    tg = emulatedBot(emulator);
    database = await durableDatabase(target);
    // The default rate: BROADCAST_RATE_PER_SECOND is not set.
    app = await startApp(target, emulator, { env: database.env, kvPrefix: uniquePrefix() });
  });
  afterAll(async () => {
    await app?.stop();
    await emulator?.stop();
    await database?.drop();
  });

  /** Recipients of this test only: everyone seeded before leaves the audience. */
  async function freshRecipients(count: number): Promise<number[]> {
    await app.database.db.update(users).set({ broadcastOptIn: false });
    const first = (nextFirstId += 1000);
    return seedRecipients(app, tg, first, count);
  }

  const en = (key: string, vars?: Record<string, string | number>) => plainText(app.translator.t("en", key, vars));
  const admin = () => tg.user({ id: BROADCAST_ADMIN, first_name: "Ada", language_code: "en" });

  it("keeps to the default 25 messages per second", async () => {
    const ids = await freshRecipients(60);
    const since = tg.calls.length;
    const started = Date.now();
    const id = await startBroadcastThroughTheBot(tg, admin(), () => admin().sendText("Hello from the default rate"));
    await waitForStatus(app, id, "completed", 20_000);
    const copies = broadcastCopies(tg, since);
    expect(copies.filter((c) => c.ok)).toHaveLength(60);
    expect(busiestSecond(copies)).toBeLessThanOrEqual(25);
    // 60 messages at 25 per second take more than two seconds.
    expect(Date.now() - started).toBeGreaterThan(2000);
    for (const chat of ids) expect(tg.chat(chat).messages.filter((m) => m.from === "bot")).toHaveLength(1);
  });

  it("copies the admin's photo with its caption, and a text with its entities, plus the link button", async () => {
    const ids = await freshRecipients(3);
    const photoBroadcast = await startBroadcastThroughTheBot(
      tg,
      admin(),
      () => admin().sendPhoto({ caption: "New model: try it <now> & enjoy" }),
      "all",
      "Open the shop | https://example.com/shop?a=1&b=2",
    );
    await waitForStatus(app, photoBroadcast, "completed", 20_000);
    for (const chat of ids) {
      const [copy] = tg.chat(chat).messages.filter((m) => m.from === "bot");
      expect(copy?.photo?.length).toBeGreaterThan(0);
      expect(copy?.caption).toBe("New model: try it <now> & enjoy");
      expect(copy?.reply_markup).toEqual({ inline_keyboard: [[{ text: "Open the shop", url: "https://example.com/shop?a=1&b=2" }]] });
    }
    const textBroadcast = await startBroadcastThroughTheBot(tg, admin(), () => admin().sendText("Try /topup today, or /help"));
    await waitForStatus(app, textBroadcast, "completed", 20_000);
    const source = tg.chat(BROADCAST_ADMIN).messages.filter((m) => m.from === "user" && m.text === "Try /topup today, or /help").at(-1)!;
    for (const chat of ids) {
      const copy = tg.chat(chat).messages.filter((m) => m.from === "bot").at(-1)!;
      expect(copy.text).toBe(source.text);
      expect(copy.entities).toEqual(source.entities);
      expect(copy.reply_markup).toBeUndefined();
    }
  });

  it("reaches only the chosen language, never banned, blocked or opted-out users, and shows the count", async () => {
    const ids = await freshRecipients(8);
    const db = app.database.db;
    const set = async (telegramId: number, values: Partial<typeof users.$inferInsert>) => db.update(users).set(values).where(eq(users.telegramId, telegramId));
    for (const id of ids.slice(0, 5)) await set(id, { locale: "ru" });
    await set(ids[5]!, { locale: "ru", banned: true, banReason: "spam" });
    await set(ids[6]!, { locale: "ru", blockedAt: new Date() });
    await set(ids[7]!, { locale: "ru" });
    await db.execute(sql`update users set broadcast_opt_in = false where telegram_id = ${ids[7]!}`);

    const audiences = await composeBroadcastThroughTheBot(tg, admin(), () => admin().sendText("Привет!"));
    const markup = audiences.reply_markup as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
    const ru = markup.inline_keyboard.flat().find((b) => b.callback_data.endsWith(":ru"))!;
    expect(ru.text).toBe(en("broadcast-audience-button", { audience: en("broadcast-audience-language", { language: en("language-name-ru") }), count: 5 }));
    const broadcastId = Number(ru.callback_data.split(":")[2]);
    tg.markCalls();
    await admin().pressButton(audiences, ru.callback_data);
    const question = await tg.waitForBotMessage(BROADCAST_ADMIN, (m) => callbacks(m).includes(`adm:bcnobtn:${broadcastId}`));
    tg.markCalls();
    await admin().pressButton(question, `adm:bcnobtn:${broadcastId}`);
    const confirm = await tg.waitForBotMessage(BROADCAST_ADMIN, (m) => callbacks(m).includes(`adm:bcgo:${broadcastId}`));
    expect(confirm.text).toContain("5");
    tg.markCalls();
    await admin().pressButton(confirm, `adm:bcgo:${broadcastId}`);
    await waitForStatus(app, broadcastId, "completed", 20_000);
    for (const [index, chat] of ids.entries()) {
      expect(tg.chat(chat).messages.filter((m) => m.from === "bot").length, `chat ${index}`).toBe(index < 5 ? 1 : 0);
    }
    expect((await broadcastRow(app, broadcastId)).total).toBe(5);
    // A second press of Start (an old copy of the button) starts nothing twice.
    tg.markCalls();
    tg.pushUpdate({
      callback_query: {
        id: `again-${broadcastId}`,
        from: { id: BROADCAST_ADMIN, is_bot: false, first_name: "Ada" },
        chat_instance: "x",
        data: `adm:bcgo:${broadcastId}`,
        message: { message_id: confirm.message_id, date: 0, chat: { id: BROADCAST_ADMIN, type: "private", first_name: "Ada" } },
      },
    });
    await tg.waitForBotMessage(BROADCAST_ADMIN, (m) => m.text === en("broadcast-error-state", { status: en("broadcast-status-completed") }));
  });

  it("pause, resume and cancel from the progress message, audited; the summary counts what was not sent", async () => {
    await freshRecipients(120);
    const since = tg.calls.length;
    const id = await startBroadcastThroughTheBot(tg, admin(), () => admin().sendText("Slow and steady"));
    await waitUntil(() => broadcastCopies(tg, since).length >= 10, "some copies went out", 10_000);

    const progress = await waitProgressWith(tg, `bcast:pause:${id}`);
    tg.markCalls();
    await admin().pressButton(progress, `bcast:pause:${id}`);
    await waitForStatus(app, id, "paused", 5000);
    await sleep(600);
    const atPause = broadcastCopies(tg, since).length;
    await sleep(1500);
    expect(broadcastCopies(tg, since).length).toBe(atPause);
    const paused = await waitProgressWith(tg, `bcast:resume:${id}`);
    expect(paused.text).toContain(en("broadcast-status-paused"));

    tg.markCalls();
    await admin().pressButton(paused, `bcast:resume:${id}`);
    await waitUntil(() => broadcastCopies(tg, since).length > atPause + 5, "sending resumed", 10_000);
    const resumed = await waitProgressWith(tg, `bcast:cancel:${id}`);
    tg.markCalls();
    await admin().pressButton(resumed, `bcast:cancel:${id}`);
    await waitForStatus(app, id, "cancelled", 5000);

    const summary = await tg.waitForBotMessage(BROADCAST_ADMIN, (m) => (m.text ?? "").startsWith("🏁"), 10_000);
    const counts = await recipientCounts(app.database.db, id);
    expect(counts.pending).toBeGreaterThan(0);
    expect(summary.text).toContain(en("broadcast-outcome-cancelled"));
    expect(summary.text).toContain(`${counts.pending}`);
    await sleep(1000);
    expect(broadcastCopies(tg, since).filter((c) => c.ok)).toHaveLength(counts.sent);
    const log = await app.database.db.select().from(adminAuditLog).where(eq(adminAuditLog.target, `broadcast:${id}`)).orderBy(adminAuditLog.id);
    expect(log.map((a) => [a.adminTelegramId, a.action])).toEqual([
      [BROADCAST_ADMIN, ADMIN_ACTIONS.broadcastStarted],
      [BROADCAST_ADMIN, ADMIN_ACTIONS.broadcastPaused],
      [BROADCAST_ADMIN, ADMIN_ACTIONS.broadcastResumed],
      [BROADCAST_ADMIN, ADMIN_ACTIONS.broadcastCancelled],
    ]);
  }, 60_000);

  it("a non-admin cannot start, pause or cancel a broadcast", async () => {
    await freshRecipients(2);
    const mallory = tg.user({ id: 8_099_999, first_name: "Mallory", language_code: "en" });
    tg.markCalls();
    await mallory.sendText("/start");
    await tg.waitForBotMessage(mallory.id);
    // An ordinary user who accepted the terms, so nothing but the admin guard stands in the way.
    await app.database.db.update(users).set({ acceptedPolicyVersion: 1 }).where(eq(users.telegramId, mallory.id));
    await app.users.setLocale(mallory.id, "en");
    const draftId = await app.database.db.execute(sql`insert into broadcasts (admin_telegram_id, source_chat_id, source_message_id, content_kind, audience, status) values (${BROADCAST_ADMIN}, ${BROADCAST_ADMIN}, 1, 'text', 'all', 'draft') returning id`);
    const id = Number((draftId as unknown as { rows: Array<{ id: string | number }> }).rows[0]!.id);
    for (const data of [`adm:bcgo:${id}`, `bcast:cancel:${id}`]) {
      const queryId = `forged-${data}`;
      tg.markCalls();
      tg.pushUpdate({
        callback_query: {
          id: queryId,
          from: { id: mallory.id, is_bot: false, first_name: "Mallory" },
          chat_instance: "x",
          data,
          message: { message_id: 1, date: 0, chat: { id: mallory.id, type: "private", first_name: "Mallory" } },
        },
      });
      const answer = await tg.waitForCall("answerCallbackQuery", (c) => c.payload.callback_query_id === queryId);
      expect(answer.payload.text).toBe(en("menu-expired"));
    }
    expect((await broadcastRow(app, id)).status).toBe("draft");
  });
});

/** The admin's progress message once it offers this button (the worker edits it every few seconds). */
async function waitProgressWith(tg: EmulatedBot, data: string) {
  let found: ReturnType<EmulatedBot["chat"]>["messages"][number] | undefined;
  await waitUntil(
    () => {
      found = tg.chat(BROADCAST_ADMIN).messages.filter((m) => m.from === "bot" && callbacks(m).includes(data)).at(-1);
      return found !== undefined;
    },
    `the progress message offers ${data}`,
    10_000,
  );
  return found!;
}
