import Fastify from "fastify";
import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotContext } from "../../src/bot/context.js";
import { registerWebhookRoute } from "../../src/bot/webhook.js";
import { MemoryStore, RedisStore, type KeyValueStore } from "../../src/infra/kv/index.js";
import { startBotApp, type BotAppHarness, TEST_WEBHOOK_SECRET } from "../support/bot-app.js";
import { freePort } from "../support/free-port.js";
import { plainText } from "../support/plain-text.js";
import { TEST_TARGETS, uniquePrefix } from "../support/targets.js";

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

const redisUrl = process.env.TEST_REDIS_URL;
const claimStores: Array<[string, () => KeyValueStore]> = [["memory", () => new MemoryStore()]];
if (redisUrl) claimStores.push(["redis", () => new RedisStore({ url: redisUrl, prefix: uniquePrefix() })]);

/** The claim alone, with a bot whose handling can be made to fail the way that reaches Telegram as a 500. */
describe.each(claimStores)("webhook update claim on %s", (_name, makeStore) => {
  const kv = makeStore();
  const handled: number[] = [];
  let failNext = false;
  const bot = {
    handleUpdate: async (update: Update) => {
      if (failNext) {
        failNext = false;
        // Not a BotError: the error boundary lets it through, as it does when the error handler itself fails.
        throw new Error("handling failed");
      }
      handled.push(update.update_id);
    },
  } as unknown as Bot<BotContext>;
  const app = Fastify();
  registerWebhookRoute(app, bot, kv, TEST_WEBHOOK_SECRET);
  afterAll(async () => {
    await app.close();
    await kv.close();
  });

  const post = (updateId: number) =>
    app.inject({
      method: "POST",
      url: "/telegram/webhook",
      headers: { "x-telegram-bot-api-secret-token": TEST_WEBHOOK_SECRET },
      payload: { update_id: updateId, message: { message_id: 1, date: 0, chat: { id: 1, type: "private" }, text: "hi" } },
    });

  // The claim itself is short (a process killed mid-update must not make Telegram's redelivery a
  // duplicate); a handled update is then remembered for the 24 hours Telegram may redeliver it.
  it("remembers a handled update for Telegram's 24 hours: a claim, then the done mark", async () => {
    const calls: string[] = [];
    const counted = new Proxy(kv, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          calls.push(String(property));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const counting = Fastify();
    registerWebhookRoute(counting, bot, counted, TEST_WEBHOOK_SECRET);
    const response = await counting.inject({
      method: "POST",
      url: "/telegram/webhook",
      headers: { "x-telegram-bot-api-secret-token": TEST_WEBHOOK_SECRET },
      payload: { update_id: 500, message: { message_id: 1, date: 0, chat: { id: 1, type: "private" }, text: "hi" } },
    });
    await counting.close();
    expect(response.json()).toEqual({ ok: true });
    expect(calls).toEqual(["setIfAbsent", "set"]);
    expect(await kv.setIfAbsent("update:500", "probe", 1000)).toBe(false);
    expect((await post(500)).json()).toEqual({ ok: true, duplicate: true });
    expect(handled.filter((id) => id === 500)).toHaveLength(1);
  });

  it("handles an update once when it is delivered twice at the same moment", async () => {
    const answers = await Promise.all([post(501), post(501), post(501)]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect(answers.filter((a) => a.json<{ duplicate?: boolean }>().duplicate)).toHaveLength(2);
    expect(handled.filter((id) => id === 501)).toHaveLength(1);
  });

  it("releases the claim when handling fails, so Telegram's redelivery is handled", async () => {
    failNext = true;
    expect((await post(502)).statusCode).toBe(500);
    expect(handled).not.toContain(502);
    const redelivery = await post(502);
    expect(redelivery.statusCode).toBe(200);
    expect(redelivery.json()).toEqual({ ok: true });
    expect(handled.filter((id) => id === 502)).toHaveLength(1);
    expect((await post(502)).json()).toEqual({ ok: true, duplicate: true });
  });
});
