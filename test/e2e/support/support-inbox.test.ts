import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminAuditLog, starPayments, supportMessages } from "../../../src/db/schema/index.js";
import { ADMIN_ACTIONS } from "../../../src/domain/admin/audit-log.js";
import type { EmulatedMessage } from "../../../src/sandbox/telegram-emulator/index.js";
import { startBotApp, type BotAppHarness } from "../../support/bot-app.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { waitUntil } from "../../support/wait.js";
import { seen } from "../admin/admin-harness.js";
import { invoiceForPreset, moneyOf, onboard } from "../payments/payment-helpers.js";

const SUPPORT_CHAT = -1_009_990_001;
const STAFF = { id: 7_790_001, first_name: "Sam" };
const support = { contact: "@bananapics_support", email: "blogchikuz@gmail.com" };
let nextUserId = 7_791_000;

async function storedMessages(h: BotAppHarness, userId: number) {
  return h.app.database.db.select().from(supportMessages).where(eq(supportMessages.userId, userId)).orderBy(supportMessages.id);
}

describe.each(TEST_TARGETS)("the support inbox end to end on $name", (target) => {
  describe("with a support chat", () => {
    let h: BotAppHarness;
    beforeAll(async () => {
      h = await startBotApp(target, { env: { ADMIN_IDS: "7790999", SUPPORT_CHAT_ID: String(SUPPORT_CHAT) } });
      // The bot was added to the staff group: its chatter reaches the bot and is left alone.
      h.bot.pushGroupMessage(STAFF, SUPPORT_CHAT, "morning, team");
    });
    afterAll(async () => {
      await h?.stop();
    });

    it("a user's message travels to the support chat, and staff's reply travels back", async () => {
      const id = ++nextUserId;
      const user = await onboard(h, id, "en");
      h.bot.markCalls();
      await user.sendText("/support");
      expect((await h.bot.waitForBotMessage(id)).text).toBe(seen(h, "en", "support-text", support));

      h.bot.markCalls();
      const question = await user.sendText("My <image> failed & vanished");
      await h.bot.waitForBotMessage(id, (m) => m.text === seen(h, "en", "support-sent"));
      const header = await h.bot.waitForBotMessage(SUPPORT_CHAT, (m) => (m.text ?? "").includes(`Telegram id ${id}`));
      expect(header.text).toContain(seen(h, "en", "support-kind-support"));
      expect(header.text).toContain("language en · balance 0 cr");
      const copy = await h.bot.waitForBotMessage(SUPPORT_CHAT, (m) => m.text === "My <image> failed & vanished");
      const copied = h.bot.calls.find((c) => c.method === "copyMessage" && c.ok && (c.result as { message_id: number }).message_id === copy.message_id);
      expect(copied?.payload.reply_parameters).toMatchObject({ message_id: header.message_id });
      const { userId } = await moneyOf(h, id);
      expect(await storedMessages(h, userId)).toMatchObject([{ direction: "in", kind: "support", text: "My <image> failed & vanished", userMessageId: question.message_id }]);

      // Staff answers by replying to the relayed copy in the group.
      h.bot.markCalls();
      h.bot.pushUpdate({
        message: {
          message_id: 900_001,
          date: Math.floor(Date.now() / 1000),
          chat: { id: SUPPORT_CHAT, type: "supergroup", title: "Support" },
          from: { id: STAFF.id, is_bot: false, first_name: STAFF.first_name },
          text: "Refunded, sorry! <3",
          reply_to_message: { message_id: copy.message_id, date: copy.date, chat: { id: SUPPORT_CHAT, type: "supergroup", title: "Support" } },
        },
      } as Parameters<typeof h.bot.pushUpdate>[0]);
      const answer = await h.bot.waitForBotMessage(id);
      expect(answer.text).toBe(`${seen(h, "en", "support-answer-header")}\n\nRefunded, sorry! <3`);
      const answered = await h.bot.waitForCall("sendMessage", (c) => c.payload.chat_id === id && c.ok);
      expect(answered.payload.reply_parameters).toMatchObject({ message_id: question.message_id });
      const receipt = await h.bot.waitForBotMessage(SUPPORT_CHAT, (m) => m.text === seen(h, "en", "support-answer-delivered", { name: "Ann" }));
      expect(receipt).toBeDefined();
      const stored = await storedMessages(h, userId);
      expect(stored.map((s) => [s.direction, s.text, s.adminTelegramId])).toEqual([
        ["in", "My <image> failed & vanished", null],
        ["out", "Refunded, sorry! <3", STAFF.id],
      ]);
      const [audited] = await h.app.database.db.select().from(adminAuditLog).where(eq(adminAuditLog.targetUserId, userId));
      expect(audited).toMatchObject({ adminTelegramId: STAFF.id, action: ADMIN_ACTIONS.supportReplied });

      // The user replies to the answer: a follow-up reaches support without /support.
      h.bot.markCalls();
      await user.sendText("Thanks, it worked", { reply_to_message_id: answer.message_id });
      await h.bot.waitForBotMessage(SUPPORT_CHAT, (m) => m.text === "Thanks, it worked");
      await waitUntil(async () => (await storedMessages(h, userId)).length === 3, "the follow-up is stored");
      // Only the replies to relayed messages are taken from the group; its chatter never gets an answer.
      expect(h.bot.calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === SUPPORT_CHAT && String(c.payload.text).includes("morning"))).toEqual([]);
    });

    it("takes only text or a photo, and /support can be cancelled", async () => {
      const id = ++nextUserId;
      const user = await onboard(h, id, "ru");
      h.bot.markCalls();
      await user.sendText("/support");
      const prompt = await h.bot.waitForBotMessage(id);
      h.bot.markCalls();
      await user.sendDocument({ file_name: "log.txt", mime_type: "text/plain", content: Buffer.from("log") });
      expect((await h.bot.waitForBotMessage(id)).text).toBe(seen(h, "ru", "support-text-or-photo"));
      h.bot.markCalls();
      await user.pressButton(prompt, "support:cancel");
      await h.bot.waitForBotMessage(id, (m) => m.text === seen(h, "ru", "support-cancelled"));
      // After cancelling, a text is a prompt again, not a support message.
      const { userId } = await moneyOf(h, id);
      expect(await storedMessages(h, userId)).toEqual([]);
    });
  });

  describe("without a support chat", () => {
    const ADMINS = [7_790_101, 7_790_102];
    let h: BotAppHarness;
    beforeAll(async () => {
      h = await startBotApp(target, { env: { ADMIN_IDS: ADMINS.join(",") } });
      for (const [index, adminId] of ADMINS.entries()) {
        const admin = h.bot.user({ id: adminId, first_name: `Admin${index}`, language_code: index === 0 ? "en" : "ru" });
        h.bot.markCalls();
        await admin.sendText("/admin");
        await h.bot.waitForBotMessage(adminId);
      }
    });
    afterAll(async () => {
      await h?.stop();
    });

    it("/paysupport reaches every admin with the user's payments; an admin's reply in their own chat goes back", async () => {
      const id = ++nextUserId;
      const user = await onboard(h, id, "uz");
      const invoice = await invoiceForPreset(h, user, 70);
      await user.pay(invoice);
      await waitUntil(async () => (await moneyOf(h, id)).balance === 1000, "the purchase is credited");

      h.bot.markCalls();
      await user.sendText("/paysupport");
      await h.bot.waitForBotMessage(id, (m) => m.text === seen(h, "uz", "paysupport-text", support));
      h.bot.markCalls();
      await user.sendPhoto({ caption: "charged twice?" });
      await h.bot.waitForBotMessage(id, (m) => m.text === seen(h, "uz", "support-sent"));

      const { userId: payerId } = await moneyOf(h, id);
      const [payment] = await h.app.database.db.select().from(starPayments).where(eq(starPayments.userId, payerId));
      const copies: EmulatedMessage[] = [];
      for (const [index, adminId] of ADMINS.entries()) {
        const locale = index === 0 ? "en" : "ru";
        const header = await h.bot.waitForBotMessage(adminId, (m) => (m.text ?? "").includes(String(id)));
        expect(header.text).toContain(seen(h, locale, "support-kind-payment"));
        expect(header.text).toMatch(/⭐ 70 → 1\D?000/);
        expect(header.text).toContain(payment!.chargeId);
        copies.push(await h.bot.waitForBotMessage(adminId, (m) => m.caption === "charged twice?"));
      }

      // The second admin answers in their own chat, replying to the copy they got.
      const second = h.bot.user({ id: ADMINS[1]!, first_name: "Admin1" });
      h.bot.markCalls();
      await second.sendText("See the receipt in your history", { reply_to_message_id: copies[1]!.message_id });
      const answer = await h.bot.waitForBotMessage(id);
      expect(answer.text).toBe(`${seen(h, "uz", "support-answer-header")}\n\nSee the receipt in your history`);
      await h.bot.waitForBotMessage(ADMINS[1]!, (m) => m.text === seen(h, "ru", "support-answer-delivered", { name: "Ann" }));
      const { userId } = await moneyOf(h, id);
      const stored = await storedMessages(h, userId);
      expect(stored.map((s) => [s.direction, s.kind])).toEqual([
        ["in", "payment"],
        ["out", "payment"],
      ]);
      expect(stored[0]?.fileId).toBeTruthy();
    });
  });

  describe("with nobody to receive it", () => {
    let h: BotAppHarness;
    beforeAll(async () => {
      h = await startBotApp(target);
    });
    afterAll(async () => {
      await h?.stop();
    });

    it("keeps the message and points the user to the other contacts", async () => {
      const id = ++nextUserId;
      const user = await onboard(h, id, "en");
      h.bot.markCalls();
      await user.sendText("/support");
      await h.bot.waitForBotMessage(id);
      h.bot.markCalls();
      await user.sendText("hello?");
      expect((await h.bot.waitForBotMessage(id)).text).toBe(seen(h, "en", "support-unavailable", support));
      const { userId } = await moneyOf(h, id);
      expect(await storedMessages(h, userId)).toHaveLength(1);
    });
  });
});
