import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminAuditLog, generations, ledgerEntries, referralCodes, starPayments, users } from "../../../src/db/schema/index.js";
import { adjustCredits } from "../../../src/domain/admin/adjust-credits.js";
import {
  AdminReasonRequiredError,
  AdminUserNotFoundError,
  GenerationAlreadyRefundedError,
  GenerationStillRunningError,
  TrialGenerationRefundError,
  UserNotBannedError,
} from "../../../src/domain/admin/admin-errors.js";
import { ADMIN_ACTIONS } from "../../../src/domain/admin/audit-log.js";
import { refundGenerationByAdmin } from "../../../src/domain/admin/generation-refund.js";
import { refundPaymentByAdmin } from "../../../src/domain/admin/payment-refund.js";
import { banUser, unbanUser } from "../../../src/domain/admin/user-bans.js";
import { loadUserCard } from "../../../src/domain/admin/user-card.js";
import { searchUsers } from "../../../src/domain/admin/user-search.js";
import { failGeneration } from "../../../src/domain/generation/fail-generation.js";
import { AdjustmentReasonRequiredError } from "../../../src/domain/ledger/balance-adjustment.js";
import { LEDGER_KINDS } from "../../../src/domain/ledger/ledger-kinds.js";
import { credit } from "../../../src/domain/ledger/ledger.js";
import { NO_PURCHASE_HOOKS } from "../../../src/domain/payments/star-payments.js";
import type { UserProfile } from "../../../src/domain/users/user-profile.js";
import { UserService } from "../../../src/domain/users/user-service.js";
import { MemoryStore } from "../../../src/infra/kv/memory-store.js";
import { TwoLayerCache } from "../../../src/infra/two-layer-cache.js";
import { FakeStarsGateway } from "../payments/fake-stars-gateway.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { openMoneyDatabase, type MoneyDatabase } from "../database-fixture.js";

const ADMIN = 42;

describe.each(TEST_TARGETS)("audited admin actions on $name", (target) => {
  let m: MoneyDatabase;
  let service: UserService;
  let telegramIds = 9_100_000;

  beforeAll(async () => {
    m = await openMoneyDatabase(target);
    service = new UserService(m.db, new TwoLayerCache<UserProfile>(new MemoryStore(), { namespace: "user", ttlMs: 60_000 }));
  });
  afterAll(async () => {
    expect(await m.invariantViolations()).toEqual([]);
    await m.close();
  });

  async function newUser(credits = 0): Promise<{ id: number; telegramId: number }> {
    const telegramId = telegramIds++;
    const id = await m.createUser(telegramId);
    if (credits > 0) await credit(m.db, { userId: id, amount: credits, kind: LEDGER_KINDS.purchase, reference: "t", idempotencyKey: `t:${telegramId}` });
    return { id, telegramId };
  }
  const audit = (userId: number) => m.db.select().from(adminAuditLog).where(eq(adminAuditLog.targetUserId, userId)).orderBy(adminAuditLog.id);

  describe("credit adjustments", () => {
    it("go through the ledger with the reason and are audited with the balance before and after, once per request", async () => {
      const user = await newUser(100);
      const request = { adminTelegramId: ADMIN, userId: user.id, delta: 250, reason: "  outage compensation ", requestKey: "msg:1" };
      const first = await adjustCredits(m.db, request);
      expect(first).toMatchObject({ ok: true, applied: true, balanceAfter: 350 });
      expect(await adjustCredits(m.db, request)).toMatchObject({ ok: true, applied: false, balanceAfter: 350 });
      const entries = await m.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.userId, user.id), eq(ledgerEntries.kind, LEDGER_KINDS.adminAdjustment)));
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ delta: 250, note: "outage compensation", reference: `admin:${ADMIN}` });
      const log = await audit(user.id);
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({
        adminTelegramId: ADMIN,
        action: ADMIN_ACTIONS.creditsAdjusted,
        before: { balance: 100 },
        after: { balance: 350, delta: 250 },
        reason: "outage compensation",
      });
    });

    it("never take a balance below zero, and need a reason", async () => {
      const user = await newUser(50);
      expect(await adjustCredits(m.db, { adminTelegramId: ADMIN, userId: user.id, delta: -80, reason: "duplicate", requestKey: "msg:2" })).toEqual({
        ok: false,
        reason: "insufficient_funds",
        balance: 50,
      });
      await expect(adjustCredits(m.db, { adminTelegramId: ADMIN, userId: user.id, delta: 10, reason: " ", requestKey: "msg:3" })).rejects.toBeInstanceOf(
        AdjustmentReasonRequiredError,
      );
      await expect(adjustCredits(m.db, { adminTelegramId: ADMIN, userId: 987_654_321, delta: 10, reason: "x", requestKey: "msg:4" })).rejects.toBeInstanceOf(
        AdminUserNotFoundError,
      );
      expect(await m.balanceOf(user.id)).toBe(50);
      expect(await audit(user.id)).toEqual([]);
    });
  });

  describe("bans", () => {
    it("ban and unban through UserService (the cached profile follows) with reasons in the audit log", async () => {
      const user = await newUser();
      expect((await service.get(user.telegramId))?.banned).toBe(false);
      const banned = await banUser(m.db, service, { adminTelegramId: ADMIN, userId: user.id, reason: "spam <b>links</b>" });
      expect(banned).toMatchObject({ banned: true, banReason: "spam <b>links</b>" });
      expect((await service.get(user.telegramId))?.banned).toBe(true);
      await expect(banUser(m.db, service, { adminTelegramId: ADMIN, userId: user.id, reason: "" })).rejects.toBeInstanceOf(AdminReasonRequiredError);
      const unbanned = await unbanUser(m.db, service, { adminTelegramId: ADMIN, userId: user.id, reason: "appeal accepted" });
      expect(unbanned.banned).toBe(false);
      expect((await service.get(user.telegramId))?.banned).toBe(false);
      await expect(unbanUser(m.db, service, { adminTelegramId: ADMIN, userId: user.id, reason: "again" })).rejects.toBeInstanceOf(UserNotBannedError);
      expect((await audit(user.id)).map((a) => [a.action, a.reason, a.before, a.after])).toEqual([
        [ADMIN_ACTIONS.userBanned, "spam <b>links</b>", { banned: false }, { banned: true }],
        [ADMIN_ACTIONS.userUnbanned, "appeal accepted", { banned: true }, { banned: false }],
      ]);
    });
  });

  describe("generation refunds", () => {
    async function generation(userId: number, spec: { status: string; price?: number; trial?: boolean; tool?: boolean }) {
      const [row] = await m.db
        .insert(generations)
        .values({
          userId,
          ...(spec.tool ? { kind: "tool", modelKey: "upscale", mode: "tool" } : { modelKey: "nano-banana-pro", mode: "text_to_image" }),
          providerModelId: "x",
          prompt: "p",
          priceCredits: spec.trial ? 0 : (spec.price ?? 150),
          paidWithTrial: spec.trial ?? false,
          status: spec.status,
          chatId: 1,
          deadlineAt: new Date(Date.now() + 600_000),
        })
        .returning();
      return row!;
    }

    it("refunds a delivered generation once, with the automatic refund's ledger key", async () => {
      const user = await newUser(0);
      const row = await generation(user.id, { status: "delivered" });
      const refund = await refundGenerationByAdmin(m.db, { adminTelegramId: ADMIN, generationId: row.id });
      expect(refund).toMatchObject({ refundedCredits: 150, balanceAfter: 150 });
      await expect(refundGenerationByAdmin(m.db, { adminTelegramId: ADMIN, generationId: row.id })).rejects.toBeInstanceOf(GenerationAlreadyRefundedError);
      const entries = await m.db.select().from(ledgerEntries).where(eq(ledgerEntries.idempotencyKey, `refund:generation:${row.id}`));
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ kind: LEDGER_KINDS.generationRefund, delta: 150 });
      expect((await audit(user.id)).map((a) => [a.action, a.target, a.after])).toEqual([
        [ADMIN_ACTIONS.generationRefunded, `generation:${row.id}`, { refunded: true, credits: 150, balance: 150 }],
      ]);
    });

    it("refunds a tool run as tool_refund, the kind its failure refund books, and a second refund books nothing", async () => {
      const user = await newUser(0);
      const run = await generation(user.id, { status: "delivered", price: 40, tool: true });
      expect(await refundGenerationByAdmin(m.db, { adminTelegramId: ADMIN, generationId: run.id })).toMatchObject({ refundedCredits: 40, balanceAfter: 40 });
      await expect(refundGenerationByAdmin(m.db, { adminTelegramId: ADMIN, generationId: run.id })).rejects.toBeInstanceOf(GenerationAlreadyRefundedError);
      const entries = await m.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.userId, user.id), eq(ledgerEntries.delta, 40)));
      expect(entries.map((e) => [e.kind, e.idempotencyKey])).toEqual([[LEDGER_KINDS.toolRefund, `refund:generation:${run.id}`]]);
      expect(await m.balanceOf(user.id)).toBe(40);
    });

    it("never after the automatic refund, never for a trial, never while it runs; and the automatic one cannot follow a manual one", async () => {
      const user = await newUser(0);
      const failed = await generation(user.id, { status: "submitted" });
      await failGeneration(m.db, failed.id, "provider_failed");
      await expect(refundGenerationByAdmin(m.db, { adminTelegramId: ADMIN, generationId: failed.id })).rejects.toBeInstanceOf(GenerationAlreadyRefundedError);

      const trial = await generation(user.id, { status: "delivered", trial: true });
      await expect(refundGenerationByAdmin(m.db, { adminTelegramId: ADMIN, generationId: trial.id })).rejects.toBeInstanceOf(TrialGenerationRefundError);

      const running = await generation(user.id, { status: "submitted", price: 80 });
      await expect(refundGenerationByAdmin(m.db, { adminTelegramId: ADMIN, generationId: running.id })).rejects.toBeInstanceOf(GenerationStillRunningError);

      // Delivered, refunded by hand; a late failure path (a sweeper racing a delivery) finds it refunded.
      const delivered = await generation(user.id, { status: "completed", price: 70 });
      await m.db.update(generations).set({ status: "delivered" }).where(eq(generations.id, delivered.id));
      await refundGenerationByAdmin(m.db, { adminTelegramId: ADMIN, generationId: delivered.id });
      await m.db.update(generations).set({ status: "completed" }).where(eq(generations.id, delivered.id));
      expect(await failGeneration(m.db, delivered.id, "delivery_failed")).toBeUndefined();

      // 150 (auto refund of the failed one) + 70 (manual): nothing twice, nothing for the trial.
      expect(await m.balanceOf(user.id)).toBe(220);
    });
  });

  describe("Stars refunds", () => {
    it("refund through the gateway, take the credits back and are audited", async () => {
      const user = await newUser(0);
      const gateway = new FakeStarsGateway();
      const chargeId = `stxADMIN${user.id}`;
      gateway.pay(chargeId, user.telegramId, "ord_x", 70);
      await m.db.insert(starPayments).values({
        chargeId,
        userId: user.id,
        payerTelegramId: user.telegramId,
        payload: "ord_x",
        stars: 70,
        credits: 1000,
        status: "credited",
        source: "update",
      });
      await credit(m.db, { userId: user.id, amount: 1000, kind: LEDGER_KINDS.purchase, reference: "x", idempotencyKey: `purchase:${chargeId}` });
      await credit(m.db, { userId: user.id, amount: 5, kind: LEDGER_KINDS.adminAdjustment, reference: "x", idempotencyKey: `bonus:${chargeId}` });
      const result = await refundPaymentByAdmin(m.db, gateway, NO_PURCHASE_HOOKS, { adminTelegramId: ADMIN, chargeId });
      expect(result).toMatchObject({ telegram: "refunded", deducted: 1000, shortfall: 0 });
      expect(gateway.refundCalls).toEqual([{ payerTelegramId: user.telegramId, chargeId }]);
      expect(await m.balanceOf(user.id)).toBe(5);
      const again = await refundPaymentByAdmin(m.db, gateway, NO_PURCHASE_HOOKS, { adminTelegramId: ADMIN, chargeId });
      expect(again.telegram).toBe("already_refunded");
      expect(await m.balanceOf(user.id)).toBe(5);
      const log = await audit(user.id);
      expect(log.map((a) => a.action)).toEqual([ADMIN_ACTIONS.paymentRefunded, ADMIN_ACTIONS.paymentRefunded]);
      expect(log[0]).toMatchObject({ target: `star_payment:${chargeId}`, before: { status: "credited", stars: 70, credits: 1000 } });
    });
  });

  describe("search and card", () => {
    it("finds users by Telegram id, @username, name and referral code", async () => {
      const user = await newUser(77);
      await m.db.update(users).set({ username: "Banana_Fan", firstName: "Zebulon", lastName: "Quux" }).where(eq(users.id, user.id));
      await m.db.insert(referralCodes).values({ userId: user.id, code: "abcdefgh23" });
      for (const query of [String(user.telegramId), "@banana_fan", "zebul", "Zebulon Quux", "ABCDEFGH23"]) {
        const found = await searchUsers(m.db, query);
        expect(found.map((f) => f.id), query).toContain(user.id);
      }
      expect(await searchUsers(m.db, "%")).toEqual([]);
      const card = await loadUserCard(m.db, user.id);
      expect(card).toMatchObject({ referralCode: "abcdefgh23", referrer: null, invited: 0 });
      expect(card?.user.balance).toBe(77);
    });
  });
});
