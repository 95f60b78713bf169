import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCALES } from "../../../src/config.js";
import { creditsText, paymentCreditedNotice } from "../../../src/domain/payments/payment-notices.js";
import { credit, listEntries } from "../../../src/domain/ledger/ledger.js";
import { LEDGER_KINDS } from "../../../src/domain/ledger/ledger-kinds.js";
import { startBotApp, type BotAppHarness } from "../../support/bot-app.js";
import { plainText } from "../../support/plain-text.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { buttonData, invoiceForPreset, moneyOf, onboard, translations } from "./payment-helpers.js";

let nextUserId = 610_000;

describe.each(TEST_TARGETS)("top-up end to end on $name", (target) => {
  let h: BotAppHarness;
  beforeAll(async () => {
    h = await startBotApp(target);
  });
  afterAll(async () => {
    await h?.stop();
  });

  for (const locale of LOCALES) {
    it(`buys a preset and a custom amount in ${locale}: messages, balance and history are right`, async () => {
      const id = ++nextUserId;
      const user = await onboard(h, id, locale);
      const { t, plain } = translations(h, locale);
      const credits = (n: number) => creditsText(t, n);

      // Profile before any purchase.
      h.bot.markCalls();
      await user.sendText("/profile");
      const profile = await h.bot.waitForBotMessage(id);
      expect(profile.text).toBe(plain("profile-text", { telegramId: String(id), balance: credits(0), generations: t("profile-generations", { count: 0 }) }));
      expect(buttonData(profile)).toEqual(["topup:show", "hist:page:0", "ref:show", "home:settings", "home:show"]);

      // The top-up screen: rate, balance and the six default presets.
      h.bot.markCalls();
      await user.sendText("/topup");
      const menu = await h.bot.waitForBotMessage(id);
      expect(menu.text).toBe(plain("topup-title", { rateStars: 70, rateCredits: credits(1000), balance: credits(0) }));
      expect(buttonData(menu)).toEqual([
        "topup:pick:70",
        "topup:pick:140",
        "topup:pick:210",
        "topup:pick:350",
        "topup:pick:700",
        "topup:pick:1400",
        "topup:custom",
        "home:show",
      ]);

      // Preset: 140 ⭐ → 2000 credits.
      h.bot.markCalls();
      await user.pressButton(menu, "topup:pick:140");
      const confirmation = await h.bot.waitForBotMessage(id, (m) => buttonData(m).includes("topup:pay:140"));
      expect(confirmation.text).toBe(plain("topup-confirm", { credits: credits(2000), stars: 140, generations: t("profile-generations", { count: 20 }) }));
      h.bot.markCalls();
      await user.pressButton(confirmation, "topup:pay:140");
      const invoice = await h.bot.waitForBotMessage(id, (m) => m.invoice !== undefined);
      expect(invoice.invoice).toMatchObject({ currency: "XTR", total_amount: 140, title: t("topup-invoice-title", { credits: credits(2000) }) });
      const invoiceCall = await h.bot.waitForCall("sendInvoice");
      expect(invoiceCall.payload.payload).toMatch(/^ord_/);
      expect(invoiceCall.payload.prices).toEqual([{ label: t("topup-invoice-title", { credits: credits(2000) }), amount: 140 }]);

      h.bot.markCalls();
      const paid = await user.pay(invoice);
      expect(paid.ok).toBe(true);
      const receipt = await h.bot.waitForBotMessage(id);
      expect(receipt.text).toBe(plainText(paymentCreditedNotice(t, { credits: 2000, stars: 140, balance: 2000 })));

      // Custom amount: wrong inputs are explained, then 100 ⭐ → 1428 credits (rounded down).
      h.bot.markCalls();
      await user.sendText("/topup");
      const menu2 = await h.bot.waitForBotMessage(id);
      h.bot.markCalls();
      await user.pressButton(menu2, "topup:custom");
      const ask = await h.bot.waitForBotMessage(id);
      expect(ask.text).toBe(plain("topup-custom-ask", { min: 70, max: 10_000 }));
      for (const [input, key, vars] of [
        ["a lot", "topup-error-not-a-number", {}],
        ["5", "topup-error-too-small", { min: 70 }],
        ["20000", "topup-error-too-large", { max: 10_000 }],
      ] as const) {
        h.bot.markCalls();
        await user.sendText(input);
        expect((await h.bot.waitForBotMessage(id)).text).toBe(plain(key, vars));
      }
      h.bot.markCalls();
      await user.sendText("100");
      const customConfirmation = await h.bot.waitForBotMessage(id);
      expect(customConfirmation.text).toBe(plain("topup-confirm", { credits: credits(1428), stars: 100, generations: t("profile-generations", { count: 14 }) }));
      h.bot.markCalls();
      await user.pressButton(customConfirmation, "topup:pay:100");
      const customInvoice = await h.bot.waitForBotMessage(id, (m) => m.invoice !== undefined);
      expect(customInvoice.invoice?.total_amount).toBe(100);
      h.bot.markCalls();
      expect((await user.pay(customInvoice)).ok).toBe(true);
      expect((await h.bot.waitForBotMessage(id)).text).toBe(plainText(paymentCreditedNotice(t, { credits: 1428, stars: 100, balance: 3428 })));

      // After the question was answered, text is no longer taken as an amount.
      h.bot.markCalls();
      await user.sendText("250");
      expect(buttonData(await h.bot.waitForBotMessage(id))).not.toContain("topup:pay:250");

      // Balance, ledger and what the user sees agree.
      expect(await moneyOf(h, id)).toMatchObject({ balance: 3428, ledgerSum: 3428, entries: 2 });
      h.bot.markCalls();
      await user.sendText("/profile");
      expect((await h.bot.waitForBotMessage(id)).text).toBe(
        plain("profile-text", { telegramId: String(id), balance: credits(3428), generations: t("profile-generations", { count: 34 }) }),
      );

      h.bot.markCalls();
      await user.sendText("/history");
      const history = await h.bot.waitForBotMessage(id);
      const [newest, older] = await entriesOf(h, id);
      const entry = (e: { delta: number; balanceAfter: number; createdAt: Date }) =>
        plain("history-entry", { sign: "+", amount: e.delta, kind: t("ledger-kind-purchase"), date: e.createdAt.getTime(), balance: e.balanceAfter });
      expect(history.text).toBe([plain("history-title", { page: 1, pages: 1 }), "", entry(newest!), "", entry(older!)].join("\n"));
      expect(history.text).toContain(t("ledger-kind-purchase"));
    });
  }

  it("offers Profile and Top up on the home menu and keeps one screen per menu", async () => {
    const id = ++nextUserId;
    const user = await onboard(h, id, "en");
    h.bot.markCalls();
    await user.sendText("/start");
    const home = await h.bot.waitForBotMessage(id);
    expect(buttonData(home)).toEqual(expect.arrayContaining(["home:profile", "home:topup"]));
    h.bot.markCalls();
    await user.pressButton(home, "home:profile");
    const profile = await h.bot.waitForBotMessage(id);
    expect(profile.message_id).toBe(home.message_id);
    h.bot.markCalls();
    await user.pressButton(profile, "topup:show");
    const topUp = await h.bot.waitForBotMessage(id);
    expect(topUp.message_id).toBe(home.message_id);
    expect(buttonData(topUp)).toContain("topup:pick:70");
    // A forged amount outside the presets and the custom range is refused, not invoiced.
    h.bot.markCalls();
    h.bot.pushUpdate({
      callback_query: {
        id: `forged-${id}`,
        from: { id, is_bot: false, first_name: "Ann" },
        chat_instance: "x",
        data: "topup:pay:1",
        message: topUp.message,
      },
    });
    const refusal = await h.bot.waitForBotMessage(id);
    expect(refusal.text).toBe(translations(h, "en").plain("topup-error-too-small", { min: 70 }));
    expect(h.bot.calls.some((c) => c.method === "sendInvoice" && c.payload.chat_id === id)).toBe(false);
  });

  it("pages through a long history, newest first, with every kind localized", async () => {
    const id = ++nextUserId;
    const user = await onboard(h, id, "uz");
    const { t, plain } = translations(h, "uz");
    const { userId } = await moneyOf(h, id);
    const kinds = [LEDGER_KINDS.purchase, LEDGER_KINDS.generationRefund, LEDGER_KINDS.referralJoinBonus, LEDGER_KINDS.adminAdjustment];
    for (let i = 1; i <= 12; i++) {
      const kind = kinds[i % kinds.length]!;
      await credit(h.app.database.db, { userId, amount: i, kind, reference: `test:${i}`, idempotencyKey: `history-${id}-${i}` });
    }
    h.bot.markCalls();
    await user.sendText("/history");
    const first = await h.bot.waitForBotMessage(id);
    expect(first.text?.startsWith(plain("history-title", { page: 1, pages: 2 }))).toBe(true);
    expect(buttonData(first)).toEqual(["hist:page:1", "home:profile", "home:show"]);
    expect(first.text).toContain(t("ledger-kind-referral-join-bonus"));
    h.bot.markCalls();
    await user.pressButton(first, "hist:page:1");
    const second = await h.bot.waitForBotMessage(id);
    expect(second.message_id).toBe(first.message_id);
    expect(second.text?.startsWith(plain("history-title", { page: 2, pages: 2 }))).toBe(true);
    expect(second.text?.split("\n\n").length).toBe(1 + 2);
    expect(buttonData(second)).toEqual(["hist:page:0", "home:profile", "home:show"]);
    // A forged page beyond the end shows the last page.
    h.bot.markCalls();
    await user.pressButton(second, "hist:page:0");
    await h.bot.waitForBotMessage(id, (m) => m.text?.startsWith(plain("history-title", { page: 1, pages: 2 })) ?? false);
    h.bot.markCalls();
    h.bot.pushUpdate({
      callback_query: { id: `forged-${id}`, from: { id, is_bot: false, first_name: "Ann" }, chat_instance: "x", data: "hist:page:99", message: first.message },
    });
    const last = await h.bot.waitForBotMessage(id);
    expect(last.text?.startsWith(plain("history-title", { page: 2, pages: 2 }))).toBe(true);
  });

  it("a cancelled question frees the next message, and an empty history says so", async () => {
    const id = ++nextUserId;
    const user = await onboard(h, id, "ru");
    const { plain } = translations(h, "ru");
    h.bot.markCalls();
    await user.sendText("/topup");
    const menu = await h.bot.waitForBotMessage(id);
    h.bot.markCalls();
    await user.pressButton(menu, "topup:custom");
    const ask = await h.bot.waitForBotMessage(id);
    h.bot.markCalls();
    const answer = await user.pressButton(ask, "topup:cancel");
    expect(answer?.text).toBe(plain("topup-cancelled"));
    await h.bot.waitForBotMessage(id, (m) => m.edited && buttonData(m).includes("topup:custom"));
    // The next text is no longer read as an amount: whatever answers it, it is not the top-up.
    h.bot.markCalls();
    await user.sendText("250");
    const reply = await h.bot.waitForBotMessage(id);
    expect(buttonData(reply)).not.toContain("topup:pay:250");
    expect(reply.text).not.toBe(plain("topup-error-not-a-number"));
    h.bot.markCalls();
    await user.sendText("/history");
    expect((await h.bot.waitForBotMessage(id)).text).toBe(plain("history-empty"));
    const invoice = await invoiceForPreset(h, user, 70);
    expect(invoice.invoice?.total_amount).toBe(70);
  });
});

async function entriesOf(h: BotAppHarness, telegramId: number) {
  const { userId } = await moneyOf(h, telegramId);
  return (await listEntries(h.app.database.db, userId, { limit: 10, offset: 0 })).entries;
}
