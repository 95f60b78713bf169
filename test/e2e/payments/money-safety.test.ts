import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { starPayments } from "../../../src/db/schema/index.js";
import { LEDGER_KINDS } from "../../../src/domain/ledger/ledger-kinds.js";
import { debit } from "../../../src/domain/ledger/ledger.js";
import { paymentCreditedNotice, paymentRefundedNotice, unmatchedPaymentAlert } from "../../../src/domain/payments/payment-notices.js";
import { refundStarPayment } from "../../../src/domain/payments/star-refund.js";
import { QUEUES } from "../../../src/jobs/queues.js";
import { telegramStarsGateway } from "../../../src/jobs/telegram-stars-gateway.js";
import type { UpdateInput, UserActor } from "../../../src/sandbox/telegram-emulator/index.js";
import { startBotApp, type BotAppHarness } from "../../support/bot-app.js";
import { plainText } from "../../support/plain-text.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { waitUntil } from "../../support/wait.js";
import { invoiceForPreset, moneyOf, onboard, translations } from "./payment-helpers.js";

let nextUserId = 630_000;
const ADMIN_ID = 639_999;

describe.each(TEST_TARGETS)("money safety end to end on $name", (target) => {
  let h: BotAppHarness;
  beforeAll(async () => {
    h = await startBotApp(target, { env: { ADMIN_IDS: String(ADMIN_ID) } });
    await onboard(h, ADMIN_ID, "ru", "Admin");
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** Every update of this chat before this point has been handled: updates of one chat run in order. */
  async function settle(user: UserActor): Promise<void> {
    h.bot.markCalls();
    await user.sendText("/help");
    await h.bot.waitForBotMessage(user.id);
  }
  const botTexts = (chatId: number) => h.bot.chat(chatId).messages.filter((m) => m.from === "bot").map((m) => m.text ?? "");

  async function buy(user: UserActor, stars: number) {
    const invoice = await invoiceForPreset(h, user, stars);
    h.bot.markCalls();
    const outcome = await user.pay(invoice);
    expect(outcome.ok).toBe(true);
    await h.bot.waitForBotMessage(user.id, (m) => m.text?.startsWith("✅") ?? false);
    return outcome;
  }

  async function reconcile(): Promise<void> {
    const runs = () => h.logLines.filter((l) => l.includes('"payments reconciled"')).length;
    const before = runs();
    await h.app.queue.send(QUEUES.paymentReconciliation, {});
    await waitUntil(() => runs() > before, "a reconciliation run finished", 15_000);
  }

  it("the same successful_payment delivered 5 times credits once and confirms once", async () => {
    const id = ++nextUserId;
    const user = await onboard(h, id, "uz");
    const { t } = translations(h, "uz");
    const outcome = await buy(user, 70);
    // Telegram redelivers the very same message (a private-chat Message; the emulator's type is the general one).
    const redelivery = { message: outcome.successfulPaymentMessage } as UpdateInput;
    for (let i = 0; i < 4; i++) h.bot.pushUpdate(redelivery);
    await settle(user);
    expect(await moneyOf(h, id)).toMatchObject({ balance: 1000, ledgerSum: 1000, entries: 1 });
    const confirmation = plainText(paymentCreditedNotice(t, { credits: 1000, stars: 70, balance: 1000 }));
    expect(botTexts(id).filter((text) => text === confirmation)).toHaveLength(1);
  });

  it("an admin refund reverses the credits once; a second attempt changes nothing; the user is told once", async () => {
    const id = ++nextUserId;
    const user = await onboard(h, id, "ru");
    const { t, plain } = translations(h, "ru");
    const { chargeId } = await buy(user, 140);
    const gateway = telegramStarsGateway(h.app.bot!.api);

    h.bot.markCalls();
    const first = await refundStarPayment(h.app.database.db, gateway, chargeId!);
    // Telegram's refunded_payment update may reverse the credits before this call does; either way once.
    expect(first).toMatchObject({ telegram: "refunded", deducted: 2000, shortfall: 0 });
    const notice = plainText(paymentRefundedNotice(t, { stars: 140, deducted: 2000, balance: 0 }));
    await h.bot.waitForBotMessage(id, (m) => m.text === notice);

    const second = await refundStarPayment(h.app.database.db, gateway, chargeId!);
    expect(second).toMatchObject({ telegram: "already_refunded", credits: { status: "already_reversed" } });
    await settle(user);
    expect(botTexts(id).filter((text) => text === notice)).toHaveLength(1);
    expect(await moneyOf(h, id)).toMatchObject({ balance: 0, ledgerSum: 0, entries: 2 });
    expect(h.bot.starTransactions.filter((tx) => tx.id === chargeId)).toHaveLength(2);

    // The refund is in the history, localized.
    h.bot.markCalls();
    await user.sendText("/history");
    const history = await h.bot.waitForBotMessage(id);
    expect(history.text).toContain(plain("ledger-kind-payment-refund"));
    expect(history.text).toMatch(/−2\s000/);
  });

  it("a refund after the credits were spent takes what is left and reports the shortfall", async () => {
    const id = ++nextUserId;
    const user = await onboard(h, id, "en");
    const { t } = translations(h, "en");
    const { chargeId } = await buy(user, 70);
    const { userId } = await moneyOf(h, id);
    await debit(h.app.database.db, { userId, amount: 700, kind: LEDGER_KINDS.generationCharge, reference: "generation:test", idempotencyKey: `test-spend-${id}` });
    const result = await refundStarPayment(h.app.database.db, telegramStarsGateway(h.app.bot!.api), chargeId!);
    expect(result).toMatchObject({ telegram: "refunded", deducted: 300, shortfall: 700 });
    await h.bot.waitForBotMessage(id, (m) => m.text === plainText(paymentRefundedNotice(t, { stars: 70, deducted: 300, balance: 0 })));
    const [stored] = await h.app.database.db.select().from(starPayments).where(eq(starPayments.chargeId, chargeId!));
    expect(stored).toMatchObject({ status: "refunded", refundedCredits: 300, refundShortfall: 700 });
    expect(await moneyOf(h, id)).toMatchObject({ balance: 0, ledgerSum: 0 });
  });

  it("a refunded_payment from Telegram reverses once, however often it is delivered", async () => {
    const id = ++nextUserId;
    const user = await onboard(h, id, "uz");
    const { t } = translations(h, "uz");
    await buy(user, 70);
    const { chargeId } = await buy(user, 210);
    h.bot.markCalls();
    // Telegram refunds on its own (a dispute): the bot only gets the service message.
    await h.app.bot!.api.refundStarPayment(id, chargeId!);
    const notice = plainText(paymentRefundedNotice(t, { stars: 210, deducted: 3000, balance: 1000 }));
    const refundMessage = h.bot.chat(id).messages.find((m) => m.refunded_payment?.telegram_payment_charge_id === chargeId);
    await h.bot.waitForBotMessage(id, (m) => m.text === notice);
    const redelivery = { message: refundMessage!.message } as UpdateInput;
    for (let i = 0; i < 3; i++) h.bot.pushUpdate(redelivery);
    await settle(user);
    expect(botTexts(id).filter((text) => text === notice)).toHaveLength(1);
    expect(await moneyOf(h, id)).toMatchObject({ balance: 1000, ledgerSum: 1000, entries: 3 });
  });

  it("reconciliation credits a payment whose update never arrived, once; the late update changes nothing", async () => {
    const id = ++nextUserId;
    const user = await onboard(h, id, "ru");
    const { t } = translations(h, "ru");
    await invoiceForPreset(h, user, 350);
    const payload = String((await h.bot.waitForCall("sendInvoice", (c) => c.payload.chat_id === id)).payload.payload);
    // Telegram charged the user, but the successful_payment update was lost (e.g. we crashed before committing).
    const chargeId = `stxLOST${id}`;
    const from = { id, is_bot: false, first_name: "Ann" };
    h.bot.starTransactions.push({
      id: chargeId,
      amount: 350,
      date: Math.floor(Date.now() / 1000),
      source: { type: "user", transaction_type: "invoice_payment", user: from, invoice_payload: payload },
    });
    h.bot.markCalls();
    await reconcile();
    const notice = plainText(paymentCreditedNotice(t, { credits: 5000, stars: 350, balance: 5000 }));
    await h.bot.waitForBotMessage(id, (m) => m.text === notice);
    expect(await moneyOf(h, id)).toMatchObject({ balance: 5000, ledgerSum: 5000, entries: 1 });

    await reconcile();
    h.bot.pushUpdate({
      message: {
        message_id: 999_001,
        date: Math.floor(Date.now() / 1000),
        chat: { id, type: "private", first_name: "Ann" },
        from,
        successful_payment: { currency: "XTR", total_amount: 350, invoice_payload: payload, telegram_payment_charge_id: chargeId, provider_payment_charge_id: "" },
      },
    });
    await settle(user);
    expect(await moneyOf(h, id)).toMatchObject({ balance: 5000, ledgerSum: 5000, entries: 1 });
    expect(botTexts(id).filter((text) => text === notice)).toHaveLength(1);
  });

  it("reconciliation alerts the admins, in their language, once, about a payment it cannot match", async () => {
    const id = ++nextUserId;
    await onboard(h, id, "en");
    const chargeId = `stxSTRAY${id}`;
    h.bot.starTransactions.push({
      id: chargeId,
      amount: 99,
      date: Math.floor(Date.now() / 1000),
      source: { type: "user", transaction_type: "invoice_payment", user: { id, is_bot: false, first_name: "Ann" }, invoice_payload: "<not ours>" },
    });
    h.bot.markCalls();
    await reconcile();
    const [stored] = await h.app.database.db.select().from(starPayments).where(eq(starPayments.chargeId, chargeId));
    expect(stored).toMatchObject({ status: "unmatched", unmatchedReason: "order_not_found", credits: 0 });
    const alert = plainText(unmatchedPaymentAlert(translations(h, "ru").t, stored!));
    await h.bot.waitForBotMessage(ADMIN_ID, (m) => m.text === alert);
    expect(alert).toContain("<not ours>");
    await reconcile();
    expect(botTexts(ADMIN_ID).filter((text) => text === alert)).toHaveLength(1);
    expect(await moneyOf(h, id)).toMatchObject({ balance: 0, entries: 0 });
  });
});
