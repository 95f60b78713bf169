import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConfig } from "../../../src/config.js";
import { adjustBalance } from "../../../src/domain/ledger/balance-adjustment.js";
import { LEDGER_KINDS } from "../../../src/domain/ledger/ledger-kinds.js";
import { debit } from "../../../src/domain/ledger/ledger.js";
import { createOrder } from "../../../src/domain/payments/orders.js";
import { recordPayment, reversePayment } from "../../../src/domain/payments/star-payments.js";
import { quoteTopUp } from "../../../src/domain/payments/top-up-amount.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { openMoneyDatabase, type MoneyDatabase } from "../database-fixture.js";

/** Set PROPERTY_SEED to replay a failing run; the seed is in the failure message. */
const SEED = Number(process.env.PROPERTY_SEED ?? Math.floor(Math.random() * 2 ** 31));
const ROUNDS = 12;
const OPS_PER_ROUND = 40;
const USERS = 3;

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const settings = createConfig({}).payments;

interface Account {
  userId: number;
  telegramId: number;
  /** Charge ids paid so far (refund candidates, and redelivery candidates). */
  charges: Array<{ chargeId: string; payload: string; stars: number }>;
  /** Keys used so far, replayed to simulate retries. */
  keys: string[];
}

describe.each(TEST_TARGETS)("ledger property on $name", (target) => {
  let m: MoneyDatabase;
  beforeAll(async () => {
    m = await openMoneyDatabase(target, 12);
  });
  afterAll(async () => {
    await m.close();
  });

  it(`random concurrent purchases, debits, refunds and adjustments keep balance = sum of ledger ≥ 0 (seed ${SEED})`, async () => {
    const random = prng(SEED + (target.name === "postgres" ? 1 : 0));
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
    let serial = 0;
    const fresh = (prefix: string) => `${prefix}-${SEED}-${++serial}`;

    const accounts: Account[] = [];
    for (let i = 0; i < USERS; i++) {
      const telegramId = 8_000_000 + i;
      accounts.push({ userId: await m.createUser(telegramId), telegramId, charges: [], keys: [] });
    }

    try {
      for (let round = 0; round < ROUNDS; round++) {
        const before = new Map<number, number>();
        for (const a of accounts) before.set(a.userId, await m.balanceOf(a.userId));
        // Each operation reports the delta it applied; hidden changes would break the per-user sums.
        const ops: Array<() => Promise<{ userId: number; applied: number }>> = [];
        for (let i = 0; i < OPS_PER_ROUND; i++) {
          const account = pick(accounts);
          const { userId } = account;
          const roll = random();
          if (roll < 0.3) {
            const redeliver = account.charges.length > 0 && random() < 0.25;
            const stars = pick(settings.presetStars);
            ops.push(async () => {
              const charge = redeliver
                ? pick(account.charges)
                : await createOrder(m.db, { userId, quote: quoteTopUp(stars, settings) }, settings).then((o) => {
                    const created = { chargeId: fresh("stx"), payload: o.payload, stars: o.stars };
                    account.charges.push(created);
                    return created;
                  });
              const outcome = await recordPayment(m.db, {
                chargeId: charge.chargeId,
                payerTelegramId: account.telegramId,
                payload: charge.payload,
                currency: "XTR",
                totalAmount: charge.stars,
                source: random() < 0.5 ? "update" : "reconciliation",
              });
              return { userId, applied: outcome.status === "credited" ? outcome.credits : 0 };
            });
          } else if (roll < 0.6) {
            const key = account.keys.length > 0 && random() < 0.2 ? pick(account.keys) : fresh("debit");
            account.keys.push(key);
            const amount = int(1, 4000);
            ops.push(async () => {
              const result = await debit(m.db, { userId, amount, kind: LEDGER_KINDS.generationCharge, reference: key, idempotencyKey: key });
              return { userId, applied: result.ok && result.applied ? result.entry.delta : 0 };
            });
          } else if (roll < 0.8) {
            if (account.charges.length === 0) continue;
            const { chargeId } = pick(account.charges);
            ops.push(async () => {
              const outcome = await reversePayment(m.db, chargeId);
              return { userId, applied: outcome.status === "reversed" ? -outcome.deducted : 0 };
            });
          } else {
            const key = account.keys.length > 0 && random() < 0.2 ? pick(account.keys) : fresh("adjust");
            account.keys.push(key);
            const delta = (random() < 0.5 ? -1 : 1) * int(1, 3000);
            ops.push(async () => {
              const result = await adjustBalance(m.db, { userId, delta, reason: "property test", adminTelegramId: 1, idempotencyKey: key });
              return { userId, applied: result.ok && result.applied ? result.entry.delta : 0 };
            });
          }
        }
        const settled = await Promise.allSettled(ops.map((op) => op()));
        const failures = settled.filter((s) => s.status === "rejected");
        // A reused key across kinds is refused loudly (IdempotencyKeyConflictError); anything else is a bug.
        for (const failure of failures) expect(String(failure.reason)).toMatch(/IdempotencyKeyConflictError|idempotency key/);
        const applied = new Map<number, number>();
        for (const s of settled) if (s.status === "fulfilled") applied.set(s.value.userId, (applied.get(s.value.userId) ?? 0) + s.value.applied);

        for (const a of accounts) {
          const balance = await m.balanceOf(a.userId);
          expect(balance, `round ${round}, user ${a.userId}: never negative`).toBeGreaterThanOrEqual(0);
          expect(balance, `round ${round}, user ${a.userId}: balance = sum of ledger`).toBe(await m.ledgerSumOf(a.userId));
          expect(balance - (before.get(a.userId) ?? 0), `round ${round}, user ${a.userId}: change = what the operations reported`).toBe(
            applied.get(a.userId) ?? 0,
          );
        }
      }
      expect(await m.invariantViolations()).toEqual([]);
    } catch (error) {
      throw new Error(`ledger property failed; replay with PROPERTY_SEED=${SEED}: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
  }, 30_000);
});
