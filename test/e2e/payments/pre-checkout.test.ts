import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCALES } from "../../../src/config.js";
import { starOrders } from "../../../src/db/schema/index.js";
import type { Update } from "grammy/types";
import { startBotApp, type BotAppHarness } from "../../support/bot-app.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { invoiceForPreset, moneyOf, onboard, orderFor, sendForgedInvoice, translations } from "./payment-helpers.js";

let nextUserId = 620_000;

describe.each(TEST_TARGETS)("pre-checkout end to end on $name", (target) => {
  let h: BotAppHarness;
  beforeAll(async () => {
    h = await startBotApp(target);
  });
  afterAll(async () => {
    await h?.stop();
  });

  for (const locale of LOCALES) {
    it(`refuses a banned user, a tampered payload, a wrong amount, someone else's order, an expired and a paid one, in ${locale}`, async () => {
      const { plain } = translations(h, locale);
      const id = ++nextUserId;
      const user = await onboard(h, id, locale);
      const expectRefusal = async (invoiceMessageId: number, key: string, vars?: Record<string, string>) => {
        const outcome = await user.pay(invoiceMessageId);
        expect(outcome).toMatchObject({ ok: false, errorMessage: plain(key, vars) });
      };

      const own = await orderFor(h, id);
      const tampered = await sendForgedInvoice(h, id, `${own.payload.slice(0, -1)}${own.payload.endsWith("A") ? "B" : "A"}`, 70);
      await expectRefusal(tampered.message_id, "payment-refused-order-not-found");

      const wrongAmount = await sendForgedInvoice(h, id, own.payload, 1);
      await expectRefusal(wrongAmount.message_id, "payment-refused-amount-mismatch");

      const stranger = ++nextUserId;
      await onboard(h, stranger, "en");
      const theirs = await orderFor(h, stranger);
      const notMine = await sendForgedInvoice(h, id, theirs.payload, 70);
      await expectRefusal(notMine.message_id, "payment-refused-order-not-yours");

      const expiring = await invoiceForPreset(h, user, 70);
      await h.app.database.db.update(starOrders).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(starOrders.userId, own.userId));
      await expectRefusal(expiring.message_id, "payment-refused-order-expired");

      const fresh = await orderFor(h, id);
      const first = await sendForgedInvoice(h, id, fresh.payload, 70);
      h.bot.markCalls();
      expect((await user.pay(first)).ok).toBe(true);
      // Paid means recorded: wait for the confirmation (successful_payment is handled after the answer).
      await h.bot.waitForBotMessage(id, (m) => m.text?.startsWith("✅") ?? false);
      const second = await sendForgedInvoice(h, id, fresh.payload, 70);
      await expectRefusal(second.message_id, "payment-refused-order-already-paid");

      const beforeBan = await invoiceForPreset(h, user, 140);
      await h.app.users.ban(id, "chargebacks <3");
      await expectRefusal(beforeBan.message_id, "banned", { reason: "chargebacks <3" });
      await h.app.users.unban(id);

      // Only the one approved payment moved money.
      expect(await moneyOf(h, id)).toMatchObject({ balance: 1000, ledgerSum: 1000, entries: 1 });
      expect(await moneyOf(h, stranger)).toMatchObject({ balance: 0, entries: 0 });
    });
  }

  it("answers at once, before anything else the bot does for that payment", async () => {
    const id = ++nextUserId;
    const user = await onboard(h, id, "en");
    const invoice = await invoiceForPreset(h, user, 70);
    let pushedAt = 0;
    let queryId = "";
    const onUpdate = (update: Update) => {
      if (update.pre_checkout_query?.from.id === id) {
        pushedAt = Date.now();
        queryId = update.pre_checkout_query.id;
      }
    };
    h.bot.events.on("update", onUpdate);
    h.bot.markCalls();
    const outcome = await user.pay(invoice);
    h.bot.events.off("update", onUpdate);
    expect(outcome.ok).toBe(true);
    const answer = await h.bot.waitForCall("answerPreCheckoutQuery", (c) => c.payload.pre_checkout_query_id === queryId);
    // Well inside Telegram's 10 s (a second or less on an idle machine; the order check reads the database,
    // which a CI machine running several suites can slow down). "Before anything else" is the order below.
    expect(answer.at - pushedAt).toBeLessThan(5000);
    // The confirmation message comes only after the answer (and after Telegram's successful_payment).
    const confirmation = await h.bot.waitForCall("sendMessage", (c) => c.payload.chat_id === id && c.at >= pushedAt);
    expect(confirmation.at).toBeGreaterThanOrEqual(answer.at);
    await h.bot.waitForBotMessage(id, (m) => m.text?.includes("+1,000") ?? false);
  });
});
