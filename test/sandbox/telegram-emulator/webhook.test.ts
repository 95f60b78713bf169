import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Bot, webhookCallback } from "grammy";
import type { Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { waitUntil } from "../../support/wait.js";
import { startHarness, type Harness } from "./helpers.js";

interface Receiver {
  url: string;
  received: Array<{ headers: IncomingHttpHeaders; update: Update }>;
  close(): Promise<void>;
}

/** A webhook endpoint answering with the given status codes in turn (200 once they run out). */
async function startReceiver(statuses: number[] = []): Promise<Receiver> {
  const received: Receiver["received"] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, update: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Update });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let h: Harness;
let receiver: Receiver | undefined;
afterEach(async () => {
  await h.stop();
  await receiver?.close();
  receiver = undefined;
});

const alice = { id: 111, first_name: "Alice" };

describe("webhooks", () => {
  it("posts updates with the secret header and blocks getUpdates meanwhile", async () => {
    h = await startHarness();
    receiver = await startReceiver();
    expect((await h.call("setWebhook", { url: receiver.url, secret_token: "s3cret_-X" })).body).toEqual({ ok: true, result: true });
    expect(h.tg.webhook).toEqual({ url: receiver.url, secretToken: "s3cret_-X" });

    await h.tg.user(alice).sendText("/start");
    await until(() => receiver?.received.length === 1);
    expect(receiver.received[0]?.headers["x-telegram-bot-api-secret-token"]).toBe("s3cret_-X");
    expect(receiver.received[0]?.update.message?.text).toBe("/start");

    const conflict = await h.call("getUpdates");
    expect(conflict.status).toBe(409);
    expect(conflict.body.description).toBe(
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    );
    // The update counts as pending until the emulator has read the webhook's answer, a moment after the
    // receiver saw it; deleting the webhook before that would hand it back to getUpdates.
    const info = async () => (await h.call("getWebhookInfo")).body.result as { url: string; pending_update_count: number };
    await waitUntil(async () => (await info()).pending_update_count === 0, "the delivery is acknowledged", 10_000);
    expect(await info()).toMatchObject({ url: receiver.url, pending_update_count: 0 });

    await h.call("deleteWebhook");
    expect(h.tg.webhook).toBeUndefined();
    await h.tg.user(alice).sendText("after");
    expect(((await h.call("getUpdates")).body.result as Update[]).map((u) => u.message?.text)).toEqual(["after"]);
  });

  it("retries after a 500 and keeps the chat's order", async () => {
    h = await startHarness();
    receiver = await startReceiver([500, 500]);
    await h.call("setWebhook", { url: receiver.url });
    const user = h.tg.user(alice);
    await user.sendText("first");
    await user.sendText("second");
    await until(() => receiver?.received.length === 4);
    expect(receiver.received.map((r) => r.update.message?.text)).toEqual(["first", "first", "first", "second"]);
    const info = (await h.call("getWebhookInfo")).body.result as { last_error_message?: string };
    expect(info.last_error_message).toBe("Wrong response from the webhook: 500 Internal Server Error");
  });

  it("hands pending updates to a new webhook and drops them on request", async () => {
    h = await startHarness();
    await h.tg.user(alice).sendText("queued while polling");
    receiver = await startReceiver();
    await h.call("setWebhook", { url: receiver.url });
    await until(() => receiver?.received.length === 1);
    expect(receiver.received[0]?.update.message?.text).toBe("queued while polling");

    await h.call("deleteWebhook");
    await h.tg.user(alice).sendText("dropped");
    await h.call("setWebhook", { url: receiver.url, drop_pending_updates: true });
    await h.tg.user(alice).sendText("kept");
    await until(() => receiver?.received.length === 2);
    expect(receiver.received.map((r) => r.update.message?.text)).toEqual(["queued while polling", "kept"]);
  });

  it("validates secret tokens and URLs like Telegram", async () => {
    h = await startHarness();
    const bad = await h.call("setWebhook", { url: "https://example.com/hook", secret_token: "with space" });
    expect(bad.body.description).toBe("Bad Request: secret token contains unallowed characters");
    const long = await h.call("setWebhook", { url: "https://example.com/hook", secret_token: "a".repeat(257) });
    expect(long.body.description).toBe("Bad Request: secret token is too long");
    const ftp = await h.call("setWebhook", { url: "ftp://example.com/hook" });
    expect(ftp.body.description).toBe("Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
    expect(h.tg.webhook).toBeUndefined();
  });

  it("drives a real grammY webhook handler, including webhook replies", async () => {
    h = await startHarness();
    const bot = new Bot(h.bot.token, { botInfo: h.tg.info, client: { apiRoot: h.emu.apiRoot, canUseWebhookReply: () => true } });
    const replyResults: unknown[] = [];
    bot.command("start", async (ctx) => {
      replyResults.push(await ctx.reply("hi from webhook"));
    });
    const handle = webhookCallback(bot, "http", { secretToken: "tok" });
    const server = createServer((req, res) => void handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      await h.call("setWebhook", { url, secret_token: "tok" });
      await h.tg.user(alice).sendText("/start");
      const reply = await h.tg.waitForBotMessage(111);
      expect(reply.text).toBe("hi from webhook");
      // grammY resolves webhook replies with `true`, so this proves the call travelled in the webhook response.
      expect(replyResults).toEqual([true]);
      expect(h.tg.calls.find((c) => c.method === "sendMessage")?.payload).toMatchObject({ chat_id: 111, text: "hi from webhook" });
    } finally {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
  });
});
