import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCALES } from "../../../src/config.js";
import { users } from "../../../src/db/schema/index.js";
import { allAudiences, audienceCondition, countAudiences, effectiveLocaleSql, type Audience } from "../../../src/domain/broadcasts/audience.js";
import { EmptyAudienceError } from "../../../src/domain/broadcasts/broadcast-errors.js";
import { LEDGER_KINDS } from "../../../src/domain/ledger/ledger-kinds.js";
import { credit } from "../../../src/domain/ledger/ledger.js";
import { effectiveLocale } from "../../../src/domain/users/user-profile.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { openMoneyDatabase, type MoneyDatabase } from "../database-fixture.js";
import { runningBroadcast } from "./broadcast-fixture.js";

const DAY = 24 * 3600_000;

interface Person {
  key: string;
  locale?: string | null;
  languageCode?: string | null;
  seenAgo?: number;
  createdAgo?: number;
  balance?: number;
  paid?: boolean;
  /** Reasons to be left out of every broadcast. */
  banned?: boolean;
  blocked?: boolean;
  optedOut?: boolean;
  noConsent?: boolean;
  deletionPending?: boolean;
  erased?: boolean;
}

const PEOPLE: Person[] = [
  { key: "ru-fresh", locale: "ru", seenAgo: DAY, createdAgo: 2 * DAY, balance: 100, paid: true },
  { key: "uz-hint", languageCode: "uz-UZ", seenAgo: 10 * DAY, createdAgo: 20 * DAY },
  { key: "de-default", languageCode: "de", seenAgo: 40 * DAY, createdAgo: 90 * DAY, balance: 5 },
  { key: "en-old", locale: "en", languageCode: "ru", seenAgo: 20 * DAY, createdAgo: 200 * DAY, paid: true },
  { key: "banned", locale: "ru", banned: true, balance: 10 },
  { key: "blocked", locale: "ru", blocked: true },
  { key: "opted-out", locale: "ru", optedOut: true },
  { key: "no-consent", locale: "ru", noConsent: true },
  { key: "deleting", locale: "ru", deletionPending: true },
  { key: "erased", locale: "ru", erased: true },
];

describe.each(TEST_TARGETS)("broadcast audiences on $name", (target) => {
  let m: MoneyDatabase;
  const now = new Date();
  let telegramIds = 9_300_000;
  const ids = new Map<string, number>();

  beforeAll(async () => {
    m = await openMoneyDatabase(target);
    for (const p of PEOPLE) {
      const id = await m.createUser(telegramIds++);
      ids.set(p.key, id);
      if (p.balance) await credit(m.db, { userId: id, amount: p.balance, kind: LEDGER_KINDS.adminAdjustment, reference: "t", idempotencyKey: `bal:${id}` });
      if (p.paid) await credit(m.db, { userId: id, amount: 1, kind: LEDGER_KINDS.purchase, reference: "t", idempotencyKey: `paid:${id}` });
      if (p.paid && !p.balance) {
        // Paying but spent everything: the balance goes back to 0.
        await m.db.execute(sql`update users set balance = 0 where id = ${id}`);
        await m.db.execute(sql`insert into ledger_entries (user_id, delta, balance_after, kind, reference, idempotency_key) values (${id}, -1, 0, ${LEDGER_KINDS.generationCharge}, 't', ${`spent:${id}`})`);
      }
      await m.db
        .update(users)
        .set({
          locale: p.locale ?? null,
          languageCode: p.languageCode ?? null,
          lastSeenAt: new Date(now.getTime() - (p.seenAgo ?? 0)),
          createdAt: new Date(now.getTime() - (p.createdAgo ?? 0)),
          acceptedPolicyVersion: p.noConsent ? null : 1,
          broadcastOptIn: !p.optedOut,
          banned: p.banned ?? false,
          blockedAt: p.blocked ? now : null,
          deletionRequestedAt: p.deletionPending ? now : null,
          deletionDueAt: p.deletionPending ? new Date(now.getTime() + 30 * DAY) : null,
          ...(p.erased ? { telegramId: null, erasedAt: now } : {}),
        })
        .where(eq(users.id, id));
    }
  });
  afterAll(async () => {
    await m.close();
  });

  async function members(audience: Audience): Promise<string[]> {
    const rows = await m.db.select({ id: users.id }).from(users).where(audienceCondition(audience, { now, defaultLocale: "en" }));
    const byId = new Map([...ids].map(([k, v]) => [v, k]));
    return rows.map((r) => byId.get(r.id) ?? `?${r.id}`).sort();
  }

  it("each audience is what it says, and nobody excluded is ever in one", async () => {
    expect(await members({ kind: "all" })).toEqual(["de-default", "en-old", "ru-fresh", "uz-hint"]);
    expect(await members({ kind: "active_7d" })).toEqual(["ru-fresh"]);
    expect(await members({ kind: "active_30d" })).toEqual(["en-old", "ru-fresh", "uz-hint"]);
    expect(await members({ kind: "with_balance" })).toEqual(["de-default", "ru-fresh"]);
    expect(await members({ kind: "paying" })).toEqual(["en-old", "ru-fresh"]);
    expect(await members({ kind: "new_7d" })).toEqual(["ru-fresh"]);
    expect(await members({ kind: "language", locale: "ru" })).toEqual(["ru-fresh"]);
    expect(await members({ kind: "language", locale: "uz" })).toEqual(["uz-hint"]);
    expect(await members({ kind: "language", locale: "en" })).toEqual(["de-default", "en-old"]);
  });

  it("a service notice also reaches those who opted out, and nobody else excluded", async () => {
    const essential = async (audience: Audience) => {
      const rows = await m.db.select({ id: users.id }).from(users).where(audienceCondition(audience, { now, defaultLocale: "en" }, "essential"));
      const byId = new Map([...ids].map(([k, v]) => [v, k]));
      return rows.map((r) => byId.get(r.id) ?? `?${r.id}`).sort();
    };
    expect(await essential({ kind: "all" })).toEqual(["de-default", "en-old", "opted-out", "ru-fresh", "uz-hint"]);
    expect(await essential({ kind: "language", locale: "ru" })).toEqual(["opted-out", "ru-fresh"]);
    expect(await essential({ kind: "active_7d" })).toEqual(["opted-out", "ru-fresh"]);
  });

  it("counts every audience in one query, equal to its members, for broadcasts and service notices", async () => {
    const counts = await countAudiences(m.db, { now, defaultLocale: "en" });
    expect(counts.map((c) => c.audience)).toEqual(allAudiences());
    for (const { audience, count, essentialCount } of counts) {
      expect(count, JSON.stringify(audience)).toBe((await members(audience)).length);
      const reached = await m.db.select({ id: users.id }).from(users).where(audienceCondition(audience, { now, defaultLocale: "en" }, "essential"));
      expect(essentialCount, JSON.stringify(audience)).toBe(reached.length);
    }
    expect(counts.find((c) => c.audience.kind === "all")).toMatchObject({ count: 4, essentialCount: 5 });
  });

  it("decides a user's language in SQL exactly as effectiveLocale does in code", async () => {
    const samples: Array<[string | null, string | null]> = [];
    for (const locale of [null, "ru", "en", "uz", "xx"]) for (const code of [null, "ru", "RU-ru", "uz_UZ", "en-GB", "de", ""]) samples.push([locale, code]);
    for (const defaultLocale of LOCALES) {
      for (const [locale, languageCode] of samples) {
        const rows = await m.db.execute(sql`select ${effectiveLocaleSql(defaultLocale)} as l from (select ${locale}::text as locale, ${languageCode}::text as language_code) as users`);
        const value = (rows as unknown as { rows: Array<{ l: string }> }).rows[0]?.l;
        const expected = effectiveLocale({ locale: LOCALES.find((l) => l === locale) ?? null, languageCode }, defaultLocale);
        expect(value, `${locale}/${languageCode}/${defaultLocale}`).toBe(expected);
      }
    }
  });

  it("a broadcast to an empty audience does not start", async () => {
    await expect(runningBroadcast(m, { kind: "new_7d" })).resolves.toMatchObject({ total: 1 });
    await m.db.update(users).set({ createdAt: new Date(now.getTime() - 8 * DAY) }).where(eq(users.id, ids.get("ru-fresh")!));
    await expect(runningBroadcast(m, { kind: "new_7d" })).rejects.toBeInstanceOf(EmptyAudienceError);
  });
});
