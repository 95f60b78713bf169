import { InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./helpers.js";

let h: Harness;
afterEach(async () => {
  await h.stop();
});

const alice = { id: 111, first_name: "Alice", username: "alice", language_code: "de" };

async function withChat(): Promise<Harness> {
  const harness = await startHarness();
  await harness.tg.user(alice).sendText("hello");
  return harness;
}

describe("what users send", () => {
  it("produces realistic message updates with bot_command entities", async () => {
    h = await startHarness();
    const user = h.tg.user(alice);
    const first = await user.sendText("  /start ref_42 \n");
    const second = await user.sendText("try /help now", { reply_to_message_id: first.message_id });
    expect(first).toMatchObject({
      message_id: 1,
      chat: { id: 111, type: "private", first_name: "Alice", username: "alice" },
      from: { id: 111, is_bot: false, first_name: "Alice", language_code: "de" },
      text: "/start ref_42",
      entities: [{ type: "bot_command", offset: 0, length: 6 }],
    });
    expect(first.date).toBeGreaterThan(1_700_000_000);
    expect(second).toMatchObject({
      message_id: 2,
      entities: [{ type: "bot_command", offset: 4, length: 5 }],
      reply_to_message: { message_id: 1, text: "/start ref_42" },
    });
  });
});

describe("sendMessage checks", () => {
  it("parses HTML into text and entities", async () => {
    h = await withChat();
    const sent = await h.call("sendMessage", {
      chat_id: 111,
      text: '<b>Ready</b> 🍌 <a href="https://t.me/x">open</a>',
      parse_mode: "HTML",
    });
    expect(sent.status).toBe(200);
    expect(sent.body.result).toMatchObject({
      message_id: 2,
      from: { id: 123456, is_bot: true, username: "banana_test_bot" },
      text: "Ready 🍌 open",
      entities: [
        { type: "bold", offset: 0, length: 5 },
        { type: "text_link", offset: 9, length: 4, url: "https://t.me/x" },
      ],
    });
    expect(h.tg.chat(111).lastBotMessage()?.text).toBe("Ready 🍌 open");
  });

  it("rejects unknown tags, unclosed tags, empty and too long text", async () => {
    h = await withChat();
    const send = async (text: string, parse_mode?: string) =>
      (await h.call("sendMessage", { chat_id: 111, text, ...(parse_mode ? { parse_mode } : {}) })).body.description;
    expect(await send("Price <10 stars>", "HTML")).toBe(
      'Bad Request: can\'t parse entities: Unsupported start tag "10" at byte offset 6',
    );
    expect(await send("<b>unclosed", "HTML")).toBe(
      "Bad Request: can't parse entities: Can't find end tag corresponding to start tag b",
    );
    expect(await send("")).toBe("Bad Request: message text is empty");
    expect(await send("<b> </b>", "HTML")).toBe("Bad Request: message text is empty");
    expect(await send("x".repeat(4097))).toBe("Bad Request: message is too long");
    expect(await send(`<b>${"x".repeat(4096)}</b>`, "HTML")).toBeUndefined();
    expect(h.tg.chat(111).messages.filter((m) => m.from === "bot")).toHaveLength(1);
  });

  it("checks inline keyboards: callback_data size, button shape, URL schemes, JSON", async () => {
    h = await withChat();
    const send = async (reply_markup: unknown) =>
      (await h.call("sendMessage", { chat_id: 111, text: "menu", reply_markup })).body.description;
    expect(await send({ inline_keyboard: [[{ text: "x", callback_data: "é".repeat(33) }]] })).toBe(
      "Bad Request: BUTTON_DATA_INVALID",
    );
    expect(await send({ inline_keyboard: [[{ text: "x", callback_data: "d".repeat(64) }]] })).toBeUndefined();
    expect(await send({ inline_keyboard: [[{ text: "plain" }]] })).toBe(
      "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
    );
    expect(await send({ inline_keyboard: [[{ text: "x", url: "javascript:alert(1)" }]] })).toBe(
      "Bad Request: BUTTON_URL_INVALID",
    );
    expect(await send({ inline_keyboard: [{ text: "x", callback_data: "a" }] })).toBe(
      'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays',
    );
    const many = Array.from({ length: 11 }, () => Array.from({ length: 10 }, () => ({ text: "b", callback_data: "b" })));
    expect(await send({ inline_keyboard: many })).toBe("Bad Request: reply markup is too long");
    expect(await send("{not json")).toBe("Bad Request: can't parse reply keyboard markup JSON object");
  });
});

describe("buttons, edits and deletes", () => {
  it("round-trips a button press through a grammY bot", async () => {
    h = await startHarness();
    h.bot.command("start", (ctx) =>
      ctx.reply("Pick a style", { reply_markup: new InlineKeyboard().text("Anime", "style:anime").url("Help", "https://example.com/help") }),
    );
    h.bot.callbackQuery(/^style:(.+)$/, async (ctx) => {
      await ctx.answerCallbackQuery({ text: `Style ${ctx.match[1]}` });
      await ctx.editMessageText(`Style set: ${ctx.match[1]}`);
    });
    await h.startPolling();
    const user = h.tg.user(alice);
    await user.sendText("/start");
    const menu = await h.tg.waitForBotMessage(111, (m) => m.text === "Pick a style");
    expect(await user.pressButton(menu, "Help")).toEqual({ url: "https://example.com/help" });

    const answer = await user.pressButton(menu, "Anime");
    expect(answer).toEqual({ text: "Style anime" });
    const edited = await h.tg.waitForBotMessage(111, (m) => m.edited);
    expect(edited).toMatchObject({ message_id: menu.message_id, text: "Style set: anime", edited: true });
    // Editing without reply_markup removes the keyboard, as on Telegram.
    expect(edited.reply_markup).toBeUndefined();
    expect(h.tg.chat(111).messages.map((m) => m.text)).toEqual(["/start", "Style set: anime"]);

    const query = (await h.tg.waitForCall("answerCallbackQuery")).payload.callback_query_id;
    expect((await h.call("answerCallbackQuery", { callback_query_id: query })).body.description).toBe(
      "Bad Request: query is too old and response timeout expired or query ID is invalid",
    );
    await expect(user.pressButton(menu, "Anime")).rejects.toThrow(/No inline button "Anime"/);
  });

  it("lets the bot answer callback queries pushed as raw updates, once", async () => {
    h = await withChat();
    h.tg.pushUpdate({
      callback_query: { id: "raw-1", from: { id: 111, is_bot: false, first_name: "Alice" }, chat_instance: "c", data: "x" },
    });
    expect((await h.call("answerCallbackQuery", { callback_query_id: "raw-1", text: "ok" })).body).toEqual({ ok: true, result: true });
    expect((await h.call("answerCallbackQuery", { callback_query_id: "raw-1" })).status).toBe(400);
    expect((await h.call("answerCallbackQuery", { callback_query_id: "never-sent" })).status).toBe(400);
  });

  it("edits in place, refuses no-op edits, and deletes", async () => {
    h = await withChat();
    const sent = (await h.call("sendMessage", {
      chat_id: 111,
      text: "Generating…",
      reply_markup: { inline_keyboard: [[{ text: "Cancel", callback_data: "cancel" }]] },
    })).body.result as Message;
    h.tg.markCalls();
    const same = await h.call("editMessageText", {
      chat_id: 111,
      message_id: sent.message_id,
      text: "Generating…",
      reply_markup: { inline_keyboard: [[{ text: "Cancel", callback_data: "cancel" }]] },
    });
    expect(same.body.description).toBe(
      "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
    );
    await h.call("editMessageReplyMarkup", { chat_id: 111, message_id: sent.message_id });
    const view = await h.tg.waitForBotMessage(111);
    expect(view).toMatchObject({ text: "Generating…", edited: true });
    expect(view.reply_markup).toBeUndefined();
    expect((await h.call("editMessageText", { chat_id: 111, message_id: 1, text: "hijack" })).body.description).toBe(
      "Bad Request: message can't be edited",
    );
    expect((await h.call("editMessageText", { chat_id: 111, message_id: 99, text: "x" })).body.description).toBe(
      "Bad Request: message to edit not found",
    );

    expect((await h.call("deleteMessage", { chat_id: 111, message_id: sent.message_id })).body.result).toBe(true);
    expect(h.tg.chat(111).messages.map((m) => m.message_id)).toEqual([1]);
    expect((await h.call("deleteMessage", { chat_id: 111, message_id: sent.message_id })).body.description).toBe(
      "Bad Request: message to delete not found",
    );
  });

  it("records chat actions, commands and menu buttons", async () => {
    h = await withChat();
    await h.bot.api.sendChatAction(111, "upload_photo");
    expect(h.tg.chat(111).chatAction?.action).toBe("upload_photo");
    expect((await h.call("sendChatAction", { chat_id: 111, action: "dancing" })).body.description).toBe(
      "Bad Request: wrong parameter action in request",
    );

    await h.bot.api.setMyCommands([{ command: "start", description: "Start" }], { language_code: "de" });
    expect(await h.bot.api.getMyCommands({ language_code: "de" })).toEqual([{ command: "start", description: "Start" }]);
    expect(await h.bot.api.getMyCommands()).toEqual([]);
    await h.bot.api.setChatMenuButton({ menu_button: { type: "commands" } });
    expect(await h.bot.api.getChatMenuButton()).toEqual({ type: "commands" });
    expect(await h.bot.api.getChat(111)).toMatchObject({ id: 111, type: "private", first_name: "Alice" });
  });
});
