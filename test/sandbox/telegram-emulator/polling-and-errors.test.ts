import { autoRetry } from "@grammyjs/auto-retry";
import { Bot, GrammyError } from "grammy";
import type { Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { waitUntil } from "../../support/wait.js";
import { pollHeld, startHarness, TOKEN, type Harness } from "./helpers.js";

let h: Harness;
afterEach(async () => {
  await h.stop();
});

const alice = { id: 111, first_name: "Alice", username: "alice", language_code: "en" };
const aliceUser = { id: 111, is_bot: false, first_name: "Alice" };

describe("Bot API surface", () => {
  it("answers getMe over GET and POST and through grammY", async () => {
    h = await startHarness();
    const viaGet = await fetch(`${h.emu.apiRoot}/bot${TOKEN}/getMe`);
    expect(viaGet.status).toBe(200);
    expect(await viaGet.json()).toEqual({ ok: true, result: h.tg.info });
    expect(h.tg.info).toMatchObject({ id: 123456, is_bot: true, username: "banana_test_bot", first_name: "Bananapics" });

    const plain = new Bot(TOKEN, { client: { apiRoot: h.emu.apiRoot } });
    await plain.init();
    expect(plain.botInfo.username).toBe("banana_test_bot");
    expect(h.tg.calls.map((c) => c.method)).toEqual(["getMe", "getMe"]);
  });

  it("answers 401 for unknown tokens and 404 for unknown methods, in Telegram's shape", async () => {
    h = await startHarness();
    const unauthorized = await fetch(`${h.emu.apiRoot}/bot999:nope/getMe`);
    expect(unauthorized.status).toBe(401);
    expect(await unauthorized.json()).toEqual({ ok: false, error_code: 401, description: "Unauthorized" });

    const unknown = await h.call("sendTelepathy", { chat_id: 1 });
    expect(unknown).toEqual({ status: 404, body: { ok: false, error_code: 404, description: "Not Found" } });
    expect(h.tg.calls.at(-1)).toMatchObject({ method: "sendTelepathy", ok: false, error: { error_code: 404 } });
  });

  it("treats method names case-insensitively and records the canonical name", async () => {
    h = await startHarness();
    expect((await h.call("GETME")).status).toBe(200);
    expect(h.tg.calls[0]?.method).toBe("getMe");
  });
});

describe("getUpdates", () => {
  it("keeps updates until a higher offset confirms them", async () => {
    h = await startHarness();
    const first = h.tg.pushUpdate({ message: { message_id: 1, date: 1, chat: { id: 111, type: "private", first_name: "Alice" }, from: aliceUser, text: "a" } });
    const second = h.tg.pushUpdate({ message: { message_id: 2, date: 1, chat: { id: 111, type: "private", first_name: "Alice" }, from: aliceUser, text: "b" } });
    expect(second.update_id).toBe(first.update_id + 1);

    const all = await h.call("getUpdates");
    expect((all.body.result as Update[]).map((u) => u.update_id)).toEqual([first.update_id, second.update_id]);
    const again = await h.call("getUpdates", { limit: 1 });
    expect((again.body.result as Update[]).map((u) => u.update_id)).toEqual([first.update_id]);
    const confirmed = await h.call("getUpdates", { offset: first.update_id + 1 });
    expect((confirmed.body.result as Update[]).map((u) => u.update_id)).toEqual([second.update_id]);
    const empty = await h.call("getUpdates", { offset: second.update_id + 1 });
    expect(empty.body.result).toEqual([]);
  });

  it("holds a long poll until an update arrives", async () => {
    h = await startHarness();
    const started = Date.now();
    const poll = h.call("getUpdates", { timeout: 5 });
    await waitUntil(() => pollHeld(h.tg), "the long poll is held", 10_000);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(pollHeld(h.tg)).toBe(true);
    const pushedAt = Date.now();
    const update = h.tg.pushUpdate({ callback_query: { id: "1", from: aliceUser, chat_instance: "x", data: "d" } });
    const answer = await poll;
    expect((answer.body.result as Update[])[0]?.update_id).toBe(update.update_id);
    expect(pushedAt - started).toBeGreaterThanOrEqual(140);
    // Answered by the update, not by the poll's 5 s timeout (which would answer an empty list anyway).
    expect(Date.now() - pushedAt).toBeLessThan(4_500);
  });

  it("answers a waiting poll with every update pushed in one go", async () => {
    h = await startHarness();
    const poll = h.call("getUpdates", { timeout: 5 });
    await waitUntil(() => pollHeld(h.tg), "the long poll is held", 10_000);
    const sent = await h.tg.user(alice).sendAlbum([{ kind: "photo" }, { kind: "photo" }, { kind: "photo" }]);
    const updates = (await poll).body.result as Update[];
    expect(updates.map((u) => u.message?.message_id)).toEqual(sent.map((m) => m.message_id));
  });

  it("returns an empty list when the long poll times out", async () => {
    h = await startHarness();
    const started = Date.now();
    const answer = await h.call("getUpdates", { timeout: 1 });
    expect(answer.body).toEqual({ ok: true, result: [] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("terminates the older of two concurrent polls with 409", async () => {
    h = await startHarness();
    const older = h.call("getUpdates", { timeout: 5 });
    await waitUntil(() => pollHeld(h.tg), "the older poll is held", 10_000);
    const newer = h.call("getUpdates", { timeout: 0 });
    expect(await older).toEqual({
      status: 409,
      body: {
        ok: false,
        error_code: 409,
        description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
      },
    });
    expect((await newer).status).toBe(200);
  });

  it("filters by allowed_updates from the latest getUpdates", async () => {
    h = await startHarness();
    await h.call("getUpdates", { allowed_updates: ["message"] });
    h.tg.pushUpdate({ callback_query: { id: "9", from: aliceUser, chat_instance: "x", data: "d" } });
    const message = h.tg.pushUpdate({ message: { message_id: 5, date: 1, chat: { id: 111, type: "private", first_name: "Alice" }, from: aliceUser, text: "hi" } });
    const answer = await h.call("getUpdates");
    expect((answer.body.result as Update[]).map((u) => u.update_id)).toEqual([message.update_id]);
  });
});

describe("failure injection", () => {
  it("answers 429 with retry_after, visible to grammY and retried by auto-retry", async () => {
    h = await startHarness();
    await h.tg.user(alice).sendText("/start");
    const tooMany = { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } };

    h.tg.failNext("sendMessage", tooMany);
    const error = await h.bot.api.sendMessage(111, "hello").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).error_code).toBe(429);
    expect((error as GrammyError).parameters.retry_after).toBe(1);
    expect(h.tg.chat(111).messages.filter((m) => m.from === "bot")).toEqual([]);

    h.tg.failNext("sendMessage", tooMany);
    h.bot.api.config.use(autoRetry({ maxRetryAttempts: 2 }));
    const started = Date.now();
    const sent = await h.bot.api.sendMessage(111, "hello again");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(sent.text).toBe("hello again");
    expect(h.tg.calls.filter((c) => c.method === "sendMessage").map((c) => c.ok)).toEqual([false, false, true]);
  });

  it("injects server errors and blocked-user errors for the given number of calls", async () => {
    h = await startHarness();
    await h.tg.user(alice).sendText("hi");
    h.tg.failNext("sendMessage", { error_code: 500, description: "Internal Server Error" }, 2);
    expect((await h.call("sendMessage", { chat_id: 111, text: "x" })).status).toBe(500);
    expect((await h.call("sendMessage", { chat_id: 111, text: "x" })).status).toBe(500);
    expect((await h.call("sendMessage", { chat_id: 111, text: "x" })).status).toBe(200);
  });
});

describe("chats and blocking", () => {
  it("refuses chats the bot never saw, and users who blocked it", async () => {
    h = await startHarness();
    const user = h.tg.user(alice);
    expect((await h.call("sendMessage", { chat_id: 111, text: "too early" })).body.description).toBe(
      "Bad Request: chat not found",
    );
    await user.sendText("/start");
    expect((await h.call("sendMessage", { chat_id: 111, text: "welcome" })).status).toBe(200);

    user.blockBot();
    const blocked = await h.call("sendMessage", { chat_id: 111, text: "still there?" });
    expect(blocked).toEqual({
      status: 403,
      body: { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" },
    });
    const updates = (await h.call("getUpdates")).body.result as Update[];
    expect(updates.at(-1)?.my_chat_member).toMatchObject({
      chat: { id: 111, type: "private" },
      old_chat_member: { status: "member" },
      new_chat_member: { status: "kicked", user: { id: 123456, is_bot: true } },
    });

    user.unblockBot();
    expect((await h.call("sendMessage", { chat_id: 111, text: "welcome back" })).status).toBe(200);
  });

  it("lets tests register channels and push group and channel traffic", async () => {
    h = await startHarness();
    h.tg.addChannel(-1001234, "Gallery", "banana_gallery");
    const post = await h.call("sendMessage", { chat_id: "@banana_gallery", text: "new picture" });
    expect(post.body.result).toMatchObject({ chat: { id: -1001234, type: "channel" }, sender_chat: { id: -1001234 } });
    expect(h.tg.chat(-1001234).lastBotMessage()?.text).toBe("new picture");

    const group = h.tg.pushGroupMessage(alice, -42, "/start@banana_test_bot");
    expect(group.message).toMatchObject({
      chat: { id: -42, type: "group" },
      entities: [{ type: "bot_command", offset: 0, length: 22 }],
    });
    const channelPost = h.tg.pushChannelPost(-100777, "hello");
    expect(channelPost.channel_post).toMatchObject({ chat: { id: -100777, type: "channel" }, text: "hello" });
  });
});
