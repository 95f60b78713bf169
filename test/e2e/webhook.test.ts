import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotApp, type BotAppHarness, TEST_WEBHOOK_SECRET } from "../support/bot-app.js";
import { freePort } from "../support/free-port.js";
import { plainText } from "../support/plain-text.js";
import { TEST_TARGETS } from "../support/targets.js";

describe.each(TEST_TARGETS)("webhook mode on $name", (target) => {
  let h: BotAppHarness;
  let base: string;
  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    h = await startBotApp(target, {
      env: { BOT_MODE: "webhook", PUBLIC_URL: base, WEBHOOK_SECRET: TEST_WEBHOOK_SECRET, HTTP_PORT: String(port) },
      roles: ["bot", "http"],
    });
  });
  afterAll(async () => {
    await h?.stop();
  });

  const update = (id: number, text: string) => ({
    update_id: id,
    message: {
      message_id: 1000 + id,
      date: Math.floor(Date.now() / 1000),
      chat: { id: 777001, type: "private", first_name: "Web" },
      from: { id: 777001, is_bot: false, first_name: "Web", language_code: "en" },
      text,
      ...(text.startsWith("/") ? { entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }] } : {}),
    },
  });

  it("registers the webhook with the secret and the allowed updates", () => {
    expect(h.bot.webhook?.url).toBe(`${base}/telegram/webhook`);
    expect(h.bot.webhook?.secretToken).toBe(TEST_WEBHOOK_SECRET);
    expect(h.bot.webhook?.allowedUpdates).toEqual(["message", "callback_query", "pre_checkout_query", "my_chat_member"]);
  });

  it("answers 401 without the right secret and handles nothing", async () => {
    const before = h.bot.calls.length;
    const attempts: Array<Record<string, string>> = [
      {},
      { "x-telegram-bot-api-secret-token": "wrong-secret-wrong-secret-12" },
      { "x-telegram-bot-api-secret-token": `${TEST_WEBHOOK_SECRET}x` },
    ];
    for (const headers of attempts) {
      const response = await fetch(`${base}/telegram/webhook`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(update(1, "/help")),
      });
      expect(response.status).toBe(401);
    }
    expect(h.bot.calls.slice(before).filter((c) => c.method === "sendMessage")).toEqual([]);
  });

  it("handles an update posted with the secret, once even if delivered twice", async () => {
    // The user must have written to the bot before it may answer (Telegram's rule, kept by the emulator).
    const user = h.bot.user({ id: 777001, first_name: "Web", language_code: "en" });
    h.bot.markCalls();
    await user.sendText("/start");
    await h.bot.waitForBotMessage(777001);
    const before = h.bot.calls.length;
    h.bot.markCalls();
    const body = JSON.stringify(update(42, "/help"));
    const post = () =>
      fetch(`${base}/telegram/webhook`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": TEST_WEBHOOK_SECRET },
        body,
      });
    const [first, second] = await Promise.all([post(), post()]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    const reply = await h.bot.waitForBotMessage(777001);
    expect(reply.text).toBe(plainText(h.app.translator.t("en", "help-text")));
    await new Promise((r) => setTimeout(r, 200));
    expect(h.bot.calls.slice(before).filter((c) => c.method === "sendMessage" && c.payload.chat_id === 777001)).toHaveLength(1);
  });

  it("receives updates the emulator delivers to the webhook", async () => {
    const user = h.bot.user({ id: 777002, first_name: "Hook", language_code: "uz" });
    h.bot.markCalls();
    await user.sendText("/start");
    const picker = await h.bot.waitForBotMessage(777002);
    expect(picker.text).toBe(plainText(h.app.translator.t("uz", "onboarding-choose-language", { name: "Hook" })));
  });
});
