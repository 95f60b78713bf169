import { afterEach, describe, expect, it, vi } from "vitest";
import type { ChatMessageView } from "../../../src/sandbox/chat-page/api-types.js";
import { CHAT_ACTION_MS, chatReducer, initialChatState } from "../../../web/sandbox/src/chat-state.js";

const message = (id: number, from: "bot" | "user", text: string): ChatMessageView => ({ id, from, date: 1_700_000_000, edited: false, text });

afterEach(() => {
  vi.useRealTimers();
});

describe("the chat page's chat state", () => {
  it("keeps messages in id order and replaces an edited message in place", () => {
    let state = chatReducer(initialChatState, { type: "history", messages: [message(2, "bot", "b"), message(1, "user", "a")] });
    expect(state.loaded).toBe(true);
    state = chatReducer(state, { type: "upsert", message: message(3, "bot", "c") });
    state = chatReducer(state, { type: "upsert", message: { ...message(2, "bot", "b2"), edited: true } });
    expect(state.messages.map((m) => [m.id, m.text, m.edited])).toEqual([
      [1, "a", false],
      [2, "b2", true],
      [3, "c", false],
    ]);
    state = chatReducer(state, { type: "delete", messageId: 2 });
    expect(state.messages.map((m) => m.id)).toEqual([1, 3]);
  });

  it("shows a chat action until a bot message arrives or 5 s pass", () => {
    vi.useFakeTimers();
    vi.setSystemTime(10_000);
    let state = chatReducer(initialChatState, { type: "chat_action", action: "typing", at: 10_000 });
    expect(state.chatAction).toEqual({ action: "typing", until: 10_000 + CHAT_ACTION_MS });
    expect(chatReducer(state, { type: "upsert", message: message(1, "user", "hi") }).chatAction).toBeDefined();
    expect(chatReducer(state, { type: "upsert", message: message(1, "bot", "hi") }).chatAction).toBeUndefined();
    expect(chatReducer(state, { type: "chat_action_expired" }).chatAction).toBeDefined();
    vi.setSystemTime(10_000 + CHAT_ACTION_MS);
    state = chatReducer(state, { type: "chat_action_expired" });
    expect(state.chatAction).toBeUndefined();
  });

  it("marks an invoice paid without touching other messages", () => {
    const invoice: ChatMessageView = {
      ...message(5, "bot", ""),
      invoice: { title: "Pack", description: "d", currency: "XTR", totalAmount: 5, paid: false },
    };
    const state = chatReducer(chatReducer(initialChatState, { type: "history", messages: [invoice, message(6, "user", "x")] }), {
      type: "invoice_paid",
      messageId: 5,
    });
    expect(state.messages[0]?.invoice?.paid).toBe(true);
    expect(state.messages[1]).toEqual(message(6, "user", "x"));
  });
});
