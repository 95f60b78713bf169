import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { LOCALES, type Locale } from "../../src/config.js";
import { users } from "../../src/db/schema/index.js";
import { loadLegalDocument } from "../../src/i18n/documents.js";
import { startBotApp, type BotAppHarness, TEST_BOT_TOKEN } from "../support/bot-app.js";
import { plainText } from "../support/plain-text.js";
import { TEST_TARGETS } from "../support/targets.js";
import { sleep, waitUntil } from "../support/wait.js";
import type { EmulatedMessage } from "../../src/sandbox/telegram-emulator/index.js";

let nextUserId = 500_000;
const newUserId = () => ++nextUserId;

describe.each(TEST_TARGETS)("onboarding end to end on $name", (target) => {
  let h: BotAppHarness;
  beforeAll(async () => {
    h = await startBotApp(target);
  });
  afterAll(async () => {
    await h?.stop();
  });

  const t = (locale: Locale, key: string, vars?: Record<string, string | number>) => plainText(h.app.translator.t(locale, key, vars));

  async function onboard(userId: number, locale: Locale, firstName = "Ann") {
    const user = h.bot.user({ id: userId, first_name: firstName, language_code: "de" });
    h.bot.markCalls();
    await user.sendText("/start");
    const picker = await h.bot.waitForBotMessage(userId);
    await user.pressButton(picker, `onb:lang:${locale}`);
    const consent = await h.bot.waitForBotMessage(userId, (m) => m.text === t(locale, "onboarding-consent"));
    h.bot.markCalls();
    await user.pressButton(consent, "onb:accept");
    const home = await h.bot.waitForBotMessage(userId, (m) => m.text === t(locale, "home-welcome", { name: firstName }));
    return { user, home };
  }

  for (const locale of LOCALES) {
    it(`/start → language → consent → home in ${locale}`, async () => {
      const id = newUserId();
      const user = h.bot.user({ id, first_name: "Ann", language_code: "de" });
      h.bot.markCalls();
      await user.sendText("/start");
      // An unknown Telegram language falls back to DEFAULT_LOCALE (en in these tests) for the first screen.
      const picker = await h.bot.waitForBotMessage(id);
      expect(picker.text).toBe(t("en", "onboarding-choose-language", { name: "Ann" }));
      const buttons = inlineButtons(picker);
      expect(buttons).toEqual(LOCALES.map((l) => `onb:lang:${l}`));

      await user.pressButton(picker, `onb:lang:${locale}`);
      const consent = await h.bot.waitForBotMessage(id, (m) => m.text === t(locale, "onboarding-consent"));
      expect(inlineButtons(consent)).toEqual(["doc:terms", "doc:privacy", "onb:accept"]);

      h.bot.markCalls();
      await user.pressButton(consent, "onb:accept");
      const home = await h.bot.waitForBotMessage(id, (m) => m.text === t(locale, "home-welcome", { name: "Ann" }));
      expect(inlineButtons(home)).toContain("home:create");

      const row = await findUser(id);
      expect(row.locale).toBe(locale);
      expect(row.acceptedPolicyVersion).toBe(1);
      expect(row.ageConfirmedAt).toBeInstanceOf(Date);

      // A returning user goes straight home.
      h.bot.markCalls();
      await user.sendText("/start");
      const again = await h.bot.waitForBotMessage(id);
      expect(again.text).toBe(t(locale, "home-welcome", { name: "Ann" }));
    });
  }

  it("/language switches the language at any time", async () => {
    const id = newUserId();
    const { user } = await onboard(id, "en");
    h.bot.markCalls();
    await user.sendText("/language");
    const picker = await h.bot.waitForBotMessage(id, (m) => m.text === t("en", "language-choose"));
    h.bot.markCalls();
    const answer = await user.pressButton(picker, "set:lang:ru");
    expect(answer?.text).toBe(t("ru", "language-changed"));
    await h.bot.waitForBotMessage(id, (m) => m.text === t("ru", "language-changed"));
    h.bot.markCalls();
    await user.sendText("/help");
    const help = await h.bot.waitForBotMessage(id);
    expect(help.text).toBe(t("ru", "help-text"));
    expect((await findUser(id)).locale).toBe("ru");
  });

  for (const locale of LOCALES) {
    it(`/help, /privacy, /terms, /support and /paysupport answer in ${locale}`, async () => {
      const id = newUserId();
      const { user } = await onboard(id, locale);
      const support = { contact: "@bananapics_support", email: "blogchikuz@gmail.com" };
      const expectations: Array<[string, string]> = [
        ["/help", t(locale, "help-text")],
        ["/support", t(locale, "support-text", support)],
        ["/paysupport", t(locale, "paysupport-text", support)],
      ];
      for (const [command, expected] of expectations) {
        h.bot.markCalls();
        await user.sendText(command);
        expect((await h.bot.waitForBotMessage(id)).text).toBe(expected);
      }
      for (const name of ["privacy", "terms"] as const) {
        const parts = await loadLegalDocument(locale, name, { support: support.contact, email: support.email });
        h.bot.markCalls();
        await user.sendText(`/${name}`);
        const first = await h.bot.waitForBotMessage(id);
        expect(first.text).toBe(plainText(parts[0] ?? ""));
        await waitUntil(
          () => h.bot.calls.filter((c) => c.method === "sendMessage" && c.ok && c.payload.chat_id === id).length > 0,
          "document sent",
        );
        await h.bot.waitForBotMessage(id, (m) => m.text === plainText(parts.at(-1) ?? ""));
        const sent = h.bot.chat(id).messages.slice(-parts.length).map((m) => m.text);
        expect(sent).toEqual(parts.map(plainText));
        expect(sent.join("\n")).toContain(support.contact);
      }
    });
  }

  it("a user who has not accepted cannot reach paid features", async () => {
    const id = newUserId();
    const user = h.bot.user({ id, first_name: "Bob", language_code: "ru" });
    h.bot.markCalls();
    await user.sendText("/start");
    const picker = await h.bot.waitForBotMessage(id);
    // Telegram's language_code ru is honoured before any choice.
    expect(picker.text).toBe(t("ru", "onboarding-choose-language", { name: "Bob" }));
    await user.pressButton(picker, "onb:lang:ru");
    await h.bot.waitForBotMessage(id, (m) => m.text === t("ru", "onboarding-consent"));

    h.bot.markCalls();
    await user.sendText("a cat in space");
    expect((await h.bot.waitForBotMessage(id)).text).toBe(t("ru", "consent-required"));
    await h.bot.waitForBotMessage(id, (m) => m.text === t("ru", "onboarding-consent"));

    // A forged press of a home-menu button is refused the same way.
    h.bot.markCalls();
    h.bot.pushUpdate({
      callback_query: {
        id: `forged-${id}`,
        from: { id, is_bot: false, first_name: "Bob" },
        chat_instance: "x",
        data: "home:create",
        message: { message_id: 1, date: 0, chat: { id, type: "private", first_name: "Bob" } },
      },
    });
    const answer = await h.bot.waitForCall("answerCallbackQuery", (c) => c.payload.callback_query_id === `forged-${id}`);
    expect(answer.payload.text).toBe(t("ru", "consent-required"));
    expect((await findUser(id)).acceptedPolicyVersion).toBeNull();
  });

  it("raising the policy version asks every user again", async () => {
    const id = newUserId();
    await onboard(id, "uz");
    await h.app.database.db.update(users).set({ acceptedPolicyVersion: 0 }).where(eq(users.telegramId, id));
    await h.app.users.setLocale(id, "uz"); // invalidates the cached profile, as any write does
    const user = h.bot.user({ id, first_name: "Ann" });
    h.bot.markCalls();
    await user.sendText("/start");
    expect((await h.bot.waitForBotMessage(id)).text).toBe(t("uz", "onboarding-consent-updated"));
  });

  it("a banned user is refused with the reason, escaped", async () => {
    const id = newUserId();
    const { user } = await onboard(id, "en");
    await h.app.users.ban(id, "spam <b>links</b> & more");
    h.bot.markCalls();
    await user.sendText("/help");
    const refusal = await h.bot.waitForBotMessage(id);
    expect(refusal.text).toBe(t("en", "banned", { reason: "spam <b>links</b> & more" }));
    expect(refusal.text).toContain("spam <b>links</b> & more");
    // Buttons too.
    const answer = await user.pressButton(refusal.message_id, "x").catch(() => undefined);
    expect(answer).toBeUndefined();
    await h.app.users.unban(id);
    h.bot.markCalls();
    await user.sendText("/help");
    expect((await h.bot.waitForBotMessage(id)).text).toBe(t("en", "help-text"));
  });

  it("ignores group messages and channel posts", async () => {
    const id = newUserId();
    const { user } = await onboard(id, "en");
    const before = h.bot.calls.length;
    h.bot.pushGroupMessage({ id, first_name: "Ann" }, -1001234, "draw a cat");
    h.bot.pushGroupMessage({ id, first_name: "Ann" }, -1001234, "/start");
    h.bot.pushChannelPost(-1009876, "draw a dog");
    // A private message afterwards proves the earlier updates were processed (in order per poll).
    h.bot.markCalls();
    await user.sendText("/help");
    await h.bot.waitForBotMessage(id);
    const sends = h.bot.calls.slice(before).filter((c) => c.method.startsWith("send"));
    expect(sends.map((c) => c.payload.chat_id)).toEqual([id]);
  });

  it("shows a first name with HTML characters escaped", async () => {
    const id = newUserId();
    const user = h.bot.user({ id, first_name: '<b>Tom & "Jerry"', language_code: "en" });
    h.bot.markCalls();
    await user.sendText("/start");
    const picker = await h.bot.waitForBotMessage(id);
    expect(picker.text).toBe(`👋 Hello, <b>Tom & "Jerry"! Choose your language:`);
    expect(picker.entities ?? []).toEqual([]);
  });

  it("a handler that throws yields the localized error and the next update is served", async () => {
    const id = newUserId();
    const { user } = await onboard(id, "ru");
    h.bot.failNext("sendMessage", { error_code: 400, description: "Bad Request: injected failure" }, 1);
    h.bot.markCalls();
    await user.sendText("/help");
    const error = await h.bot.waitForBotMessage(id);
    expect(error.text).toBe(t("ru", "error-generic"));
    h.bot.markCalls();
    await user.sendText("/help");
    expect((await h.bot.waitForBotMessage(id)).text).toBe(t("ru", "help-text"));
    expect(h.logLines.some((l) => l.includes("update handler failed") && l.includes("injected failure"))).toBe(true);
  });

  it("records when a user blocks and unblocks the bot", async () => {
    const id = newUserId();
    const { user } = await onboard(id, "en");
    user.blockBot();
    await waitUntil(async () => (await findUser(id)).blockedAt !== null, "blocked_at is set");
    user.unblockBot();
    await waitUntil(async () => (await findUser(id)).blockedAt === null, "blocked_at is cleared");
  });

  it("a flooding user gets one slow-down answer; others stay served; pre-checkout is still answered", async () => {
    const flooder = newUserId();
    const other = newUserId();
    const { user } = await onboard(flooder, "en");
    const { user: calm } = await onboard(other, "en");
    const start = h.bot.calls.length;
    h.bot.markCalls();
    await Promise.all(Array.from({ length: 50 }, (_, i) => user.sendText(`message ${i}`)));
    await calm.sendText("/help");
    await h.bot.waitForBotMessage(other, (m) => m.text === t("en", "help-text"));
    h.bot.pushUpdate({
      pre_checkout_query: {
        id: `pcq-${flooder}`,
        from: { id: flooder, is_bot: false, first_name: "Ann" },
        currency: "XTR",
        total_amount: 70,
        invoice_payload: "unknown-order",
      },
    });
    // The emulator rejects the answer (it never issued this query id); what matters is that the bot answered.
    const answer = await h.bot.waitForCall("answerPreCheckoutQuery", (c) => c.payload.pre_checkout_query_id === `pcq-${flooder}`);
    expect(answer.payload.ok).toBe(false);
    const sentToFlooder = () => h.bot.calls.slice(start).filter((c) => c.method === "sendMessage" && c.payload.chat_id === flooder);
    await waitUntil(() => sentToFlooder().length >= 20, "the flooder's answers are sent", 15_000);
    // Anything beyond the limit would show up now.
    await sleep(500);
    const toFlooder = sentToFlooder();
    const slowDowns = toFlooder.filter((c) => String(c.payload.text).startsWith("🐢"));
    expect(slowDowns).toHaveLength(1);
    // The limit is 20 messages per window and onboarding's /start was the first: 19 answers + 1 notice.
    expect(toFlooder.length).toBe(20);
  });

  it("serves health, readiness and metrics over HTTP, and never logs the token", async () => {
    const base = h.app.httpUrl();
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", checks: { database: "ok", queue: "ok" } });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/bananapics_updates_handled_total\{type="message"\} \d+/);
    expect(metrics).toContain("bananapics_update_handler_duration_seconds_bucket");
    expect(metrics).toContain("process_cpu_user_seconds_total");
    const response = await fetch(`${base}/healthz`, { headers: { "x-request-id": "req-test-12345" } });
    expect(response.headers.get("x-request-id")).toBe("req-test-12345");
    expect(h.logLines.length).toBeGreaterThan(0);
    expect(h.logLines.join("\n")).not.toContain(TEST_BOT_TOKEN);
  });

  async function findUser(telegramId: number) {
    const rows = await h.app.database.db.select().from(users).where(eq(users.telegramId, telegramId));
    const row = rows[0];
    if (!row) throw new Error(`user ${telegramId} not found`);
    return row;
  }
});

function inlineButtons(message: EmulatedMessage): string[] {
  const markup = message.reply_markup;
  if (!markup || !("inline_keyboard" in markup)) return [];
  return markup.inline_keyboard.flat().map((b) => ("callback_data" in b ? String(b.callback_data) : "url" in b ? String(b.url) : ""));
}
