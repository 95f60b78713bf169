import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../../src/app.js";
import { adminAuditLog, users } from "../../../src/db/schema/index.js";
import { ADMIN_ACTIONS } from "../../../src/domain/admin/audit-log.js";
import { startTelegramEmulator, type EmulatedBot, type TelegramEmulator } from "../../../src/sandbox/telegram-emulator/index.js";
import { plainText } from "../../support/plain-text.js";
import { TEST_TARGETS, uniquePrefix } from "../../support/targets.js";
import {
  BROADCAST_ADMIN,
  broadcastRow,
  callbacks,
  composeBroadcastThroughTheBot,
  durableDatabase,
  emulatedBot,
  recipientStatuses,
  seedRecipients,
  startApp,
  startBroadcastThroughTheBot,
  waitForStatus,
} from "./broadcast-harness.js";

const NOTICE = "Our terms change on 1 May, see /privacy";

describe.each(TEST_TARGETS)("essential service notices through the admin menu on $name", (target) => {
  let emulator: TelegramEmulator;
  let tg: EmulatedBot;
  let app: App;
  let database: Awaited<ReturnType<typeof durableDatabase>>;
  /** reader (ru, opted in), optedOut (uz), optedOutEn (en), banned, blocked, erased: the last three opted out too. */
  let people: Record<"reader" | "optedOut" | "optedOutEn" | "banned" | "blocked" | "erased", number>;

  beforeAll(async () => {
    emulator = await startTelegramEmulator();
    tg = emulatedBot(emulator);
    database = await durableDatabase(target);
    app = await startApp(target, emulator, { env: database.env, kvPrefix: uniquePrefix() });
    const [reader, optedOut, optedOutEn, banned, blocked, erased] = await seedRecipients(app, tg, 8_900_000, 6);
    people = { reader: reader!, optedOut: optedOut!, optedOutEn: optedOutEn!, banned: banned!, blocked: blocked!, erased: erased! };
    const set = (telegramId: number, values: Partial<typeof users.$inferInsert>) =>
      app.database.db.update(users).set(values).where(eq(users.telegramId, telegramId));
    await set(people.reader, { locale: "ru" });
    await set(people.optedOut, { locale: "uz", broadcastOptIn: false });
    await set(people.optedOutEn, { broadcastOptIn: false });
    await set(people.banned, { broadcastOptIn: false, banned: true, banReason: "spam" });
    await set(people.blocked, { broadcastOptIn: false, blockedAt: new Date() });
    await set(people.erased, { broadcastOptIn: false, telegramId: null, erasedAt: new Date(), firstName: null });
  });
  afterAll(async () => {
    await app?.stop();
    await emulator?.stop();
    await database?.drop();
  });

  const t = (locale: "en" | "ru" | "uz", key: string, vars?: Record<string, string | number>) => plainText(app.translator.t(locale, key, vars));
  const admin = () => tg.user({ id: BROADCAST_ADMIN, first_name: "Ada", language_code: "en" });
  const botMessages = (chat: number) => tg.chat(chat).messages.filter((m) => m.from === "bot");

  /** The wizard up to its confirmation screen; returns the draft's id and that screen. */
  async function draftThroughTheBot(text: string) {
    const audiences = await composeBroadcastThroughTheBot(tg, admin(), () => admin().sendText(text));
    const all = callbacks(audiences).find((d) => d.startsWith("adm:bca:") && d.endsWith(":all"))!;
    const id = Number(all.split(":")[2]);
    tg.markCalls();
    await admin().pressButton(audiences, all);
    const question = await tg.waitForBotMessage(BROADCAST_ADMIN, (m) => callbacks(m).includes(`adm:bcnobtn:${id}`));
    tg.markCalls();
    await admin().pressButton(question, `adm:bcnobtn:${id}`);
    const confirm = await tg.waitForBotMessage(BROADCAST_ADMIN, (m) => callbacks(m).includes(`adm:bcgo:${id}`));
    return { id, confirm };
  }

  it("an ordinary broadcast reaches only the user who kept broadcasts on", async () => {
    const id = await startBroadcastThroughTheBot(tg, admin(), () => admin().sendText("New models this week"));
    await waitForStatus(app, id, "completed", 20_000);
    expect(botMessages(people.reader).map((m) => m.text)).toEqual(["New models this week"]);
    for (const chat of [people.optedOut, people.optedOutEn, people.banned, people.blocked, people.erased]) expect(botMessages(chat)).toEqual([]);
  });

  it("a confirmed service notice also reaches opted-out users, marked in their language, and never banned, blocked or erased ones", async () => {
    const { id, confirm } = await draftThroughTheBot(NOTICE);
    // Not essential until the warning's own button is pressed.
    expect(callbacks(confirm)).toContain(`adm:bcess:${id}`);
    tg.markCalls();
    await admin().pressButton(confirm, `adm:bcess:${id}`);
    const warning = await tg.waitForBotMessage(BROADCAST_ADMIN, (m) => callbacks(m).includes(`adm:bcessok:${id}`));
    expect(warning.text).toBe(
      t("en", "broadcast-essential-warning", { audience: t("en", "broadcast-audience-all"), count: 3, optedOut: 2 }),
    );
    expect((await broadcastRow(app, id)).essential).toBe(false);
    tg.markCalls();
    await admin().pressButton(warning, `adm:bcessok:${id}`);
    const confirmed = await tg.waitForBotMessage(BROADCAST_ADMIN, (m) => callbacks(m).includes(`adm:bcord:${id}`));
    expect(confirmed.text).toContain(t("en", "broadcast-confirm-essential", { optedOut: 2 }));
    expect((await broadcastRow(app, id)).essential).toBe(true);

    tg.markCalls();
    await admin().pressButton(confirmed, `adm:bcgo:${id}`);
    await waitForStatus(app, id, "completed", 20_000);
    expect((await broadcastRow(app, id)).total).toBe(3);

    const source = tg.chat(BROADCAST_ADMIN).messages.filter((m) => m.from === "user" && m.text === NOTICE).at(-1)!;
    const command = source.entities?.find((e) => e.type === "bot_command");
    expect(command).toBeDefined();
    for (const [chat, locale] of [
      [people.reader, "ru"],
      [people.optedOut, "uz"],
      [people.optedOutEn, "en"],
    ] as const) {
      const copy = botMessages(chat).at(-1)!;
      const label = t(locale, "broadcast-service-notice");
      expect(copy.text, `chat ${chat}`).toBe(`${label}\n\n${NOTICE}`);
      // The label is bold, and the admin's own entity still covers "/privacy".
      expect(copy.entities?.[0]).toMatchObject({ type: "bold", offset: 0, length: label.length });
      const moved = copy.entities?.find((e) => e.type === "bot_command");
      expect(copy.text?.slice(moved!.offset, moved!.offset + moved!.length)).toBe("/privacy");
    }
    for (const chat of [people.banned, people.blocked, people.erased]) expect(botMessages(chat)).toEqual([]);
    expect([...(await recipientStatuses(app, id)).values()]).toEqual(["sent", "sent", "sent"]);

    const [audit] = await app.database.db
      .select()
      .from(adminAuditLog)
      .where(and(eq(adminAuditLog.target, `broadcast:${id}`), eq(adminAuditLog.action, ADMIN_ACTIONS.broadcastStarted)));
    expect(audit).toMatchObject({ adminTelegramId: BROADCAST_ADMIN, after: expect.objectContaining({ essential: true, audience: "all", total: 3 }) });
  });

  it("a non-admin pressing the confirmation makes nothing essential", async () => {
    const { id } = await draftThroughTheBot("Just news");
    const stranger = tg.user({ id: people.reader, first_name: "Reader", language_code: "ru" });
    tg.markCalls();
    tg.pushUpdate({
      callback_query: {
        id: `forged-${id}`,
        from: { id: stranger.id, is_bot: false, first_name: "Reader" },
        chat_instance: "x",
        data: `adm:bcessok:${id}`,
        message: { message_id: 1, date: 0, chat: { id: stranger.id, type: "private", first_name: "Reader" } },
      },
    });
    await tg.waitForCall("answerCallbackQuery", (c) => c.payload.callback_query_id === `forged-${id}`, 5000);
    expect((await broadcastRow(app, id)).essential).toBe(false);
    expect(await app.database.db.select().from(adminAuditLog).where(eq(adminAuditLog.target, `broadcast:${id}`))).toEqual([]);
  });
});
