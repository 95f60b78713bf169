import { describe, expect, it } from "vitest";
import type { ChatMessageView } from "../../../src/sandbox/chat-page/api-types.js";
import { chatItems } from "../../../web/sandbox/src/message-groups.js";

const DAY = 86_400;
const base = Math.floor(new Date(2025, 0, 10, 12).getTime() / 1000);
const message = (id: number, extra: Partial<ChatMessageView> = {}): ChatMessageView => ({ id, from: "user", date: base, edited: false, ...extra });

describe("the chat page's message grouping", () => {
  it("puts an album in one bubble, payments in service rows and a separator per day", () => {
    const items = chatItems([
      message(1, { text: "hi" }),
      message(2, { mediaGroupId: "g1", text: "caption" }),
      message(3, { mediaGroupId: "g1" }),
      message(4, { mediaGroupId: "g2" }),
      message(5, { payment: { kind: "paid", currency: "XTR", totalAmount: 5, chargeId: "stx1" } }),
      message(6, { from: "bot", mediaGroupId: "g2" }),
      message(7, { date: base + DAY, text: "tomorrow" }),
    ]);
    const shown = items.map((item) =>
      item.kind === "bubble" ? `bubble:${item.messages.map((m) => m.id).join("+")}`
      : item.kind === "service" ? `service:${item.message.id}`
      : "day",
    );
    expect(shown).toEqual([
      "day",
      "bubble:1",
      "bubble:2+3",
      "bubble:4",
      "service:5",
      "bubble:6",
      "day",
      "bubble:7",
    ]);
  });
});
