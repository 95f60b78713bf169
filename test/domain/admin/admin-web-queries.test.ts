import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generations, starPayments, users } from "../../../src/db/schema/index.js";
import { audienceFromKey } from "../../../src/domain/admin/broadcast-overview.js";
import { chartSeries } from "../../../src/domain/admin/chart-series.js";
import { listGenerations, isGenerationFile } from "../../../src/domain/admin/generation-list.js";
import { listPayments } from "../../../src/domain/admin/payment-list.js";
import { listUsers } from "../../../src/domain/admin/user-list.js";
import { allAudiences, audienceKey } from "../../../src/domain/broadcasts/audience.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { openMoneyDatabase, type MoneyDatabase } from "../database-fixture.js";

const HOUR = 3600_000;
const ZONE = "Asia/Tashkent"; // UTC+5, no daylight saving
/** 2026-11-27 12:00 in Tashkent. */
const NOW = new Date("2026-11-27T07:00:00Z");

describe.each(TEST_TARGETS)("the panel's list and chart queries on $name", (target) => {
  let money: MoneyDatabase;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    money = await openMoneyDatabase(target);
    const db = money.db;
    const add = async (key: string, telegramId: number | null, createdAt: Date, extra: Partial<typeof users.$inferInsert> = {}) => {
      const [row] = await db
        .insert(users)
        .values({ telegramId, firstName: key, createdAt, lastSeenAt: createdAt, ...extra })
        .returning({ id: users.id });
      ids[key] = row?.id ?? 0;
    };
    // 19:30 UTC on the 26th is 00:30 on the 27th in Tashkent: "today" there, "yesterday" in UTC.
    await add("late", 800_001, new Date("2026-11-26T19:30:00Z"));
    await add("early", 800_002, new Date("2026-11-26T18:30:00Z"), { banned: true, banReason: "x" });
    await add("old", 800_003, new Date("2026-11-20T10:00:00Z"), { blockedAt: new Date() });
    await add("erased", null, new Date("2026-11-27T05:00:00Z"), { erasedAt: new Date() });
    const generation = (userId: number, status: string, createdAt: Date, resultFileIds: string[] = []) => ({
      userId,
      modelKey: "seedream-v4",
      mode: "text_to_image",
      providerModelId: "x",
      prompt: "p",
      priceCredits: 67,
      status,
      chatId: 1,
      deadlineAt: createdAt,
      createdAt,
      resultFileIds,
      references: [{ fileId: "REFERENCEfile01", fileUniqueId: "u", kind: "photo" as const }],
    });
    await db.insert(generations).values([
      generation(ids.late ?? 0, "delivered", new Date("2026-11-26T20:00:00Z"), ["RESULTfile0001"]),
      generation(ids.late ?? 0, "failed", new Date("2026-11-26T12:00:00Z")),
      generation(ids.old ?? 0, "queued", new Date("2026-11-27T06:00:00Z")),
    ]);
    const payment = (chargeId: string, userId: number | null, stars: number, status: string, createdAt: Date) => ({
      chargeId,
      userId,
      payerTelegramId: 1,
      payload: "p",
      stars,
      credits: stars * 10,
      status,
      source: "update",
      createdAt,
    });
    await db.insert(starPayments).values([
      payment("c1", ids.late ?? 0, 70, "credited", new Date("2026-11-26T19:45:00Z")),
      payment("c2", ids.old ?? 0, 140, "refunded", new Date("2026-11-25T10:00:00Z")),
      payment("c3", null, 50, "unmatched", new Date("2026-11-24T10:00:00Z")),
    ]);
  });

  afterAll(async () => {
    await money?.close();
  });

  it("lists users newest first with their own generation counts, never the erased", async () => {
    const all = await listUsers(money.db, { limit: 10, offset: 0 });
    expect(all.total).toBe(3);
    expect(all.items.map((u) => [u.firstName, u.generations])).toEqual([
      ["old", 1],
      ["early", 0],
      ["late", 2],
    ]);
    expect((await listUsers(money.db, { filter: "banned", limit: 10, offset: 0 })).items.map((u) => u.firstName)).toEqual(["early"]);
    expect((await listUsers(money.db, { filter: "blocked_bot", limit: 10, offset: 0 })).items.map((u) => u.firstName)).toEqual(["old"]);
    expect((await listUsers(money.db, { query: "800001", limit: 10, offset: 0 })).items.map((u) => u.firstName)).toEqual(["late"]);
    expect((await listUsers(money.db, { query: "nobody-like-this", limit: 10, offset: 0 })).total).toBe(0);
    expect((await listUsers(money.db, { limit: 1, offset: 1 })).items.map((u) => u.firstName)).toEqual(["early"]);
  });

  it("lists generations by status, and knows which file ids are ours", async () => {
    expect((await listGenerations(money.db, { limit: 10, offset: 0 })).total).toBe(3);
    expect((await listGenerations(money.db, { filter: "active", limit: 10, offset: 0 })).items.map((g) => g.status)).toEqual(["queued"]);
    const delivered = await listGenerations(money.db, { filter: "delivered", limit: 10, offset: 0 });
    expect(delivered.items[0]).toMatchObject({ resultFileIds: ["RESULTfile0001"], referenceFileIds: ["REFERENCEfile01"], user: { telegramId: 800_001 } });
    expect((await listGenerations(money.db, { userId: ids.old, limit: 10, offset: 0 })).total).toBe(1);
    expect(await isGenerationFile(money.db, "RESULTfile0001")).toBe(true);
    expect(await isGenerationFile(money.db, "REFERENCEfile01")).toBe(true);
    expect(await isGenerationFile(money.db, "SOMEONEELSESfile")).toBe(false);
  });

  it("lists payments with the totals of the filter", async () => {
    expect(await listPayments(money.db, { limit: 10, offset: 0 })).toMatchObject({ total: 3, stars: 260, credits: 2600 });
    const credited = await listPayments(money.db, { filter: "credited", limit: 10, offset: 0 });
    expect(credited).toMatchObject({ total: 1, stars: 70 });
    const unmatched = await listPayments(money.db, { filter: "unmatched", limit: 10, offset: 0 });
    expect(unmatched.items[0]).toMatchObject({ userId: null, user: null });
  });

  it("buckets the chart's days by the operator's calendar, with every day present", async () => {
    const series = await chartSeries(money.db, { days: 7, now: NOW, timeZone: ZONE });
    expect(series.days.map((d) => d.date)).toEqual(["2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"]);
    const day = (date: string) => series.days.find((d) => d.date === date);
    // Created 00:30 and 23:30 Tashkent time: one on each side of midnight there.
    expect(day("2026-11-27")).toMatchObject({ newUsers: 1, generations: 2, delivered: 1, revenueStars: 70, payments: 1 });
    expect(day("2026-11-26")).toMatchObject({ newUsers: 1, generations: 1, failed: 1, revenueStars: 0 });
    // Refunded and unmatched payments are not revenue; the erased account is not a user.
    expect(day("2026-11-25")?.revenueStars).toBe(0);
    expect(series.days.reduce((n, d) => n + d.newUsers, 0)).toBe(2);
    expect(series.byModel).toEqual([{ modelKey: "seedream-v4", total: 3, delivered: 1, failed: 1 }]);
    expect((await chartSeries(money.db, { days: 30, now: NOW, timeZone: ZONE })).days).toHaveLength(30);
    expect((await chartSeries(money.db, { days: 1, now: new Date(NOW.getTime() + 12 * HOUR), timeZone: ZONE })).days.map((d) => d.date)).toEqual(["2026-11-28"]);
  });
});

describe("audience keys", () => {
  it("read back every audience the broadcasts offer, and nothing else", () => {
    for (const audience of allAudiences()) expect(audienceFromKey(audienceKey(audience))).toEqual(audience);
    for (const bad of ["everyone", "language", "language:de", "all:ru", "active_7d:en", ""]) expect(audienceFromKey(bad)).toBeUndefined();
  });
});
