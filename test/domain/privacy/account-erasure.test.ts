import { eq, sql } from "drizzle-orm";
import { bigint, pgTable, text } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  botSessions,
  generationDrafts,
  generationPreferences,
  generations,
  ledgerEntries,
  referralCodes,
  referrals,
  starOrders,
  starPayments,
  users,
} from "../../../src/db/schema/index.js";
import { eraseAccount, eraseAccountNow, type ErasureDeps } from "../../../src/domain/privacy/account-erasure.js";
import { DELETION_REASONS } from "../../../src/domain/privacy/deletion-reasons.js";
import { ERASED_TELEGRAM_ID, MissingPurgeRuleError } from "../../../src/domain/privacy/purge-rules.js";
import { PrivacyService } from "../../../src/domain/privacy/privacy-service.js";
import { findUserDataTables, tablesIn } from "../../../src/domain/privacy/user-data-tables.js";
import { findReferrerByCode } from "../../../src/domain/referrals/referral-codes.js";
import { upsertTelegramUser } from "../../../src/domain/users/user-repository.js";
import * as schema from "../../../src/db/schema/index.js";
import { MemoryStore } from "../../../src/infra/kv/memory-store.js";
import { collectingLogger } from "../../support/collecting-logger.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { openMoneyDatabase, type MoneyDatabase } from "../database-fixture.js";
import { dumpDatabase, seedUserWithData } from "./user-data-fixture.js";

const DAY = 24 * 3600 * 1000;
const GRACE_DAYS = 30;
const LOOKAHEAD_MS = 15 * 60 * 1000;

describe.each(TEST_TARGETS)("erasing accounts on $name", (target) => {
  let m: MoneyDatabase;
  let clock: Date;
  const forgotten: number[] = [];
  const { logger, lines } = collectingLogger([]);
  let privacy: PrivacyService;
  let erasure: ErasureDeps;
  /** The users whose gallery removal was enqueued, in order: the job itself is the e2e suite's. */
  const removalsEnqueued: number[] = [];
  const galleryRemovals = {
    enabled: true,
    enqueue: async (_tx: unknown, userId: number) => {
      removalsEnqueued.push(userId);
    },
  };

  beforeAll(async () => {
    m = await openMoneyDatabase(target);
    clock = new Date("2026-03-01T12:00:00Z");
    const forget = async (telegramId: number) => {
      forgotten.push(telegramId);
    };
    erasure = { db: m.db, forget, logger, galleryRemovals };
    privacy = new PrivacyService({
      db: m.db,
      kv: new MemoryStore(),
      logger,
      forget,
      galleryRemovals,
      settings: { deletionGraceDays: GRACE_DAYS, exportIntervalSeconds: 600 },
      now: () => clock,
    });
  });
  afterAll(async () => {
    expect(await m.invariantViolations()).toEqual([]);
    await m?.close();
  });

  const advance = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };
  const userRow = async (userId: number) => (await m.db.select().from(users).where(eq(users.id, userId)))[0]!;
  const ledgerCount = async (userId: number) =>
    (await m.db.select({ n: sql<number>`count(*)::int` }).from(ledgerEntries).where(eq(ledgerEntries.userId, userId)))[0]!.n;

  it("after the grace period personal fields are gone everywhere, anonymized rows remain, the ledger sums, and the person can start again", async () => {
    const zelda = await seedUserWithData(m.db, "Zelda");
    const bystander = await seedUserWithData(m.db, "Bert");
    await m.db.insert(botSessions).values({ key: String(zelda.telegramId), value: { awaiting: { kind: "topup", since: 1 } } });
    const balanceBefore = await m.balanceOf(zelda.userId);
    expect(balanceBefore).toBeGreaterThan(0);
    const ledgerBefore = await ledgerCount(zelda.userId);

    const requested = await privacy.requestDeletion(zelda.userId, DELETION_REASONS.userRequest);
    expect(requested.profile?.deletionDueAt).toBe(clock.getTime() + GRACE_DAYS * DAY);
    expect(forgotten).toContain(zelda.telegramId);

    // A day before the due date (and the job's look-ahead) nothing happens.
    advance((GRACE_DAYS - 1) * DAY);
    expect(await privacy.purgeDue(LOOKAHEAD_MS)).toEqual({ erased: 0, deferred: 0, failed: 0 });
    expect((await userRow(zelda.userId)).telegramId).toBe(zelda.telegramId);

    // Within the last run before the due time: erased.
    advance(DAY - LOOKAHEAD_MS / 2);
    forgotten.length = 0;
    expect(await privacy.purgeDue(LOOKAHEAD_MS)).toEqual({ erased: 1, deferred: 0, failed: 0 });
    expect(forgotten).toEqual([zelda.telegramId]);

    // The users row is a pseudonym now.
    const erased = await userRow(zelda.userId);
    expect(erased).toMatchObject({
      telegramId: null,
      username: null,
      firstName: null,
      lastName: null,
      languageCode: null,
      locale: null,
      balance: 0,
      broadcastOptIn: false,
      deletionReason: DELETION_REASONS.userRequest,
    });
    expect(erased.erasedAt).toEqual(clock);

    // Nothing personal is left anywhere in the database, while the bystander's data is untouched.
    const dump = await dumpDatabase(m.db);
    for (const value of zelda.personalValues()) expect(dump, `"${value}" survived the erasure`).not.toContain(value);
    for (const value of bystander.personalValues()) expect(dump).toContain(value);

    // What stays: the ledger (plus the forfeiture), payments, orders, generations and referral links between pseudonyms.
    expect(await ledgerCount(zelda.userId)).toBe(ledgerBefore + 1);
    const forfeiture = await m.db.select().from(ledgerEntries).where(eq(ledgerEntries.idempotencyKey, `account_erasure:${zelda.userId}`));
    expect(forfeiture[0]).toMatchObject({ kind: "account_erasure", delta: -balanceBefore, balanceAfter: 0, reference: "deletion:user_request" });
    expect(await m.ledgerSumOf(zelda.userId)).toBe(0);
    expect(await m.db.select().from(ledgerEntries).where(eq(ledgerEntries.userId, zelda.userId))).not.toContainEqual(
      expect.objectContaining({ note: expect.any(String) }),
    );
    const [payment] = await m.db.select().from(starPayments).where(eq(starPayments.userId, zelda.userId));
    expect(payment).toMatchObject({ payerTelegramId: ERASED_TELEGRAM_ID, stars: 70, status: "credited" });
    expect(await m.db.select().from(starOrders).where(eq(starOrders.userId, zelda.userId))).toHaveLength(1);
    const [generation] = await m.db.select().from(generations).where(eq(generations.userId, zelda.userId));
    expect(generation).toMatchObject({
      prompt: "",
      references: [],
      outputs: [],
      resultFileIds: [],
      chatId: ERASED_TELEGRAM_ID,
      providerTaskId: null,
      params: { aspect_ratio: "1:1" },
      priceCredits: 78,
      status: "delivered",
    });
    expect(await m.db.select().from(generationDrafts).where(eq(generationDrafts.userId, zelda.userId))).toEqual([]);
    expect(await m.db.select().from(generationPreferences).where(eq(generationPreferences.userId, zelda.userId))).toEqual([]);
    expect(await m.db.select().from(referralCodes).where(eq(referralCodes.userId, zelda.userId))).toEqual([]);
    expect(await findReferrerByCode(m.db, zelda.referralCode)).toBeUndefined();
    expect(await m.db.select().from(referrals).where(eq(referrals.inviteeUserId, zelda.userId))).toHaveLength(1);
    expect(await m.db.select().from(referrals).where(eq(referrals.referrerUserId, zelda.userId))).toHaveLength(1);
    expect(await m.db.select().from(botSessions).where(eq(botSessions.key, String(zelda.telegramId)))).toEqual([]);

    // The Telegram id is free: the same person starts again as a brand-new user.
    const again = await upsertTelegramUser(m.db, { id: zelda.telegramId, first_name: zelda.firstName });
    expect(again.created).toBe(true);
    expect(again.row.id).not.toBe(zelda.userId);
    expect(again.row).toMatchObject({ balance: 0, acceptedPolicyVersion: null, deletionDueAt: null, erasedAt: null });

    expect(lines.some((l) => l.includes('"msg":"account erased"') && l.includes(`"userId":${zelda.userId}`))).toBe(true);
    expect(lines.join("\n")).not.toContain(zelda.firstName);
  });

  it("takes gallery posts down at the request and waits with the erasure until they are gone, then drops their ids", async () => {
    const user = await seedUserWithData(m.db, "Gale");
    const [posted] = await m.db.select().from(generations).where(eq(generations.userId, user.userId)).limit(1);
    await m.db.update(generations).set({ galleryMessageId: 501, galleryReferencesMessageId: 502 }).where(eq(generations.id, posted!.id));
    removalsEnqueued.length = 0;

    const requested = await privacy.requestDeletion(user.userId, DELETION_REASONS.userRequest);
    expect(requested.galleryPostsRemoving).toBe(1);
    expect(removalsEnqueued).toEqual([user.userId]);

    // Due, but the posts are still in the channel (the job has not run): the erasure waits and asks again.
    advance((GRACE_DAYS + 1) * DAY);
    expect(await privacy.purgeDue(LOOKAHEAD_MS)).toMatchObject({ erased: 0, deferred: 1 });
    expect(removalsEnqueued).toEqual([user.userId, user.userId]);
    expect((await userRow(user.userId)).erasedAt).toBeNull();

    // The job took them down and forgot the ids: the next run erases.
    await m.db.update(generations).set({ galleryMessageId: null, galleryReferencesMessageId: null }).where(eq(generations.id, posted!.id));
    expect(await privacy.purgeDue(LOOKAHEAD_MS)).toMatchObject({ erased: 1, deferred: 0 });
    expect((await userRow(user.userId)).erasedAt).not.toBeNull();
  });

  it("drops the ids of posts in a gallery channel no longer configured instead of waiting forever", async () => {
    const user = await seedUserWithData(m.db, "Gill");
    const [posted] = await m.db.select().from(generations).where(eq(generations.userId, user.userId)).limit(1);
    await m.db.update(generations).set({ galleryMessageId: 601 }).where(eq(generations.id, posted!.id));
    const outcome = await eraseAccountNow({ ...erasure, galleryRemovals: { enabled: false, enqueue: galleryRemovals.enqueue } }, user.userId, {
      adminTelegramId: 7,
      reason: DELETION_REASONS.adminRequest,
    });
    expect(outcome.status).toBe("erased");
    const [after] = await m.db.select().from(generations).where(eq(generations.id, posted!.id));
    expect(after).toMatchObject({ galleryMessageId: null, galleryReferencesMessageId: null });
  });

  it("a cancelled request is never purged, and a repeated request keeps the first date", async () => {
    const user = await seedUserWithData(m.db, "Carl");
    const first = await privacy.requestDeletion(user.userId, DELETION_REASONS.userRequest);
    advance(DAY);
    const second = await privacy.requestDeletion(user.userId, DELETION_REASONS.consentWithdrawn);
    expect(second.profile?.deletionDueAt).toBe(first.profile?.deletionDueAt);
    expect(second.profile?.deletionReason).toBe(DELETION_REASONS.userRequest);
    const cancelled = await privacy.cancelDeletion(user.userId);
    expect(cancelled).toMatchObject({ deletionDueAt: null, deletionReason: null });
    advance((GRACE_DAYS + 1) * DAY);
    await privacy.purgeDue(LOOKAHEAD_MS);
    expect((await userRow(user.userId)).telegramId).toBe(user.telegramId);
    // Erasing it directly as "scheduled" also refuses: nothing is due.
    expect(await eraseAccount(erasure, user.userId, { actor: { kind: "scheduled" }, now: clock, dueBy: clock })).toEqual({ status: "not_due" });
    expect(await privacy.cancelDeletion(user.userId)).toBeUndefined();
  });

  it("an admin erases a child's account at once; the person cannot cancel it, and a second run changes nothing", async () => {
    const child = await seedUserWithData(m.db, "Kid");
    await privacy.requestDeletion(child.userId, DELETION_REASONS.userRequest);
    const outcome = await privacy.eraseNow(child.userId, { adminTelegramId: 4242, reason: DELETION_REASONS.childAccount });
    expect(outcome).toMatchObject({ status: "erased", userId: child.userId });
    const row = await userRow(child.userId);
    expect(row).toMatchObject({ telegramId: null, deletionReason: DELETION_REASONS.childAccount });
    const [forfeiture] = await m.db.select().from(ledgerEntries).where(eq(ledgerEntries.idempotencyKey, `account_erasure:${child.userId}`));
    expect(forfeiture?.reference).toBe("admin:4242");
    expect(await m.ledgerSumOf(child.userId)).toBe(0);
    expect(await privacy.eraseNow(child.userId, { adminTelegramId: 4242, reason: DELETION_REASONS.childAccount })).toEqual({ status: "already_erased" });
    expect(await eraseAccountNow(erasure, 999_999_999, { adminTelegramId: 1, reason: DELETION_REASONS.adminRequest })).toEqual({ status: "not_found" });
  });

  it("an admin's request replaces the user's own and cannot be cancelled by the user", async () => {
    const user = await seedUserWithData(m.db, "Dora");
    await privacy.requestDeletion(user.userId, DELETION_REASONS.userRequest);
    await m.db.update(generations).set({ status: "submitted" }).where(eq(generations.userId, user.userId));
    const outcome = await privacy.eraseNow(user.userId, { adminTelegramId: 7, reason: DELETION_REASONS.adminRequest });
    // A generation still running defers the purge; the account stays marked, due now.
    expect(outcome).toEqual({ status: "deferred", activeGenerations: 1, galleryPosts: 0 });
    const marked = await userRow(user.userId);
    expect(marked).toMatchObject({ telegramId: user.telegramId, deletionReason: DELETION_REASONS.adminRequest });
    expect(marked.deletionDueAt).toEqual(clock);
    expect(await privacy.cancelDeletion(user.userId)).toBeUndefined();
    expect(await privacy.purgeDue(LOOKAHEAD_MS)).toMatchObject({ erased: 0, deferred: 1 });

    // Once the generation settled, the next run erases it.
    await m.db.update(generations).set({ status: "delivered" }).where(eq(generations.userId, user.userId));
    expect(await privacy.purgeDue(LOOKAHEAD_MS)).toMatchObject({ erased: 1 });
    expect((await userRow(user.userId)).telegramId).toBeNull();
  });

  it("refuses to erase anything while a table with user data has no purge rule", async () => {
    const user = await seedUserWithData(m.db, "Eve");
    const unruled = pgTable("unruled_example", {
      id: bigint("id", { mode: "number" }).primaryKey(),
      userId: bigint("user_id", { mode: "number" }).references(() => users.id),
      note: text("note"),
    });
    const tables = findUserDataTables([...tablesIn(schema), unruled]);
    await expect(eraseAccount(erasure, user.userId, { actor: { kind: "scheduled" }, now: clock, tables })).rejects.toThrow(MissingPurgeRuleError);
    expect((await userRow(user.userId)).telegramId).toBe(user.telegramId);
    expect(await m.balanceOf(user.userId)).toBeGreaterThan(0);
  });

  it("an account without credits is erased without a ledger entry", async () => {
    const rows = await m.db.insert(users).values({ telegramId: 8_499_000_001, firstName: "Empty" }).returning({ id: users.id });
    const userId = rows[0]!.id;
    expect(await privacy.eraseNow(userId, { adminTelegramId: 1, reason: DELETION_REASONS.adminRequest })).toEqual({
      status: "erased",
      userId,
      forfeitedCredits: 0,
    });
    expect(await ledgerCount(userId)).toBe(0);
  });
});
