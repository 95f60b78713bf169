import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledgerEntries, users } from "../../../src/db/schema/index.js";
import {
  adjustBalance,
  AdjustmentReasonRequiredError,
  AdjustmentReasonTooLongError,
  InvalidAdjustmentAmountError,
} from "../../../src/domain/ledger/balance-adjustment.js";
import { LEDGER_KINDS } from "../../../src/domain/ledger/ledger-kinds.js";
import {
  credit,
  debit,
  debitAtMost,
  getBalance,
  IdempotencyKeyConflictError,
  listEntries,
  UnknownLedgerUserError,
} from "../../../src/domain/ledger/ledger.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { openMoneyDatabase, type MoneyDatabase } from "../database-fixture.js";

const purchase = (userId: number, amount: number, key: string) => ({
  userId,
  amount,
  kind: LEDGER_KINDS.purchase,
  reference: `test:${key}`,
  idempotencyKey: key,
});
const charge = (userId: number, amount: number, key: string) => ({
  userId,
  amount,
  kind: LEDGER_KINDS.generationCharge,
  reference: `test:${key}`,
  idempotencyKey: key,
});

describe.each(TEST_TARGETS)("ledger on $name", (target) => {
  let m: MoneyDatabase;
  beforeAll(async () => {
    m = await openMoneyDatabase(target);
  });
  afterAll(async () => {
    expect(await m.invariantViolations()).toEqual([]);
    await m.close();
  });

  it("a credit raises the balance and writes one entry with the balance after it", async () => {
    const user = await m.createUser();
    const result = await credit(m.db, { ...purchase(user, 1000, "c1"), note: "first" });
    expect(result).toMatchObject({ applied: true, balanceAfter: 1000 });
    expect(result.entry).toMatchObject({ userId: user, delta: 1000, balanceAfter: 1000, kind: "purchase", reference: "test:c1", note: "first" });
    expect(await getBalance(m.db, user)).toBe(1000);
  });

  it("the same key twice changes nothing and reports the original entry", async () => {
    const user = await m.createUser();
    const first = await credit(m.db, purchase(user, 500, "dup-1"));
    const second = await credit(m.db, purchase(user, 500, "dup-1"));
    expect(second.applied).toBe(false);
    expect(second.entry.id).toBe(first.entry.id);
    expect(await m.balanceOf(user)).toBe(500);
    expect(await m.ledgerSumOf(user)).toBe(500);
  });

  it("concurrent postings of one key apply once (the unique index is the final guard)", async () => {
    const user = await m.createUser();
    const results = await Promise.all(Array.from({ length: 20 }, () => credit(m.db, purchase(user, 70, "race-1"))));
    expect(results.filter((r) => r.applied)).toHaveLength(1);
    expect(await m.balanceOf(user)).toBe(70);
    await credit(m.db, purchase(user, 1000, "race-seed"));
    const debits = await Promise.all(Array.from({ length: 20 }, () => debit(m.db, charge(user, 100, "race-2"))));
    expect(debits.filter((r) => r.ok && r.applied)).toHaveLength(1);
    expect(debits.every((r) => r.ok)).toBe(true);
    expect(await m.balanceOf(user)).toBe(970);
  });

  it("a debit beyond the balance is refused and writes nothing", async () => {
    const user = await m.createUser();
    await credit(m.db, purchase(user, 50, "d-seed"));
    const result = await debit(m.db, charge(user, 51, "d-1"));
    expect(result).toEqual({ ok: false, reason: "insufficient_funds", balance: 50 });
    const rows = await m.db.select().from(ledgerEntries).where(eq(ledgerEntries.idempotencyKey, "d-1"));
    expect(rows).toEqual([]);
    expect(await debit(m.db, charge(user, 50, "d-2"))).toMatchObject({ ok: true, applied: true, balanceAfter: 0 });
  });

  it("concurrent debits never overdraw: exactly as many succeed as the balance covers", async () => {
    const user = await m.createUser();
    await credit(m.db, purchase(user, 100, "od-seed"));
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => debit(m.db, charge(user, 30, `od-${i}`))));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(await m.balanceOf(user)).toBe(10);
    expect(await m.ledgerSumOf(user)).toBe(10);
  });

  it("a repeated debit key reports 'already applied' even when the balance no longer covers it", async () => {
    const user = await m.createUser();
    await credit(m.db, purchase(user, 100, "rk-seed"));
    await debit(m.db, charge(user, 100, "rk-1"));
    expect(await debit(m.db, charge(user, 100, "rk-1"))).toMatchObject({ ok: true, applied: false });
  });

  it("postings inside a caller's transaction roll back with it", async () => {
    const user = await m.createUser();
    await credit(m.db, purchase(user, 100, "tx-seed"));
    await expect(
      m.db.transaction(async (tx) => {
        await debit(tx, charge(user, 40, "tx-1"));
        throw new Error("the caller's later step failed");
      }),
    ).rejects.toThrow("later step");
    expect(await m.balanceOf(user)).toBe(100);
    // The key is free again: the event never happened.
    expect(await debit(m.db, charge(user, 40, "tx-1"))).toMatchObject({ ok: true, applied: true, balanceAfter: 60 });
  });

  it("a duplicate inside a caller's transaction leaves the rest of that transaction intact", async () => {
    const user = await m.createUser();
    await credit(m.db, purchase(user, 10, "sp-1"));
    await m.db.transaction(async (tx) => {
      await credit(tx, purchase(user, 10, "sp-1"));
      await credit(tx, purchase(user, 5, "sp-2"));
    });
    expect(await m.balanceOf(user)).toBe(15);
  });

  it("a capped debit takes what is left and reports the shortfall, once", async () => {
    const user = await m.createUser();
    await credit(m.db, purchase(user, 1000, "cap-seed"));
    await debit(m.db, charge(user, 700, "cap-spend"));
    const first = await debitAtMost(m.db, { ...purchase(user, 1000, "cap-1"), kind: LEDGER_KINDS.paymentRefund });
    expect(first).toMatchObject({ applied: true, deducted: 300, shortfall: 700, balanceAfter: 0 });
    const again = await debitAtMost(m.db, { ...purchase(user, 1000, "cap-1"), kind: LEDGER_KINDS.paymentRefund });
    expect(again).toMatchObject({ applied: false, deducted: 300, shortfall: 700 });
    const empty = await debitAtMost(m.db, { ...purchase(user, 10, "cap-2"), kind: LEDGER_KINDS.paymentRefund });
    expect(empty).toMatchObject({ applied: true, deducted: 0, shortfall: 10 });
    expect(await m.balanceOf(user)).toBe(0);
  });

  it("the database itself refuses a negative balance", async () => {
    const user = await m.createUser();
    await expect(m.db.update(users).set({ balance: -1 }).where(eq(users.id, user))).rejects.toThrow();
    await expect(m.db.execute(sql`update users set balance = balance - 1 where id = ${user}`)).rejects.toThrow();
  });

  it("refuses nonsense: a reused key for another event, a missing user, a non-positive amount", async () => {
    const user = await m.createUser();
    const other = await m.createUser();
    await credit(m.db, purchase(user, 10, "reuse"));
    await expect(credit(m.db, purchase(other, 10, "reuse"))).rejects.toBeInstanceOf(IdempotencyKeyConflictError);
    await expect(credit(m.db, purchase(999_999_999, 10, "nobody"))).rejects.toBeInstanceOf(UnknownLedgerUserError);
    await expect(credit(m.db, purchase(user, 0, "zero"))).rejects.toBeInstanceOf(RangeError);
    await expect(debit(m.db, charge(user, 1.5, "frac"))).rejects.toBeInstanceOf(RangeError);
  });

  it("lists a user's entries newest first, page by page", async () => {
    const user = await m.createUser();
    for (let i = 1; i <= 5; i++) await credit(m.db, purchase(user, i, `page-${i}`));
    const first = await listEntries(m.db, user, { limit: 2, offset: 0 });
    expect(first.total).toBe(5);
    expect(first.entries.map((e) => e.delta)).toEqual([5, 4]);
    const last = await listEntries(m.db, user, { limit: 2, offset: 4 });
    expect(last.entries.map((e) => e.delta)).toEqual([1]);
  });

  it("an admin adjustment needs a reason, never overdraws, and applies once per key", async () => {
    const user = await m.createUser();
    const adjust = (delta: number, reason: string, key: string) => adjustBalance(m.db, { userId: user, delta, reason, adminTelegramId: 42, idempotencyKey: key });
    await expect(adjust(100, "   ", "a0")).rejects.toBeInstanceOf(AdjustmentReasonRequiredError);
    await expect(adjust(100, "x".repeat(501), "a0")).rejects.toBeInstanceOf(AdjustmentReasonTooLongError);
    await expect(adjust(0, "nothing", "a0")).rejects.toBeInstanceOf(InvalidAdjustmentAmountError);
    await expect(adjust(0.5, "half", "a0")).rejects.toBeInstanceOf(InvalidAdjustmentAmountError);

    const granted = await adjust(300, " goodwill for a failed upscale ", "a1");
    expect(granted).toMatchObject({ ok: true, applied: true, balanceAfter: 300 });
    expect(granted.ok && granted.entry).toMatchObject({ kind: "admin_adjustment", reference: "admin:42", note: "goodwill for a failed upscale" });
    expect(await adjust(300, "goodwill for a failed upscale", "a1")).toMatchObject({ ok: true, applied: false });
    expect(await adjust(-301, "fraud", "a2")).toEqual({ ok: false, reason: "insufficient_funds", balance: 300 });
    expect(await adjust(-300, "fraud", "a3")).toMatchObject({ ok: true, applied: true, balanceAfter: 0 });
    expect(await m.balanceOf(user)).toBe(0);
    expect(await m.ledgerSumOf(user)).toBe(0);
  });
});
