import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminAuditLog, broadcastRecipients, users } from "../../../src/db/schema/index.js";
import { MAX_SEND_ERRORS, runBroadcastStep, type EngineDeps, type StepOptions } from "../../../src/domain/broadcasts/broadcast-engine.js";
import { claimSummary, pauseBroadcast, resumeBroadcast } from "../../../src/domain/broadcasts/broadcast-lifecycle.js";
import { recipientCounts } from "../../../src/domain/broadcasts/recipients.js";
import { SendRateLimiter } from "../../../src/domain/broadcasts/send-rate-limiter.js";
import { MemoryStore } from "../../../src/infra/kv/memory-store.js";
import { collectingLogger } from "../../support/collecting-logger.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { openMoneyDatabase, type MoneyDatabase } from "../database-fixture.js";
import { ADMIN, reachableUsers, recipientsOf, runningBroadcast, ScriptedSender } from "./broadcast-fixture.js";

describe.each(TEST_TARGETS)("the broadcast engine on $name", (target) => {
  let m: MoneyDatabase;
  let nextTelegramId = 9_500_000;
  const { logger } = collectingLogger([]);

  beforeAll(async () => {
    m = await openMoneyDatabase(target, 20);
  });
  afterAll(async () => {
    await m.close();
  });

  function engine(sender: ScriptedSender, kv = new MemoryStore(), rate = 1000): EngineDeps & { unreachable: number[] } {
    const unreachable: number[] = [];
    return {
      db: m.db,
      sender,
      limiter: new SendRateLimiter({ kv, ratePerSecond: rate }),
      markUnreachable: async (telegramId) => {
        unreachable.push(telegramId);
      },
      defaultLocale: "en",
      serviceNoticeLabel: (locale) => `notice:${locale}`,
      logger,
      unreachable,
    };
  }

  const options = (overrides: Partial<StepOptions> = {}): StepOptions => ({
    maxStepMs: 10_000,
    concurrency: 4,
    batchSize: 10,
    maxPauseWaitMs: 2000,
    statusCheckMs: 50,
    retryDelaysMs: [20, 20, 20],
    signal: new AbortController().signal,
    ...overrides,
  });

  /** Runs steps the way the job chain does, waiting the delay each asks for, until the broadcast is over. */
  async function runToEnd(deps: EngineDeps, broadcastId: number, stepOptions = options()): Promise<number> {
    let completions = 0;
    for (let step = 0; step < 100; step++) {
      const result = await runBroadcastStep(deps, broadcastId, stepOptions);
      if (result.kind === "completed") completions++;
      if (result.kind !== "continue") return completions;
      await new Promise((resolve) => setTimeout(resolve, result.delayMs));
    }
    throw new Error("the broadcast did not finish in 100 steps");
  }

  it("sends to everyone once and completes once; the summary can be claimed once", async () => {
    const people = await reachableUsers(m, 25, (nextTelegramId += 100));
    const broadcast = await runningBroadcast(m);
    const sender = new ScriptedSender();
    expect(await runToEnd(engine(sender), broadcast.id)).toBe(1);
    for (const p of people) expect(sender.deliveredTo(p.telegramId)).toBe(1);
    expect(await recipientCounts(m.db, broadcast.id)).toMatchObject({ sent: 25, pending: 0, sending: 0, total: 25 });
    expect(await claimSummary(m.db, broadcast.id)).toBeDefined();
    expect(await claimSummary(m.db, broadcast.id)).toBeUndefined();
    await m.db.execute(sql`update broadcasts set status = 'cancelled' where id = ${broadcast.id}`);
  });

  it("a service notice reaches opted-out users, marked in their language, but never banned, blocked, unconsented, leaving or erased ones", async () => {
    const [reader, optedOut, banned, blocked, unconsented, leaving, erased, bannedLater, elsewhere] = await reachableUsers(m, 9, (nextTelegramId += 100));
    const set = (user: { id: number } | undefined, values: Partial<typeof users.$inferInsert>) => m.db.update(users).set(values).where(eq(users.id, user!.id));
    for (const user of [reader, optedOut, banned, blocked, unconsented, leaving, erased, bannedLater]) await set(user, { locale: "uz" });
    await set(optedOut, { broadcastOptIn: false });
    await set(banned, { banned: true, broadcastOptIn: false });
    await set(blocked, { blockedAt: new Date(), broadcastOptIn: false });
    await set(unconsented, { acceptedPolicyVersion: null, broadcastOptIn: false });
    await set(leaving, { deletionRequestedAt: new Date(), deletionDueAt: new Date(Date.now() + 86_400_000), broadcastOptIn: false });
    await set(erased, { telegramId: null, erasedAt: new Date(), broadcastOptIn: false });
    await set(elsewhere, { locale: "ru", broadcastOptIn: false });
    const uz = { kind: "language", locale: "uz" } as const;

    const ordinary = await runningBroadcast(m, uz);
    expect(ordinary.total).toBe(2);
    const ordinarySender = new ScriptedSender();
    await runToEnd(engine(ordinarySender), ordinary.id);
    const sent = (sender: ScriptedSender) => sender.sends.map((s) => [s.chatId, s.serviceNoticeLabel]).sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(sent(ordinarySender)).toEqual(
      [reader, bannedLater].map((u) => [u!.telegramId, undefined]),
    );

    const notice = await runningBroadcast(m, uz, { essential: true });
    expect(notice).toMatchObject({ essential: true, total: 3 });
    // Banned after the start: the claim checks the rule again.
    await set(bannedLater, { banned: true });
    const sender = new ScriptedSender();
    await runToEnd(engine(sender), notice.id);
    expect(sent(sender)).toEqual([
      [reader!.telegramId, "notice:uz"],
      [optedOut!.telegramId, "notice:uz"],
    ]);
    const rows = await recipientsOf(m, notice.id);
    expect(rows.get(bannedLater!.id)?.status).toBe("skipped");
    for (const user of [banned, blocked, unconsented, leaving, erased, elsewhere]) expect(rows.has(user!.id)).toBe(false);
    const [audit] = await m.db.select().from(adminAuditLog).where(eq(adminAuditLog.target, `broadcast:${notice.id}`));
    expect(audit).toMatchObject({ action: "broadcast_started", after: expect.objectContaining({ essential: true, total: 3 }) });
  });

  it("403 marks the user unreachable without a retry, 400 fails at once, other errors are retried up to 3 times", async () => {
    const [blocked, rejected, flaky, broken, fine] = await reachableUsers(m, 5, (nextTelegramId += 100));
    const broadcast = await runningBroadcast(m);
    const sender = new ScriptedSender();
    sender.script(blocked!.telegramId, { kind: "unreachable", description: "Forbidden: bot was blocked by the user" });
    sender.script(rejected!.telegramId, { kind: "rejected", description: "Bad Request: chat not found" });
    sender.script(flaky!.telegramId, { kind: "error", description: "Internal Server Error" }, { kind: "error", description: "Bad Gateway" });
    const always = Array.from({ length: MAX_SEND_ERRORS + 2 }, () => ({ kind: "error" as const, description: "Bad Gateway" }));
    sender.script(broken!.telegramId, ...always);
    const deps = engine(sender);
    await runToEnd(deps, broadcast.id);
    const rows = await recipientsOf(m, broadcast.id);
    expect(rows.get(blocked!.id)).toMatchObject({ status: "blocked", attempts: 0, error: "Forbidden: bot was blocked by the user" });
    expect(rows.get(rejected!.id)).toMatchObject({ status: "failed", attempts: 0 });
    expect(rows.get(flaky!.id)).toMatchObject({ status: "sent", attempts: 2 });
    expect(rows.get(broken!.id)).toMatchObject({ status: "failed", attempts: MAX_SEND_ERRORS - 1 });
    expect(rows.get(fine!.id)).toMatchObject({ status: "sent", attempts: 0 });
    // One try for the blocked and the rejected, 1 + 3 retries for the broken one.
    expect(sender.sends.filter((s) => s.chatId === blocked!.telegramId)).toHaveLength(1);
    expect(sender.sends.filter((s) => s.chatId === rejected!.telegramId)).toHaveLength(1);
    expect(sender.sends.filter((s) => s.chatId === broken!.telegramId)).toHaveLength(MAX_SEND_ERRORS);
    expect(deps.unreachable).toEqual([blocked!.telegramId]);
  });

  it("a 429 pauses every sender for retry_after, and the rate-limited user still gets exactly one copy", async () => {
    const people = await reachableUsers(m, 12, (nextTelegramId += 100));
    const broadcast = await runningBroadcast(m);
    const sender = new ScriptedSender(2);
    sender.script(people[3]!.telegramId, { kind: "rate_limited", retryAfterSeconds: 1 });
    // When the engine shared the pause, and until when: the window in which nothing may leave. Measured
    // from the 429's request instead, a busy machine's delay in handling its answer would look like sends
    // during the pause.
    const pauses: Array<{ setAt: number; until: number }> = [];
    const kv = new (class extends MemoryStore {
      override async set(key: string, value: string, ttlMs?: number): Promise<void> {
        if (key.endsWith("paused-until")) pauses.push({ setAt: Date.now(), until: Number(value) });
        await super.set(key, value, ttlMs);
      }
    })();
    const limited = Date.now();
    await runToEnd(engine(sender, kv), broadcast.id);
    const hit = sender.sends.find((s) => s.outcome === "rate_limited")!;
    expect(pauses).toHaveLength(1);
    const pause = pauses[0]!;
    expect(pause.setAt).toBeGreaterThanOrEqual(hit.at);
    expect(pause.until - pause.setAt).toBeGreaterThan(900);
    // Nothing left for Telegram between the pause and its end, except sends already in flight then.
    const during = sender.sends.filter((s) => s.at > pause.setAt + 50 && s.at < pause.until);
    expect(during).toEqual([]);
    for (const p of people) expect(sender.deliveredTo(p.telegramId)).toBe(1);
    expect(Date.now() - limited).toBeGreaterThanOrEqual(1000);
  });

  it("parallel steps on several workers never send to anyone twice", async () => {
    const people = await reachableUsers(m, 60, (nextTelegramId += 100));
    const broadcast = await runningBroadcast(m);
    const sender = new ScriptedSender(3);
    const kv = new MemoryStore();
    const completions = await Promise.all([
      runToEnd(engine(sender, kv), broadcast.id),
      runToEnd(engine(sender, kv), broadcast.id),
      runToEnd(engine(sender, kv), broadcast.id),
    ]);
    expect(completions.reduce((a, b) => a + b, 0)).toBe(1);
    for (const p of people) expect(sender.deliveredTo(p.telegramId)).toBe(1);
    expect(sender.sends).toHaveLength(60);
  });

  it("a shutdown gives unsent rows back at once; the next step resumes without duplicates", async () => {
    const people = await reachableUsers(m, 40, (nextTelegramId += 100));
    const broadcast = await runningBroadcast(m);
    const sender = new ScriptedSender(5);
    const controller = new AbortController();
    const deps = engine(sender, new MemoryStore(), 100);
    sender.onSend = (count) => {
      if (count === 5) controller.abort();
    };
    const first = await runBroadcastStep(deps, broadcast.id, options({ signal: controller.signal }));
    expect(first).toEqual({ kind: "continue", delayMs: 0 });
    const half = await recipientCounts(m.db, broadcast.id);
    expect(half.sending).toBe(0);
    expect(half.sent).toBeGreaterThan(0);
    expect(half.pending).toBeGreaterThan(0);
    await runToEnd(deps, broadcast.id);
    for (const p of people) expect(sender.deliveredTo(p.telegramId)).toBe(1);
  });

  it("stops when an admin pauses, continues on resume; users who left the audience meanwhile are skipped", async () => {
    const people = await reachableUsers(m, 30, (nextTelegramId += 100));
    const broadcast = await runningBroadcast(m);
    const sender = new ScriptedSender(5);
    const deps = engine(sender, new MemoryStore(), 100);
    const leaving = people[29]!;
    await m.db.update(users).set({ broadcastOptIn: false }).where(eq(users.id, leaving.id));
    sender.onSend = (count) => {
      if (count === 5) void pauseBroadcast(m.db, { id: broadcast.id, adminTelegramId: ADMIN });
    };
    const paused = await runBroadcastStep(deps, broadcast.id, options());
    sender.onSend = undefined;
    expect(paused.kind).toBe("idle");
    const sentWhilePaused = sender.sends.length;
    expect(sentWhilePaused).toBeLessThan(29);
    expect(await runBroadcastStep(deps, broadcast.id, options())).toMatchObject({ kind: "idle" });
    expect(sender.sends.length).toBe(sentWhilePaused);
    await resumeBroadcast(m.db, { id: broadcast.id, adminTelegramId: ADMIN });
    expect(await runToEnd(deps, broadcast.id)).toBe(1);
    for (const p of people.slice(0, 29)) expect(sender.deliveredTo(p.telegramId)).toBe(1);
    expect(sender.deliveredTo(leaving.telegramId)).toBe(0);
    expect(await recipientCounts(m.db, broadcast.id)).toMatchObject({ sent: 29, skipped: 1 });
  });

  it("a claim left by a worker that died mid-send is failed, not resent", async () => {
    const people = await reachableUsers(m, 3, (nextTelegramId += 100));
    const broadcast = await runningBroadcast(m);
    await m.db
      .update(broadcastRecipients)
      .set({ status: "sending", claimedAt: new Date(Date.now() - 10 * 60_000) })
      .where(eq(broadcastRecipients.userId, people[0]!.id));
    const sender = new ScriptedSender();
    await runToEnd(engine(sender), broadcast.id);
    expect(sender.deliveredTo(people[0]!.telegramId)).toBe(0);
    const rows = await recipientsOf(m, broadcast.id);
    expect(rows.get(people[0]!.id)?.status).toBe("failed");
    expect(rows.get(people[1]!.id)?.status).toBe("sent");
  });
});
