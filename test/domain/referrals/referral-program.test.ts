import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createConfig } from "../../../src/config.js";
import { ledgerEntries, referralCodes, referrals, starPayments, users } from "../../../src/db/schema/index.js";
import { LEDGER_KINDS } from "../../../src/domain/ledger/ledger-kinds.js";
import { debit } from "../../../src/domain/ledger/ledger.js";
import { createOrder } from "../../../src/domain/payments/orders.js";
import { reconcileStarTransactions } from "../../../src/domain/payments/reconciliation.js";
import { recordPayment, reversePayment, type IncomingPayment } from "../../../src/domain/payments/star-payments.js";
import { refundStarPayment } from "../../../src/domain/payments/star-refund.js";
import { quoteTopUp } from "../../../src/domain/payments/top-up-amount.js";
import { ensureReferralCode } from "../../../src/domain/referrals/referral-codes.js";
import type { ReferralNotice, ReferralNoticeSink } from "../../../src/domain/referrals/referral-notices.js";
import { ReferralProgram } from "../../../src/domain/referrals/referral-program.js";
import { referralStats } from "../../../src/domain/referrals/referral-stats.js";
import type { ReferralSettings } from "../../../src/domain/settings/business-settings.js";
import type { TelegramIdentity } from "../../../src/domain/users/user-repository.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { openMoneyDatabase, type MoneyDatabase } from "../database-fixture.js";
import { FakeStarsGateway } from "../payments/fake-stars-gateway.js";

const paymentSettings = createConfig({}).payments;
let chargeCounter = 0;
const newChargeId = () => `stxREF${(++chargeCounter).toString().padStart(8, "0")}`;

describe.each(TEST_TARGETS)("referral program on $name", (target) => {
  let m: MoneyDatabase;
  let rewards: ReferralSettings;
  let notices: ReferralNotice[];
  let program: ReferralProgram;
  const collect: ReferralNoticeSink = async (_tx, notice) => {
    notices.push(notice);
  };
  /** A program over the same database whose sink refuses some notices, as a failing enqueue would. */
  const failingProgram = (refuse: (notice: ReferralNotice) => boolean) =>
    new ReferralProgram({
      db: m.db,
      settings: { referrals: () => rewards },
      notices: async (tx, notice) => {
        if (refuse(notice)) throw new Error("the job queue is unavailable");
        await collect(tx, notice);
      },
    });

  beforeAll(async () => {
    m = await openMoneyDatabase(target, 20);
    // The settings are read on every use, so tests change what is paid by changing this object.
    program = new ReferralProgram({ db: m.db, settings: { referrals: () => rewards }, notices: collect });
  });
  afterAll(async () => {
    expect(await m.invariantViolations()).toEqual([]);
    await m.close();
  });

  let telegramIds = 8_000_000;
  const identity = (): TelegramIdentity => ({ id: telegramIds++, first_name: "Invitee", language_code: "ru" });
  async function referrer(): Promise<{ userId: number; code: string }> {
    const userId = await m.createUser(telegramIds++);
    return { userId, code: await ensureReferralCode(m.db, userId) };
  }
  /** A referrer and an invitee bound by a link, who accepted the terms. */
  async function joinedPair(): Promise<{ referrerId: number; inviteeId: number; inviteeTelegramId: number }> {
    const { userId: referrerId, code } = await referrer();
    const invitee = identity();
    const bound = await program.bindNewUser(invitee, code);
    if (bound.status !== "bound") throw new Error(`not bound: ${bound.status}`);
    await program.completeJoin(bound.inviteeUserId);
    return { referrerId, inviteeId: bound.inviteeUserId, inviteeTelegramId: invitee.id };
  }
  async function purchase(buyerId: number, buyerTelegramId: number, stars = 70): Promise<IncomingPayment> {
    const order = await createOrder(m.db, { userId: buyerId, quote: quoteTopUp(stars, paymentSettings) }, paymentSettings);
    return { chargeId: newChargeId(), payerTelegramId: buyerTelegramId, payload: order.payload, currency: "XTR", totalAmount: stars, source: "update" };
  }
  const noticesOf = (referrerUserId: number) => notices.filter((n) => n.referrerUserId === referrerUserId);
  const entriesOf = (userId: number, kind: string) =>
    m.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.userId, userId), eq(ledgerEntries.kind, kind)));

  beforeEach(() => {
    rewards = { joinBonus: 20, purchasePercent: 10, welcomeBonus: 0 };
    notices = [];
  });

  describe("codes", () => {
    it("gives each user one code, also when the first requests arrive at once", async () => {
      const userId = await m.createUser(telegramIds++);
      const codes = await Promise.all(Array.from({ length: 10 }, () => ensureReferralCode(m.db, userId)));
      expect(new Set(codes).size).toBe(1);
      expect(await ensureReferralCode(m.db, userId)).toBe(codes[0]);
      expect(await m.db.select().from(referralCodes).where(eq(referralCodes.userId, userId))).toHaveLength(1);
      const other = await m.createUser(telegramIds++);
      expect(await ensureReferralCode(m.db, other)).not.toBe(codes[0]);
      // Nothing about the owner is in the code.
      expect(codes[0]).not.toContain(String(userId));
    });
  });

  describe("binding", () => {
    it("binds only the user its own statement creates: the same first /start 8 times at once yields one referral", async () => {
      const { userId: referrerId, code } = await referrer();
      const invitee = identity();
      const outcomes = await Promise.all(Array.from({ length: 8 }, () => program.bindNewUser(invitee, code)));
      expect(outcomes.filter((o) => o.status === "bound")).toHaveLength(1);
      expect(outcomes.filter((o) => o.status === "existing_user")).toHaveLength(7);
      const rows = await m.db.select({ id: users.id }).from(users).where(eq(users.telegramId, invitee.id));
      expect(rows).toHaveLength(1);
      expect(await m.db.select().from(referrals).where(eq(referrals.inviteeUserId, rows[0]!.id))).toEqual([
        expect.objectContaining({ referrerUserId: referrerId, joinedAt: null }),
      ]);
      // A second link later, even another referrer's, changes nothing.
      const other = await referrer();
      expect(await program.bindNewUser(invitee, other.code)).toEqual({ status: "existing_user" });
      expect(await m.db.select().from(referrals).where(eq(referrals.inviteeUserId, rows[0]!.id))).toHaveLength(1);
    });

    it("an existing user, an unknown code, an erased referrer and the owner's own link change nothing", async () => {
      const { userId: referrerId, code } = await referrer();
      const existing = identity();
      const existingId = await m.createUser(existing.id);
      expect(await program.bindNewUser(existing, code)).toEqual({ status: "existing_user" });
      expect(await m.db.select().from(referrals).where(eq(referrals.inviteeUserId, existingId))).toEqual([]);

      const stranger = identity();
      expect(await program.bindNewUser(stranger, "zzzzzzzzzz")).toEqual({ status: "unknown_code" });
      // The user is created by the user middleware right after, not here.
      expect(await m.db.select().from(users).where(eq(users.telegramId, stranger.id))).toEqual([]);

      const [owner] = await m.db.select({ telegramId: users.telegramId }).from(users).where(eq(users.id, referrerId));
      expect(await program.bindNewUser({ id: owner!.telegramId!, first_name: "Me" }, code)).toEqual({ status: "existing_user" });

      await m.db.update(users).set({ telegramId: null }).where(eq(users.id, referrerId));
      expect(await program.bindNewUser(identity(), code)).toEqual({ status: "unknown_code" });
    });

    it("the database refuses a self-referral", async () => {
      const userId = await m.createUser(telegramIds++);
      await expect(m.db.insert(referrals).values({ inviteeUserId: userId, referrerUserId: userId })).rejects.toThrow();
    });
  });

  describe("join rewards", () => {
    it("accepting the terms pays the join and welcome bonuses once, at the amounts configured then", async () => {
      rewards = { joinBonus: 20, purchasePercent: 10, welcomeBonus: 5 };
      const { userId: referrerId, code } = await referrer();
      const bound = await program.bindNewUser(identity(), code);
      if (bound.status !== "bound") throw new Error("not bound");
      const results = await Promise.all(Array.from({ length: 5 }, () => program.completeJoin(bound.inviteeUserId)));
      expect(results.filter((r) => r !== undefined)).toEqual([{ referrerUserId: referrerId, joinBonus: 20, welcomeBonus: 5 }]);
      expect(await program.completeJoin(bound.inviteeUserId)).toBeUndefined();
      expect(await m.balanceOf(referrerId)).toBe(20);
      expect(await m.balanceOf(bound.inviteeUserId)).toBe(5);
      expect(await entriesOf(referrerId, LEDGER_KINDS.referralJoinBonus)).toEqual([
        expect.objectContaining({ delta: 20, idempotencyKey: `referral:join:${bound.inviteeUserId}` }),
      ]);
      expect(await entriesOf(bound.inviteeUserId, LEDGER_KINDS.referralWelcomeBonus)).toHaveLength(1);
      expect(noticesOf(referrerId)).toEqual([{ kind: "joined", referrerUserId: referrerId, bonus: 20 }]);

      // A new amount applies to the next join.
      rewards = { joinBonus: 35, purchasePercent: 10, welcomeBonus: 0 };
      const next = await program.bindNewUser(identity(), code);
      if (next.status !== "bound") throw new Error("not bound");
      await program.completeJoin(next.inviteeUserId);
      expect(await m.balanceOf(referrerId)).toBe(55);
      expect(await m.balanceOf(next.inviteeUserId)).toBe(0);
    });

    it("with the bonus at 0 a join still counts and is announced, and pays nothing", async () => {
      rewards = { joinBonus: 0, purchasePercent: 10, welcomeBonus: 0 };
      const { referrerId } = await joinedPair();
      expect(await m.balanceOf(referrerId)).toBe(0);
      expect(await entriesOf(referrerId, LEDGER_KINDS.referralJoinBonus)).toEqual([]);
      expect(noticesOf(referrerId)).toEqual([{ kind: "joined", referrerUserId: referrerId, bonus: 0 }]);
      expect(await referralStats(m.db, referrerId)).toEqual({ joined: 1, earned: 0 });
    });

    it("a user who was not referred gets nothing and nobody is told", async () => {
      const userId = await m.createUser(telegramIds++);
      expect(await program.completeJoin(userId)).toBeUndefined();
      expect(notices).toEqual([]);
    });

    it("a referrer erased after the link was opened earns nothing more and is not told; the invitee keeps the gift", async () => {
      rewards = { joinBonus: 20, purchasePercent: 10, welcomeBonus: 5 };
      const { userId: referrerId, code } = await referrer();
      const invitee = identity();
      const bound = await program.bindNewUser(invitee, code);
      if (bound.status !== "bound") throw new Error("not bound");
      await m.db.update(users).set({ telegramId: null }).where(eq(users.id, referrerId));
      expect(await program.completeJoin(bound.inviteeUserId)).toEqual({ referrerUserId: referrerId, joinBonus: 0, welcomeBonus: 5 });
      await recordPayment(m.db, await purchase(bound.inviteeUserId, invitee.id), program);
      expect(await m.balanceOf(referrerId)).toBe(0);
      expect(await m.balanceOf(bound.inviteeUserId)).toBe(5 + 1000);
      expect(noticesOf(referrerId)).toEqual([]);
    });

    it("a join whose notice cannot be handed over is not rewarded either, and can be completed later", async () => {
      const { userId: referrerId, code } = await referrer();
      const bound = await program.bindNewUser(identity(), code);
      if (bound.status !== "bound") throw new Error("not bound");
      await expect(failingProgram(() => true).completeJoin(bound.inviteeUserId)).rejects.toThrow("unavailable");
      expect(await m.balanceOf(referrerId)).toBe(0);
      expect(await referralStats(m.db, referrerId)).toEqual({ joined: 0, earned: 0 });
      await program.completeJoin(bound.inviteeUserId);
      expect(await referralStats(m.db, referrerId)).toEqual({ joined: 1, earned: 20 });
    });
  });

  describe("purchase commission", () => {
    it("pays the referrer their share of every purchase, once per charge however often it is delivered", async () => {
      const { referrerId, inviteeId, inviteeTelegramId } = await joinedPair();
      const first = await purchase(inviteeId, inviteeTelegramId, 70);
      const outcomes = await Promise.all(Array.from({ length: 6 }, () => recordPayment(m.db, first, program)));
      expect(outcomes.filter((o) => o.status === "credited")).toHaveLength(1);
      expect(await m.balanceOf(referrerId)).toBe(20 + 100);
      // 100 Stars buy 1428 credits: 10 % rounded up is 143.
      await recordPayment(m.db, await purchase(inviteeId, inviteeTelegramId, 100), program);
      expect(await m.balanceOf(referrerId)).toBe(20 + 100 + 143);
      expect(await m.balanceOf(inviteeId)).toBe(1000 + 1428);
      expect(noticesOf(referrerId)).toEqual([
        { kind: "joined", referrerUserId: referrerId, bonus: 20 },
        { kind: "purchase_bonus", referrerUserId: referrerId, bonus: 100 },
        { kind: "purchase_bonus", referrerUserId: referrerId, bonus: 143 },
      ]);
      const [entry] = await m.db.select().from(ledgerEntries).where(eq(ledgerEntries.idempotencyKey, `referral:purchase:${first.chargeId}`));
      expect(entry).toMatchObject({ userId: referrerId, delta: 100, kind: LEDGER_KINDS.referralPurchaseBonus, reference: `star_payment:${first.chargeId}` });

      // The configured percent at the time of the purchase is what is paid.
      rewards = { joinBonus: 20, purchasePercent: 25, welcomeBonus: 0 };
      await recordPayment(m.db, await purchase(inviteeId, inviteeTelegramId, 70), program);
      expect(await m.balanceOf(referrerId)).toBe(20 + 100 + 143 + 250);
      rewards = { joinBonus: 20, purchasePercent: 0, welcomeBonus: 0 };
      await recordPayment(m.db, await purchase(inviteeId, inviteeTelegramId, 70), program);
      expect(await m.balanceOf(referrerId)).toBe(20 + 100 + 143 + 250);
    });

    it("a buyer nobody invited pays no commission", async () => {
      const telegramId = telegramIds++;
      const buyerId = await m.createUser(telegramId);
      const payment = await purchase(buyerId, telegramId);
      await recordPayment(m.db, payment, program);
      expect(await m.balanceOf(buyerId)).toBe(1000);
      expect(notices).toEqual([]);
      expect(await m.db.select().from(ledgerEntries).where(eq(ledgerEntries.reference, `star_payment:${payment.chargeId}`))).toHaveLength(1);
    });

    it("the commission commits with the purchase or not at all", async () => {
      const { referrerId, inviteeId, inviteeTelegramId } = await joinedPair();
      const payment = await purchase(inviteeId, inviteeTelegramId);
      await expect(recordPayment(m.db, payment, failingProgram((n) => n.kind === "purchase_bonus"))).rejects.toThrow("unavailable");
      expect(await m.db.select().from(starPayments).where(eq(starPayments.chargeId, payment.chargeId))).toEqual([]);
      expect(await m.balanceOf(inviteeId)).toBe(0);
      expect(await m.balanceOf(referrerId)).toBe(20);
      // Telegram delivers the update again; this time everything goes through.
      expect(await recordPayment(m.db, payment, program)).toMatchObject({ status: "credited" });
      expect(await m.balanceOf(referrerId)).toBe(120);
    });

    it("reconciliation pays the same commission as the update would", async () => {
      const { referrerId, inviteeId, inviteeTelegramId } = await joinedPair();
      const payment = await purchase(inviteeId, inviteeTelegramId, 350);
      const gateway = new FakeStarsGateway();
      gateway.pay(payment.chargeId, inviteeTelegramId, payment.payload, 350);
      const report = await reconcileStarTransactions(m.db, gateway, program);
      expect(report.credited).toHaveLength(1);
      expect(await m.balanceOf(referrerId)).toBe(20 + 500);
      await gateway.refundStarPayment(inviteeTelegramId, payment.chargeId);
      await reconcileStarTransactions(m.db, gateway, program);
      expect(await m.balanceOf(referrerId)).toBe(20);
    });
  });

  describe("refunds", () => {
    it("a refunded purchase takes its commission back once, however many paths reverse it at once", async () => {
      const { referrerId, inviteeId, inviteeTelegramId } = await joinedPair();
      const payment = await purchase(inviteeId, inviteeTelegramId, 140);
      await recordPayment(m.db, payment, program);
      expect(await m.balanceOf(referrerId)).toBe(20 + 200);
      // The percent changed meanwhile: exactly what was paid is taken back.
      rewards = { joinBonus: 20, purchasePercent: 50, welcomeBonus: 0 };
      const gateway = new FakeStarsGateway();
      gateway.pay(payment.chargeId, inviteeTelegramId, payment.payload, 140);
      await Promise.all([
        refundStarPayment(m.db, gateway, payment.chargeId, program),
        ...Array.from({ length: 6 }, () => reversePayment(m.db, payment.chargeId, program)),
      ]);
      expect(await m.balanceOf(referrerId)).toBe(20);
      expect(await m.balanceOf(inviteeId)).toBe(0);
      expect(await entriesOf(referrerId, LEDGER_KINDS.referralPurchaseReversal)).toEqual([
        expect.objectContaining({ delta: -200, idempotencyKey: `referral:purchase-reversal:${payment.chargeId}`, note: null }),
      ]);
      expect(noticesOf(referrerId).filter((n) => n.kind === "purchase_bonus_reversed")).toEqual([
        { kind: "purchase_bonus_reversed", referrerUserId: referrerId, deducted: 200 },
      ]);
      expect(await referralStats(m.db, referrerId)).toEqual({ joined: 1, earned: 20 });
    });

    it("a referrer who spent the commission loses what is left and the shortfall is recorded; the balance never goes negative", async () => {
      const { referrerId, inviteeId, inviteeTelegramId } = await joinedPair();
      const payment = await purchase(inviteeId, inviteeTelegramId, 70);
      await recordPayment(m.db, payment, program);
      await debit(m.db, { userId: referrerId, amount: 90, kind: LEDGER_KINDS.generationCharge, reference: "generation:test", idempotencyKey: `spend-${referrerId}` });
      expect(await m.balanceOf(referrerId)).toBe(30);
      await reversePayment(m.db, payment.chargeId, program);
      expect(await m.balanceOf(referrerId)).toBe(0);
      const [reversal] = await entriesOf(referrerId, LEDGER_KINDS.referralPurchaseReversal);
      expect(reversal).toMatchObject({ delta: -30, balanceAfter: 0 });
      expect(reversal?.note).toContain("shortfall 70");
      expect(noticesOf(referrerId).at(-1)).toEqual({ kind: "purchase_bonus_reversed", referrerUserId: referrerId, deducted: 30 });
      // A second reversal, e.g. the refund update delivered again, changes nothing.
      await reversePayment(m.db, payment.chargeId, program);
      expect(await entriesOf(referrerId, LEDGER_KINDS.referralPurchaseReversal)).toHaveLength(1);
    });

    it("refunding a purchase that paid no commission moves nothing for anyone else", async () => {
      rewards = { joinBonus: 20, purchasePercent: 0, welcomeBonus: 0 };
      const { referrerId, inviteeId, inviteeTelegramId } = await joinedPair();
      const payment = await purchase(inviteeId, inviteeTelegramId);
      await recordPayment(m.db, payment, program);
      await reversePayment(m.db, payment.chargeId, program);
      expect(await m.balanceOf(referrerId)).toBe(20);
      expect(noticesOf(referrerId).map((n) => n.kind)).toEqual(["joined"]);
    });
  });

  describe("stats", () => {
    it("count only invitees who accepted the terms, and the net credits the link earned", async () => {
      const { userId: referrerId, code } = await referrer();
      const joined = await program.bindNewUser(identity(), code);
      const pending = await program.bindNewUser(identity(), code);
      if (joined.status !== "bound" || pending.status !== "bound") throw new Error("not bound");
      await program.completeJoin(joined.inviteeUserId);
      expect(await program.overview(referrerId)).toEqual({ code, stats: { joined: 1, earned: 20 }, rewards });
      const [buyer] = await m.db.select({ telegramId: users.telegramId }).from(users).where(eq(users.id, joined.inviteeUserId));
      const kept = await purchase(joined.inviteeUserId, buyer!.telegramId!, 70);
      const refunded = await purchase(joined.inviteeUserId, buyer!.telegramId!, 140);
      await recordPayment(m.db, kept, program);
      await recordPayment(m.db, refunded, program);
      await reversePayment(m.db, refunded.chargeId, program);
      expect(await referralStats(m.db, referrerId)).toEqual({ joined: 1, earned: 20 + 100 });
      // The invitee's own credits never count as the link's earnings.
      expect(await referralStats(m.db, joined.inviteeUserId)).toEqual({ joined: 0, earned: 0 });
    });
  });
});
