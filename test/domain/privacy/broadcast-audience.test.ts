import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../../src/db/schema/index.js";
import {
  broadcastRecipientCondition,
  listBroadcastRecipients,
  mayReceiveBroadcast,
  type BroadcastAudience,
} from "../../../src/domain/privacy/broadcast-audience.js";
import { setPrivacyPreference } from "../../../src/domain/privacy/privacy-preferences.js";
import { toUserProfile } from "../../../src/domain/users/user-profile.js";
import { upsertTelegramUser } from "../../../src/domain/users/user-repository.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { openMoneyDatabase, type MoneyDatabase } from "../database-fixture.js";

let nextTelegramId = 8_600_000_000;

describe.each(TEST_TARGETS)("who broadcasts reach on $name", (target) => {
  let m: MoneyDatabase;
  const people: Record<string, number> = {};

  beforeAll(async () => {
    m = await openMoneyDatabase(target);
    const make = async (name: string, change: Partial<typeof users.$inferInsert> = {}) => {
      const { row } = await upsertTelegramUser(m.db, { id: nextTelegramId++, first_name: name });
      await m.db
        .update(users)
        .set({ acceptedPolicyVersion: 1, acceptedPolicyAt: sql`now()`, ...change })
        .where(eq(users.id, row.id));
      people[name] = row.id;
    };
    await make("keeps-news");
    await make("opted-out");
    await make("never-accepted", { acceptedPolicyVersion: null, acceptedPolicyAt: null });
    await make("blocked-bot", { blockedAt: new Date() });
    await make("banned", { banned: true, banReason: "spam" });
    await make("deletion-pending", { deletionRequestedAt: new Date(), deletionDueAt: new Date(Date.now() + 86_400_000), deletionReason: "user_request" });
    await make("erased", { telegramId: null, erasedAt: new Date() });
    // The opt-out goes through the same function as the settings toggle.
    await setPrivacyPreference(m.db, people["opted-out"]!, "broadcasts", false);
  });
  afterAll(async () => {
    await m?.close();
  });

  async function recipients(audience: BroadcastAudience): Promise<string[]> {
    const ids = new Set(Object.values(people));
    const names = Object.fromEntries(Object.entries(people).map(([name, id]) => [id, name]));
    const found: string[] = [];
    let after = 0;
    for (;;) {
      const page = await listBroadcastRecipients(m.db, audience, { afterUserId: after, limit: 2 });
      if (page.length === 0) break;
      for (const r of page) if (ids.has(r.userId)) found.push(names[r.userId]!);
      after = page.at(-1)!.userId;
    }
    return found.sort();
  }

  it("new users are opted in to news; the settings toggle opts them out", async () => {
    const rows = await m.db.select().from(users).where(inArray(users.id, [people["keeps-news"]!, people["opted-out"]!]));
    expect(Object.fromEntries(rows.map((r) => [r.id === people["opted-out"] ? "out" : "in", r.broadcastOptIn]))).toEqual({ in: true, out: false });
  });

  it("an opted-out user receives no optional broadcast, nor does anyone not served any more", async () => {
    expect(await recipients("optional")).toEqual(["keeps-news"]);
  });

  it("essential notices (a policy change) reach opted-out users too, but still nobody who is gone", async () => {
    expect(await recipients("essential")).toEqual(["keeps-news", "opted-out"]);
  });

  it("the per-recipient check a sender makes right before sending agrees with the SQL rule", async () => {
    for (const audience of ["optional", "essential"] as const) {
      const rows = await m.db
        .select({ row: users, matches: sql<boolean>`(${broadcastRecipientCondition(audience)})` })
        .from(users)
        .where(inArray(users.id, Object.values(people)));
      for (const { row, matches } of rows) {
        if (row.telegramId === null) continue;
        expect(mayReceiveBroadcast(toUserProfile(row), audience), `${row.firstName} / ${audience}`).toBe(Boolean(matches));
      }
    }
  });

  it("turning news back on puts the user back in the audience", async () => {
    await setPrivacyPreference(m.db, people["opted-out"]!, "broadcasts", true);
    expect(await recipients("optional")).toEqual(["keeps-news", "opted-out"]);
    await setPrivacyPreference(m.db, people["opted-out"]!, "broadcasts", false);
  });

  it("leaving the gallery withdraws the reference images too, and offering them joins it", async () => {
    const id = people["keeps-news"]!;
    const read = async () => (await m.db.select().from(users).where(eq(users.id, id)))[0]!;
    expect(await read()).toMatchObject({ galleryOptIn: false, galleryReferencesOptIn: false });
    await setPrivacyPreference(m.db, id, "galleryReferences", true);
    expect(await read()).toMatchObject({ galleryOptIn: true, galleryReferencesOptIn: true });
    await setPrivacyPreference(m.db, id, "gallery", false);
    expect(await read()).toMatchObject({ galleryOptIn: false, galleryReferencesOptIn: false });
    await setPrivacyPreference(m.db, id, "gallery", true);
    expect(await read()).toMatchObject({ galleryOptIn: true, galleryReferencesOptIn: false });
  });
});
