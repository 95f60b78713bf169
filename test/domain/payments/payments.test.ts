import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConfig } from "../../../src/config.js";
import { ledgerEntries, starOrders, starPayments } from "../../../src/db/schema/index.js";
import { LEDGER_KINDS } from "../../../src/domain/ledger/ledger-kinds.js";
import { debit } from "../../../src/domain/ledger/ledger.js";
import { createOrder, ORDER_STATUS, type StarOrder } from "../../../src/domain/payments/orders.js";
import { checkPreCheckout } from "../../../src/domain/payments/pre-checkout.js";
import { reconcileStarTransactions } from "../../../src/domain/payments/reconciliation.js";
import {
  claimRefundNotice,
  claimUnalertedUnmatched,
  recordPayment,
  reversePayment,
  type IncomingPayment,
} from "../../../src/domain/payments/star-payments.js";
import { refundStarPayment, StarPaymentNotFoundError } from "../../../src/domain/payments/star-refund.js";
import { quoteTopUp } from "../../../src/domain/payments/top-up-amount.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { openMoneyDatabase, type MoneyDatabase } from "../database-fixture.js";
import { FakeStarsGateway } from "./fake-stars-gateway.js";

const settings = createConfig({}).payments;
let chargeCounter = 0;
const newChargeId = () => `stxTEST${(++chargeCounter).toString().padStart(8, "0")}`;

describe.each(TEST_TARGETS)("Stars payments on $name", (target) => {
  let m: MoneyDatabase;
  beforeAll(async () => {
    // 200 concurrent payments: a pool big enough that they really run at once on PostgreSQL.
    m = await openMoneyDatabase(target, 20);
  });
  afterAll(async () => {
    expect(await m.invariantViolations()).toEqual([]);
    await m.close();
  });

  let telegramIds = 7_000_000;
  async function buyer(): Promise<{ userId: number; telegramId: number }> {
    const telegramId = telegramIds++;
    return { userId: await m.createUser(telegramId), telegramId };
  }
  const order = (userId: number, stars = 70, now?: Date) => createOrder(m.db, { userId, quote: quoteTopUp(stars, settings) }, settings, now);
  const paymentOf = (o: StarOrder, telegramId: number, chargeId = newChargeId()): IncomingPayment => ({
    chargeId,
    payerTelegramId: telegramId,
    payload: o.payload,
    currency: "XTR",
    totalAmount: o.stars,
    source: "update",
  });

  describe("pre-checkout", () => {
    it("approves the payer's own unpaid, unexpired order for the exact amount", async () => {
      const { userId } = await buyer();
      const o = await order(userId, 140);
      expect(o.payload).toMatch(/^ord_[A-Za-z0-9_-]{24}$/);
      expect(Buffer.byteLength(o.payload)).toBeLessThanOrEqual(128);
      expect(o).toMatchObject({ stars: 140, credits: 2000, status: "pending" });
      const verdict = await checkPreCheckout(m.db, settings, { payload: o.payload, payerUserId: userId, currency: "XTR", totalAmount: 140 });
      expect(verdict).toMatchObject({ ok: true, order: { id: o.id } });
    });

    it("refuses each kind of wrong request with its own reason", async () => {
      const { userId, telegramId } = await buyer();
      const other = await buyer();
      const o = await order(userId);
      const base = { payload: o.payload, payerUserId: userId, currency: "XTR", totalAmount: 70 };
      const reason = async (request: typeof base, s: { enabled: boolean } = settings, now?: Date) =>
        ((await checkPreCheckout(m.db, s, request, now)) as { reason?: string }).reason;
      expect(await reason(base, { enabled: false })).toBe("payments_disabled");
      expect(await reason({ ...base, payload: "ord_AAAAAAAAAAAAAAAAAAAAAAAA" })).toBe("order_not_found");
      expect(await reason({ ...base, payload: `${o.payload}x` })).toBe("order_not_found");
      expect(await reason({ ...base, payload: "'; drop table users; --" })).toBe("order_not_found");
      expect(await reason({ ...base, payerUserId: other.userId })).toBe("order_not_yours");
      expect(await reason({ ...base, totalAmount: 69 })).toBe("amount_mismatch");
      expect(await reason({ ...base, currency: "USD" })).toBe("amount_mismatch");
      expect(await reason(base, settings, new Date(Date.now() + settings.orderTtlSeconds * 1000 + 1000))).toBe("order_expired");
      await recordPayment(m.db, paymentOf(o, telegramId));
      expect(await reason(base)).toBe("order_already_paid");
    });
  });

  describe("successful payments", () => {
    it("credit the order's stored credits and mark it paid", async () => {
      const { userId, telegramId } = await buyer();
      const o = await order(userId, 700);
      const outcome = await recordPayment(m.db, paymentOf(o, telegramId));
      expect(outcome).toMatchObject({ status: "credited", userId, credits: 10_000, balanceAfter: 10_000 });
      const [stored] = await m.db.select().from(starOrders).where(eq(starOrders.id, o.id));
      expect(stored?.status).toBe(ORDER_STATUS.paid);
      const entries = await m.db.select().from(ledgerEntries).where(eq(ledgerEntries.userId, userId));
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ kind: LEDGER_KINDS.purchase, delta: 10_000 });
    });

    it("grant what was stored with the order even if the rate changed since", async () => {
      const { userId, telegramId } = await buyer();
      const o = await createOrder(m.db, { userId, quote: { stars: 70, credits: 1234 } }, settings);
      expect(await recordPayment(m.db, paymentOf(o, telegramId))).toMatchObject({ status: "credited", credits: 1234 });
    });

    it("the same charge delivered 5 times credits once", async () => {
      const { userId, telegramId } = await buyer();
      const o = await order(userId);
      const payment = paymentOf(o, telegramId);
      const outcomes = [];
      for (let i = 0; i < 5; i++) outcomes.push(await recordPayment(m.db, payment));
      expect(outcomes.map((x) => x.status)).toEqual(["credited", "duplicate", "duplicate", "duplicate", "duplicate"]);
      expect(await m.balanceOf(userId)).toBe(1000);
    });

    it("the same charge delivered concurrently credits once", async () => {
      const { userId, telegramId } = await buyer();
      const o = await order(userId);
      const payment = paymentOf(o, telegramId);
      const outcomes = await Promise.all(Array.from({ length: 10 }, () => recordPayment(m.db, payment)));
      expect(outcomes.filter((x) => x.status === "credited")).toHaveLength(1);
      expect(await m.balanceOf(userId)).toBe(1000);
    });

    it("200 concurrent payments for one user leave balance = sum of ledger = expected", async () => {
      const { userId, telegramId } = await buyer();
      const presets = settings.presetStars;
      const orders = await Promise.all(Array.from({ length: 200 }, (_, i) => order(userId, presets[i % presets.length])));
      const expected = orders.reduce((sum, o) => sum + o.credits, 0);
      const outcomes = await Promise.all(orders.map((o) => recordPayment(m.db, paymentOf(o, telegramId))));
      expect(outcomes.every((x) => x.status === "credited")).toBe(true);
      expect(await m.balanceOf(userId)).toBe(expected);
      expect(await m.ledgerSumOf(userId)).toBe(expected);
      const balances = outcomes.map((x) => (x.status === "credited" ? x.balanceAfter : 0)).sort((a, b) => a - b);
      expect(balances.at(-1)).toBe(expected);
      expect(new Set(balances).size).toBe(200);
    }, 30_000);

    it("a second charge of an already paid order is credited too: the user paid twice", async () => {
      const { userId, telegramId } = await buyer();
      const o = await order(userId);
      await recordPayment(m.db, paymentOf(o, telegramId));
      expect(await recordPayment(m.db, paymentOf(o, telegramId))).toMatchObject({ status: "credited" });
      expect(await m.balanceOf(userId)).toBe(2000);
    });

    it("a charge matching no order is stored as unmatched, credits nothing, and is alerted once", async () => {
      const { userId, telegramId } = await buyer();
      const other = await buyer();
      const o = await order(userId);
      const cases: Array<[IncomingPayment, string]> = [
        [{ ...paymentOf(o, telegramId), payload: "ord_unknownunknownunknown1" }, "order_not_found"],
        [paymentOf(o, other.telegramId), "payer_mismatch"],
        [{ ...paymentOf(o, telegramId), totalAmount: 71 }, "amount_mismatch"],
        [{ ...paymentOf(o, 999_999_999), payload: "whatever" }, "order_not_found"],
      ];
      for (const [payment, reason] of cases) {
        expect(await recordPayment(m.db, payment)).toMatchObject({ status: "unmatched", reason });
        expect(await recordPayment(m.db, payment)).toMatchObject({ status: "duplicate" });
      }
      expect(await m.balanceOf(userId)).toBe(0);
      expect(await m.balanceOf(other.userId)).toBe(0);
      const alerted = await claimUnalertedUnmatched(m.db, 100);
      expect(alerted.map((p) => p.chargeId).sort()).toEqual(cases.map(([p]) => p.chargeId).sort());
      expect(await claimUnalertedUnmatched(m.db, 100)).toEqual([]);
    });
  });

  describe("reversals", () => {
    it("take back what the payment granted, once, and tell the user once", async () => {
      const { userId, telegramId } = await buyer();
      const o = await order(userId, 140);
      const payment = paymentOf(o, telegramId);
      await recordPayment(m.db, payment);
      const first = await reversePayment(m.db, payment.chargeId);
      expect(first).toMatchObject({ status: "reversed", userId, deducted: 2000, shortfall: 0, balanceAfter: 0 });
      expect(await reversePayment(m.db, payment.chargeId)).toMatchObject({ status: "already_reversed" });
      expect(await m.balanceOf(userId)).toBe(0);
      const [stored] = await m.db.select().from(starPayments).where(eq(starPayments.chargeId, payment.chargeId));
      expect(stored).toMatchObject({ status: "refunded", refundedCredits: 2000, refundShortfall: 0 });
      const [storedOrder] = await m.db.select().from(starOrders).where(eq(starOrders.id, o.id));
      expect(storedOrder?.status).toBe(ORDER_STATUS.refunded);
      expect(await claimRefundNotice(m.db, payment.chargeId)).toBeDefined();
      expect(await claimRefundNotice(m.db, payment.chargeId)).toBeUndefined();
    });

    it("never go below zero: what was already spent is recorded as the shortfall", async () => {
      const { userId, telegramId } = await buyer();
      const o = await order(userId);
      const payment = paymentOf(o, telegramId);
      await recordPayment(m.db, payment);
      await debit(m.db, { userId, amount: 800, kind: LEDGER_KINDS.generationCharge, reference: "gen:1", idempotencyKey: `gen-${payment.chargeId}` });
      expect(await reversePayment(m.db, payment.chargeId)).toMatchObject({ status: "reversed", deducted: 200, shortfall: 800, balanceAfter: 0 });
      const [stored] = await m.db.select().from(starPayments).where(eq(starPayments.chargeId, payment.chargeId));
      expect(stored).toMatchObject({ refundedCredits: 200, refundShortfall: 800 });
    });

    it("concurrent reversals of one charge take back once", async () => {
      const { userId, telegramId } = await buyer();
      const o1 = await order(userId);
      const o2 = await order(userId);
      const payment = paymentOf(o1, telegramId);
      await recordPayment(m.db, payment);
      await recordPayment(m.db, paymentOf(o2, telegramId));
      const outcomes = await Promise.all(Array.from({ length: 8 }, () => reversePayment(m.db, payment.chargeId)));
      expect(outcomes.filter((x) => x.status === "reversed")).toHaveLength(1);
      expect(await m.balanceOf(userId)).toBe(1000);
    });

    it("an unknown charge is reported, an unmatched one is marked without moving credits", async () => {
      expect(await reversePayment(m.db, "stx-never-seen")).toEqual({ status: "not_found" });
      const { telegramId } = await buyer();
      const chargeId = newChargeId();
      await recordPayment(m.db, { chargeId, payerTelegramId: telegramId, payload: "junk", currency: "XTR", totalAmount: 5, source: "update" });
      expect(await reversePayment(m.db, chargeId)).toMatchObject({ status: "nothing_to_reverse" });
      expect(await reversePayment(m.db, chargeId)).toMatchObject({ status: "already_reversed" });
    });
  });

  describe("admin Stars refunds", () => {
    it("refund at Telegram, reverse once; a second attempt changes nothing", async () => {
      const gateway = new FakeStarsGateway();
      const { userId, telegramId } = await buyer();
      const o = await order(userId, 210);
      const payment = paymentOf(o, telegramId);
      gateway.pay(payment.chargeId, telegramId, o.payload, o.stars);
      await recordPayment(m.db, payment);
      const first = await refundStarPayment(m.db, gateway, payment.chargeId);
      expect(first).toMatchObject({ telegram: "refunded", credits: { status: "reversed" }, deducted: 3000, shortfall: 0 });
      const second = await refundStarPayment(m.db, gateway, payment.chargeId);
      expect(second).toMatchObject({ telegram: "already_refunded", credits: { status: "already_reversed" }, deducted: 3000, shortfall: 0 });
      expect(gateway.refundCalls).toEqual([
        { payerTelegramId: telegramId, chargeId: payment.chargeId },
        { payerTelegramId: telegramId, chargeId: payment.chargeId },
      ]);
      expect(await m.balanceOf(userId)).toBe(0);
    });

    it("report the shortfall when the credits were already spent", async () => {
      const gateway = new FakeStarsGateway();
      const { userId, telegramId } = await buyer();
      const o = await order(userId);
      const payment = paymentOf(o, telegramId);
      gateway.pay(payment.chargeId, telegramId, o.payload, o.stars);
      await recordPayment(m.db, payment);
      await debit(m.db, { userId, amount: 1000, kind: LEDGER_KINDS.toolCharge, reference: "tool:1", idempotencyKey: `tool-${payment.chargeId}` });
      const result = await refundStarPayment(m.db, gateway, payment.chargeId);
      expect(result).toMatchObject({ credits: { status: "reversed", balanceAfter: 0 }, deducted: 0, shortfall: 1000 });
    });

    it("report the reversal when Telegram's refunded_payment update reversed it first", async () => {
      const gateway = new FakeStarsGateway();
      const { userId, telegramId } = await buyer();
      const o = await order(userId);
      const payment = paymentOf(o, telegramId);
      gateway.pay(payment.chargeId, telegramId, o.payload, o.stars);
      await recordPayment(m.db, payment);
      await debit(m.db, { userId, amount: 400, kind: LEDGER_KINDS.toolCharge, reference: "tool:2", idempotencyKey: `tool-${payment.chargeId}` });
      const refund = gateway.refundStarPayment.bind(gateway);
      gateway.refundStarPayment = async (payer, chargeId) => {
        const done = await refund(payer, chargeId);
        await reversePayment(m.db, chargeId); // the update, handled while our call was in flight
        return done;
      };
      const result = await refundStarPayment(m.db, gateway, payment.chargeId);
      expect(result).toMatchObject({ telegram: "refunded", credits: { status: "already_reversed" }, deducted: 600, shortfall: 400 });
      expect(await m.balanceOf(userId)).toBe(0);
    });

    it("move no credits when Telegram refuses, and refuse unknown charges", async () => {
      const gateway = new FakeStarsGateway();
      const { userId, telegramId } = await buyer();
      const o = await order(userId);
      const payment = paymentOf(o, telegramId);
      gateway.pay(payment.chargeId, telegramId, o.payload, o.stars);
      await recordPayment(m.db, payment);
      gateway.failNextRefund = new Error("Bad Gateway");
      await expect(refundStarPayment(m.db, gateway, payment.chargeId)).rejects.toThrow("Bad Gateway");
      expect(await m.balanceOf(userId)).toBe(1000);
      await expect(refundStarPayment(m.db, gateway, "stx-unknown")).rejects.toBeInstanceOf(StarPaymentNotFoundError);
    });
  });

  describe("reconciliation", () => {
    it("credits a paid charge whose update never arrived, once, and the late update changes nothing", async () => {
      const gateway = new FakeStarsGateway();
      const { userId, telegramId } = await buyer();
      const o = await order(userId, 350);
      const chargeId = newChargeId();
      gateway.pay(chargeId, telegramId, o.payload, o.stars);
      const report = await reconcileStarTransactions(m.db, gateway);
      expect(report.credited).toHaveLength(1);
      expect(report.credited[0]).toMatchObject({ userId, credits: 5000, balanceAfter: 5000 });
      expect(report.credited[0]?.payment.source).toBe("reconciliation");
      const again = await reconcileStarTransactions(m.db, gateway);
      expect(again.credited).toEqual([]);
      expect(await recordPayment(m.db, paymentOf(o, telegramId, chargeId))).toMatchObject({ status: "duplicate" });
      expect(await m.balanceOf(userId)).toBe(5000);
    });

    it("records charges it cannot match, and reverses refunds whose update was missed", async () => {
      const gateway = new FakeStarsGateway();
      const { userId, telegramId } = await buyer();
      const o = await order(userId);
      const paid = paymentOf(o, telegramId);
      await recordPayment(m.db, paid);
      gateway.pay(paid.chargeId, telegramId, o.payload, o.stars);
      const stray = newChargeId();
      gateway.pay(stray, telegramId, "not-ours", 50);
      gateway.transactions.push({ kind: "other", id: "withdrawal-1", amount: 500, date: 2 });
      await gateway.refundStarPayment(telegramId, paid.chargeId);
      const report = await reconcileStarTransactions(m.db, gateway);
      expect(report.unmatched.map((u) => u.payment.chargeId)).toEqual([stray]);
      expect(report.reversed).toHaveLength(1);
      expect(report.reversed[0]).toMatchObject({ userId, deducted: 1000 });
      expect(await m.balanceOf(userId)).toBe(0);
      const alerts = await claimUnalertedUnmatched(m.db, 100);
      expect(alerts.map((a) => a.chargeId)).toContain(stray);
    });

    it("pages through more than one page of transactions", async () => {
      const gateway = new FakeStarsGateway();
      const { userId, telegramId } = await buyer();
      const orders = await Promise.all(Array.from({ length: 130 }, () => order(userId)));
      for (const o of orders) gateway.pay(newChargeId(), telegramId, o.payload, o.stars);
      const report = await reconcileStarTransactions(m.db, gateway);
      expect(report.scanned).toBeGreaterThanOrEqual(130);
      expect(report.credited).toHaveLength(130);
      expect(await m.balanceOf(userId)).toBe(130_000);
      // The next run starts near where this one stopped, and still finds what is new.
      const late = await order(userId);
      gateway.pay(newChargeId(), telegramId, late.payload, late.stars);
      const next = await reconcileStarTransactions(m.db, gateway);
      expect(next.scanned).toBeLessThan(130);
      expect(next.credited).toHaveLength(1);
      expect(await m.balanceOf(userId)).toBe(131_000);
    });
  });
});
