import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generations, ledgerEntries, starPayments, users } from "../../../src/db/schema/index.js";
import { collectDailyReport } from "../../../src/domain/admin/daily-report.js";
import { collectStatistics, creditTotals, generationStatistics } from "../../../src/domain/admin/statistics.js";
import { startOfDay } from "../../../src/domain/admin/time-zone.js";
import { LEDGER_KINDS, type LedgerKind } from "../../../src/domain/ledger/ledger-kinds.js";
import { credit, debit } from "../../../src/domain/ledger/ledger.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { openMoneyDatabase, type MoneyDatabase } from "../database-fixture.js";

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const ZONE = "Asia/Tashkent";

/** The zone's calendar date, computed differently from the code under test (a formatted date string). */
const localDay = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);

interface SeedUser {
  key: string;
  createdAgo: number;
  seenAgo: number;
  banned?: boolean;
  blocked?: boolean;
  erased?: boolean;
}

interface SeedLedger {
  user: string;
  kind: LedgerKind;
  amount: number;
  ago: number;
}

interface SeedPayment {
  user: string;
  stars: number;
  status: "credited" | "refunded" | "unmatched";
  ago: number;
}

interface SeedGeneration {
  user: string;
  model: string;
  status: "delivered" | "failed" | "queued" | "submitted" | "completed";
  ago: number;
}

// A data set with every edge the queries must get right: boundaries of 7 and 30 days, erased, banned
// and blocked users, refunded and unmatched payments, every ledger kind the screen names.
const USERS: SeedUser[] = [
  { key: "a", createdAgo: 1 * HOUR, seenAgo: 0.5 * HOUR },
  { key: "b", createdAgo: 5 * HOUR, seenAgo: 1 * HOUR, banned: true },
  { key: "c", createdAgo: 20 * HOUR, seenAgo: 2 * DAY, blocked: true },
  { key: "d", createdAgo: 3 * DAY, seenAgo: 3 * DAY },
  { key: "e", createdAgo: 6.9 * DAY, seenAgo: 6.9 * DAY },
  { key: "f", createdAgo: 7.1 * DAY, seenAgo: 7.1 * DAY },
  { key: "g", createdAgo: 29 * DAY, seenAgo: 10 * DAY },
  { key: "h", createdAgo: 31 * DAY, seenAgo: 31 * DAY },
  { key: "i", createdAgo: 400 * DAY, seenAgo: 29.5 * DAY },
  { key: "x", createdAgo: 2 * HOUR, seenAgo: 2 * HOUR, erased: true },
];

const LEDGER: SeedLedger[] = [
  { user: "a", kind: LEDGER_KINDS.purchase, amount: 1000, ago: 2 * HOUR },
  { user: "a", kind: LEDGER_KINDS.generationCharge, amount: 150, ago: 1.5 * HOUR },
  { user: "a", kind: LEDGER_KINDS.generationRefund, amount: 150, ago: 1.4 * HOUR },
  { user: "a", kind: LEDGER_KINDS.generationCharge, amount: 78, ago: 1 * HOUR },
  { user: "d", kind: LEDGER_KINDS.purchase, amount: 2000, ago: 2 * DAY },
  { user: "d", kind: LEDGER_KINDS.purchase, amount: 500, ago: 30 * HOUR },
  { user: "d", kind: LEDGER_KINDS.toolCharge, amount: 40, ago: 20 * HOUR },
  { user: "d", kind: LEDGER_KINDS.toolRefund, amount: 40, ago: 19 * HOUR },
  { user: "d", kind: LEDGER_KINDS.paymentRefund, amount: 500, ago: 10 * HOUR },
  { user: "g", kind: LEDGER_KINDS.adminAdjustment, amount: 300, ago: 9 * DAY },
  { user: "g", kind: LEDGER_KINDS.referralJoinBonus, amount: 20, ago: 9 * DAY },
  { user: "g", kind: LEDGER_KINDS.generationCharge, amount: 200, ago: 3 * HOUR },
  { user: "i", kind: LEDGER_KINDS.purchase, amount: 1000, ago: 100 * DAY },
  { user: "i", kind: LEDGER_KINDS.adminAdjustment, amount: -100, ago: 5 * HOUR },
  // An erased account's purchase: money that came in, but no longer a person to count.
  { user: "x", kind: LEDGER_KINDS.purchase, amount: 300, ago: 1.5 * HOUR },
];

const PAYMENTS: SeedPayment[] = [
  { user: "a", stars: 70, status: "credited", ago: 2 * HOUR },
  { user: "d", stars: 140, status: "credited", ago: 2 * DAY },
  { user: "d", stars: 35, status: "refunded", ago: 30 * HOUR },
  { user: "i", stars: 70, status: "credited", ago: 100 * DAY },
  { user: "g", stars: 700, status: "credited", ago: 20 * DAY },
  { user: "h", stars: 999, status: "unmatched", ago: 1 * HOUR },
];

const GENERATIONS: SeedGeneration[] = [
  { user: "a", model: "nano-banana-pro", status: "delivered", ago: 1 * HOUR },
  { user: "a", model: "nano-banana-pro", status: "failed", ago: 1.5 * HOUR },
  { user: "a", model: "seedream", status: "delivered", ago: 3 * HOUR },
  { user: "d", model: "seedream", status: "delivered", ago: 2 * DAY },
  { user: "d", model: "gpt-image", status: "queued", ago: 0.1 * HOUR },
  { user: "g", model: "nano-banana-pro", status: "submitted", ago: 0.2 * HOUR },
  { user: "g", model: "nano-banana-pro", status: "completed", ago: 0.3 * HOUR },
  { user: "g", model: "gpt-image", status: "failed", ago: 10 * DAY },
  { user: "i", model: "nano-banana-pro", status: "delivered", ago: 40 * DAY },
];

describe.each(TEST_TARGETS)("admin statistics on $name", (target) => {
  let m: MoneyDatabase;
  const now = new Date();
  const at = (ago: number) => new Date(now.getTime() - ago);
  const ids = new Map<string, number>();
  let telegramIds = 8_800_000;

  beforeAll(async () => {
    m = await openMoneyDatabase(target);
    for (const u of USERS) {
      const id = await m.createUser(telegramIds++);
      ids.set(u.key, id);
      await m.db
        .update(users)
        .set({
          createdAt: at(u.createdAgo),
          lastSeenAt: at(u.seenAgo),
          banned: u.banned ?? false,
          blockedAt: u.blocked ? at(HOUR) : null,
          ...(u.erased ? { telegramId: null, firstName: null } : {}),
        })
        .where(eq(users.id, id));
    }
    let n = 0;
    for (const entry of LEDGER) {
      const userId = ids.get(entry.user)!;
      const posting = { userId, amount: Math.abs(entry.amount), kind: entry.kind, reference: "seed", idempotencyKey: `seed:${n++}` };
      const negative = [LEDGER_KINDS.generationCharge, LEDGER_KINDS.toolCharge, LEDGER_KINDS.paymentRefund].includes(entry.kind as never) || entry.amount < 0;
      const posted = negative ? await debit(m.db, posting) : await credit(m.db, posting);
      if (!("entry" in posted)) throw new Error("seed debit refused");
      await m.db.update(ledgerEntries).set({ createdAt: at(entry.ago) }).where(eq(ledgerEntries.id, posted.entry.id));
    }
    n = 0;
    for (const p of PAYMENTS) {
      await m.db.insert(starPayments).values({
        chargeId: `stxSTAT${n++}`,
        userId: ids.get(p.user)!,
        payerTelegramId: 1,
        payload: "seed",
        stars: p.stars,
        credits: p.status === "unmatched" ? 0 : p.stars * 10,
        status: p.status,
        source: "update",
        createdAt: at(p.ago),
      });
    }
    for (const g of GENERATIONS) {
      await m.db.insert(generations).values({
        userId: ids.get(g.user)!,
        modelKey: g.model,
        mode: "text_to_image",
        providerModelId: "seed",
        prompt: "seed",
        priceCredits: 100,
        status: g.status,
        chatId: 1,
        deadlineAt: now,
        createdAt: at(g.ago),
      });
    }
  });

  afterAll(async () => {
    expect(await m.invariantViolations()).toEqual([]);
    await m.close();
  });

  it("every figure of the statistics screen equals the same figure computed from the seed", async () => {
    const stats = await collectStatistics(m.db, { now, dayStart: startOfDay(now, ZONE) });
    const known = USERS.filter((u) => !u.erased);
    const within = (ago: number, days: number) => ago < days * DAY;
    expect(stats.users).toEqual({
      total: known.length,
      newToday: known.filter((u) => localDay(at(u.createdAgo)) === localDay(now)).length,
      new7d: known.filter((u) => within(u.createdAgo, 7)).length,
      new30d: known.filter((u) => within(u.createdAgo, 30)).length,
      active7d: known.filter((u) => within(u.seenAgo, 7)).length,
      active30d: known.filter((u) => within(u.seenAgo, 30)).length,
      paying: new Set(LEDGER.filter((l) => l.kind === LEDGER_KINDS.purchase && known.some((u) => u.key === l.user)).map((l) => l.user)).size,
      banned: known.filter((u) => u.banned).length,
      blockedBot: known.filter((u) => u.blocked).length,
    });

    const credited = PAYMENTS.filter((p) => p.status === "credited");
    const stars = (list: SeedPayment[]) => list.reduce((s, p) => s + p.stars, 0);
    expect(stats.revenue).toEqual({
      today: stars(credited.filter((p) => localDay(at(p.ago)) === localDay(now))),
      last7d: stars(credited.filter((p) => within(p.ago, 7))),
      last30d: stars(credited.filter((p) => within(p.ago, 30))),
      total: stars(credited),
    });

    const delivered = GENERATIONS.filter((g) => g.status === "delivered").length;
    const failed = GENERATIONS.filter((g) => g.status === "failed").length;
    expect(stats.generations).toMatchObject({
      total: GENERATIONS.length,
      delivered,
      failed,
      inProgress: GENERATIONS.length - delivered - failed,
      successRate: delivered / (delivered + failed),
    });
    const models = [...new Set(GENERATIONS.map((g) => g.model))];
    const expectedByModel = models
      .map((model) => {
        const of = GENERATIONS.filter((g) => g.model === model);
        return { modelKey: model, total: of.length, delivered: of.filter((g) => g.status === "delivered").length, failed: of.filter((g) => g.status === "failed").length };
      })
      .sort((a, b) => b.total - a.total || a.modelKey.localeCompare(b.modelKey));
    expect(stats.generations.byModel).toEqual(expectedByModel);

    expect(stats.credits).toEqual(expectedCredits(LEDGER));
  });

  it("the daily report counts only the last 24 hours, from the same queries", async () => {
    const report = await collectDailyReport(m.db, { from: at(DAY), to: now });
    const inDay = (ago: number) => ago <= DAY;
    const known = USERS.filter((u) => !u.erased);
    expect(report.users).toEqual({
      total: known.length,
      new: known.filter((u) => inDay(u.createdAgo)).length,
      active: known.filter((u) => inDay(u.seenAgo)).length,
    });
    const lastDay = GENERATIONS.filter((g) => inDay(g.ago));
    expect(report.generations).toMatchObject({
      total: lastDay.length,
      delivered: lastDay.filter((g) => g.status === "delivered").length,
      failed: lastDay.filter((g) => g.status === "failed").length,
    });
    expect(report.generations.byModel[0]).toMatchObject({ modelKey: "nano-banana-pro", total: lastDay.filter((g) => g.model === "nano-banana-pro").length });
    expect(report.credits).toEqual(expectedCredits(LEDGER.filter((l) => inDay(l.ago))));
    expect(report.revenueStars).toBe(PAYMENTS.filter((p) => p.status === "credited" && inDay(p.ago)).reduce((s, p) => s + p.stars, 0));
  });

  it("counts a kind only if it is written: a kind nobody wrote adds nothing, an unknown kind is ignored", async () => {
    const before = await creditTotals(m.db);
    const userId = ids.get("a")!;
    // A row of a kind that is not one of LEDGER_KINDS must not leak into any figure.
    await m.db.execute(sql`insert into ledger_entries (user_id, delta, balance_after, kind, reference, idempotency_key)
      values (${userId}, 0, 0, 'deposit', 'legacy', 'legacy:deposit')`);
    expect(await creditTotals(m.db)).toEqual(before);
    expect((await generationStatistics(m.db, { from: at(1000 * DAY), to: at(900 * DAY) })).successRate).toBeNull();
  });
});

function expectedCredits(entries: SeedLedger[]) {
  const sum = (kinds: string[]) => entries.filter((l) => kinds.includes(l.kind)).reduce((s, l) => s + Math.abs(l.amount) * (l.amount < 0 ? -1 : 1), 0);
  return {
    bought: sum([LEDGER_KINDS.purchase]),
    spent: sum([LEDGER_KINDS.generationCharge, LEDGER_KINDS.toolCharge]),
    refunded: sum([LEDGER_KINDS.generationRefund, LEDGER_KINDS.toolRefund]),
    reversedPurchases: sum([LEDGER_KINDS.paymentRefund]),
    bonuses: sum([LEDGER_KINDS.referralJoinBonus, LEDGER_KINDS.referralPurchaseBonus, LEDGER_KINDS.referralPurchaseReversal, LEDGER_KINDS.referralWelcomeBonus]),
    adjustments: sum([LEDGER_KINDS.adminAdjustment]),
  };
}
