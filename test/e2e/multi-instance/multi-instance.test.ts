/**
 * Scale-out (issue #12): two bot/http instances in webhook mode behind a round-robin proxy and two
 * workers, started in this process on one PostgreSQL database and one Redis prefix. The proxy also
 * re-delivers some updates to the other instance. What must hold: every update is handled once,
 * whichever instance gets it; state a feature keeps between updates (sessions, album buffers, flood
 * windows) is shared; every generation is submitted and delivered once; broadcasts keep one global rate.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generationDrafts, generations, users } from "../../../src/db/schema/index.js";
import {
  chooseAudience,
  createBroadcastDraft,
  getBroadcast,
  startBroadcast,
  type Broadcast,
} from "../../../src/domain/broadcasts/broadcast-lifecycle.js";
import { kickBroadcast } from "../../../src/jobs/broadcasts/broadcast-worker.js";
import type { EmulatedMessage } from "../../../src/sandbox/telegram-emulator/index.js";
import type { BotAppHarness } from "../../support/bot-app.js";
import { plainText } from "../../support/plain-text.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { sleep, waitUntil } from "../../support/wait.js";
import { buttonData, generateButton, readyUser, solidImage } from "../generation/generation-harness.js";
import { generationJobsRun, startCluster, updatesHandled, type Cluster } from "./cluster.js";
import type { Redelivery } from "./round-robin-proxy.js";

const target = TEST_TARGETS.find((candidate) => candidate.name === "postgres");
const runnable = target !== undefined && target.redisUrl !== undefined;
if (!runnable) {
  // Loud on purpose: sharing state between instances needs PostgreSQL and Redis; PGlite proves nothing here.
  console.warn("The multi-instance test is SKIPPED: it runs with TEST_DATABASE_URL and TEST_REDIS_URL.");
}

/** Flood limit for the whole cluster: low, so one user can cross it with a handful of messages. */
const MESSAGE_LIMIT = 6;
/** The deployment's broadcast rate: sends per second across every worker. */
const BROADCAST_RATE = 20;
/**
 * Broadcasts running at once: more than one worker process can hold (two step loops each), so both
 * workers send, through the one rate they share in Redis.
 */
const BROADCASTS = 5;
const BROADCAST_RECIPIENTS = 16;
/** Every fourth update is delivered once more to the other instance after the first answered. */
const backgroundRedelivery = (updateId: number): Redelivery => (updateId % 4 === 0 ? "after" : "none");

let nextUserId = 950_000;

describe.skipIf(!runnable)("two bot/http instances and two workers on PostgreSQL + Redis", () => {
  let cluster: Cluster;
  /** Every update the emulator delivered, in order. */
  const updates: Update[] = [];

  /** What readyUser needs of a harness: the emulated bot, and an app for the database. */
  const harness = (): BotAppHarness => ({
    app: cluster.front[0]!.app,
    emulator: cluster.emulator,
    bot: cluster.bot,
    logLines: [],
    stop: async () => undefined,
  });
  const t = (key: string, vars?: Record<string, string | number>) => plainText(cluster.front[0]!.app.translator.t("en", key, vars));
  const updatesFrom = (userId: number) =>
    updates.filter((u) => (u.message?.from?.id ?? u.callback_query?.from.id) === userId).map((u) => u.update_id);
  const sentTo = (chatId: number, method: string, since: number) =>
    cluster.bot.calls.slice(since).filter((c) => c.ok && c.method === method && c.payload.chat_id === chatId);
  /** The instances that handled these updates, once each were answered. */
  const handlers = async (updateIds: number[]) => {
    await waitUntil(() => updateIds.every((id) => cluster.proxy.handledBy(id).length > 0), "every update was answered", 10_000);
    return updateIds.map((id) => cluster.proxy.handledBy(id));
  };

  beforeAll(async () => {
    cluster = await startCluster(target!, {
      frontCount: 2,
      workerCount: 2,
      env: {
        RATE_LIMIT_MESSAGES: String(MESSAGE_LIMIT),
        ALBUM_DEBOUNCE_MS: "400",
        TRIAL_GENERATIONS: "0",
        BROADCAST_RATE_PER_SECOND: String(BROADCAST_RATE),
      },
    });
    cluster.bot.events.on("update", (update: Update) => updates.push(update));
    cluster.proxy.setRedelivery(backgroundRedelivery);
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it("registers the one public URL from every instance", () => {
    expect(cluster.bot.webhook?.url).toBe(`${cluster.proxy.url}/telegram/webhook`);
  });

  it("handles an update that reaches both instances at the same moment once", async () => {
    cluster.proxy.setRedelivery(() => "concurrent");
    try {
      const id = ++nextUserId;
      const user = cluster.bot.user({ id, first_name: "Twice", language_code: "en" });
      const since = cluster.bot.calls.length;
      for (let i = 0; i < 4; i++) await user.sendText("/help");
      await waitUntil(() => sentTo(id, "sendMessage", since).length >= 4, "four help answers");
      await sleep(300);
      const replies = sentTo(id, "sendMessage", since);
      expect(replies.map((c) => plainText(String(c.payload.text)))).toEqual(Array.from({ length: 4 }, () => t("help-text")));
      for (const handled of await handlers(updatesFrom(id))) expect(handled).toHaveLength(1);
      const posts = cluster.proxy.updatePosts.filter((p) => updatesFrom(id).includes(p.updateId));
      expect(posts.filter((p) => p.duplicate)).toHaveLength(4);
    } finally {
      cluster.proxy.setRedelivery(backgroundRedelivery);
    }
  });

  it("counts a user's messages in one flood window whichever instance gets them", async () => {
    const id = ++nextUserId;
    const user = cluster.bot.user({ id, first_name: "Flood", language_code: "en" });
    const since = cluster.bot.calls.length;
    for (let i = 0; i < MESSAGE_LIMIT + 2; i++) await user.sendText("/help");
    const slowDown = t("flood-slow-down", { seconds: 10 });
    await waitUntil(() => sentTo(id, "sendMessage", since).some((c) => plainText(String(c.payload.text)) === slowDown), "the slow-down notice");
    await handlers(updatesFrom(id));
    await sleep(300);
    const texts = sentTo(id, "sendMessage", since).map((c) => plainText(String(c.payload.text)));
    // Counted per instance, each would have seen 4 messages and let all 8 through.
    expect(texts.filter((text) => text === t("help-text"))).toHaveLength(MESSAGE_LIMIT);
    expect(texts.filter((text) => text === slowDown)).toHaveLength(1);
    expect(new Set((await handlers(updatesFrom(id))).flat())).toEqual(new Set([0, 1]));
  });

  it("answers on one instance the question the other asked (session in the shared store)", async () => {
    const id = ++nextUserId;
    const user = await readyUser(harness(), id, "en", 0);
    cluster.bot.markCalls();
    await user.sendText("/topup");
    const screen = await cluster.bot.waitForBotMessage(id, (m) => buttonData(m).includes("topup:custom"));
    cluster.bot.markCalls();
    await user.pressButton(screen, "topup:custom");
    await cluster.bot.waitForBotMessage(id, (m) => buttonData(m).includes("topup:cancel"));
    cluster.bot.markCalls();
    await user.sendText("140");
    const confirmation = await cluster.bot.waitForBotMessage(id, (m) => buttonData(m).includes("topup:pay:140"));
    expect(confirmation.text).toContain("140");

    const press = updates.find((u) => u.callback_query?.from.id === id && u.callback_query.data === "topup:custom");
    const answer = updates.find((u) => u.message?.from?.id === id && u.message.text === "140");
    const [pressedOn, answeredOn] = await handlers([press!.update_id, answer!.update_id]);
    expect(pressedOn).toHaveLength(1);
    expect(answeredOn).toHaveLength(1);
    expect(pressedOn![0]).not.toBe(answeredOn![0]);
  });

  it("turns an album whose items reached different instances into one draft", async () => {
    const id = ++nextUserId;
    const user = await readyUser(harness(), id, "en", 0);
    const since = cluster.bot.calls.length;
    cluster.bot.markCalls();
    const colors = [
      { r: 200, g: 0, b: 0 },
      { r: 0, g: 200, b: 0 },
      { r: 0, g: 0, b: 200 },
    ];
    const items = await Promise.all(colors.map(async (color) => ({ kind: "photo" as const, image: await solidImage(color) })));
    const sent = await user.sendAlbum(items, "blend the three");
    const menu = await cluster.bot.waitForBotMessage(id, (m) => buttonData(m).some((d) => d.startsWith("g:go:")), 10_000);
    expect(menu.text).toContain(t("generation-mode-edit", { count: 3 }));

    const albumUpdates = updates.filter((u) => u.message?.from?.id === id && u.message.media_group_id !== undefined).map((u) => u.update_id);
    expect(albumUpdates).toHaveLength(sent.length);
    const handled = await handlers(albumUpdates);
    expect(new Set(handled.flat())).toEqual(new Set([0, 1]));
    // Every instance that got an item waits for the quiet period; only one may answer.
    await sleep(1200);
    const menus = sentTo(id, "sendMessage", since).filter((c) => JSON.stringify(c.payload.reply_markup ?? "").includes("g:go:"));
    expect(menus).toHaveLength(1);
    const db = cluster.front[0]!.app.database.db;
    const [row] = await db.select({ id: users.id }).from(users).where(eq(users.telegramId, id));
    const drafts = await db.select().from(generationDrafts).where(eq(generationDrafts.userId, row!.id));
    expect(drafts).toHaveLength(1);
    expect(drafts[0]!.references).toHaveLength(3);
  });

  it("delivers every generation once while two workers compete for the jobs", async () => {
    const count = 6;
    const people: Array<{ id: number; menu: EmulatedMessage; user: Awaited<ReturnType<typeof readyUser>> }> = [];
    for (let i = 0; i < count; i++) {
      const id = ++nextUserId;
      const user = await readyUser(harness(), id, "en", 10_000);
      cluster.bot.markCalls();
      await user.sendText(`multi-instance lighthouse ${id}`);
      const menu = await cluster.bot.waitForBotMessage(id, (m) => buttonData(m).some((d) => d.startsWith("g:go:")));
      people.push({ id, menu, user });
    }
    const since = cluster.bot.calls.length;
    // Spread out, so each job goes to whichever worker's fetch loop looks first: a worker that just ran
    // a job fetches again at once, and a burst could all land on one worker.
    const presses: Array<Promise<unknown>> = [];
    for (const { user, menu } of people) {
      presses.push(user.pressButton(menu, generateButton(menu).data));
      await sleep(300);
    }
    await Promise.all(presses);

    const db = cluster.front[0]!.app.database.db;
    const userRows = await db.select({ id: users.id }).from(users).where(inArray(users.telegramId, people.map((p) => p.id)));
    const userIds = userRows.map((r) => r.id);
    await waitUntil(
      async () => (await db.select().from(generations).where(and(inArray(generations.userId, userIds), eq(generations.status, "delivered")))).length === count,
      "every generation is delivered",
      30_000,
    );
    // Time for a second delivery to show up, were a job run twice.
    await sleep(1500);
    for (const { id } of people) expect(sentTo(id, "sendDocument", since), `documents to ${id}`).toHaveLength(1);
    const submits = cluster.provider.requests.filter(
      (r) => r.method === "POST" && !r.path.includes("/media/") && JSON.stringify(r.body ?? "").includes("multi-instance lighthouse"),
    );
    expect(submits).toHaveLength(count);
    const rows = await db.select().from(generations).where(inArray(generations.userId, userIds));
    expect(new Set(rows.map((r) => r.providerTaskId)).size).toBe(count);
    for (const worker of cluster.workers) expect(await generationJobsRun(worker)).toBeGreaterThan(0);
  }, 60_000);

  it("keeps the global broadcast rate in every second while two workers send five broadcasts", async () => {
    const db = cluster.front[0]!.app.database.db;
    const admin = cluster.bot.user({ id: ++nextUserId, first_name: "Admin", language_code: "en" });
    const source = await admin.sendText("The lighthouse is open again");
    const recipients = Array.from({ length: BROADCAST_RECIPIENTS }, () => ++nextUserId);
    // A user must have written to the bot before it may write to them.
    for (const id of recipients) await cluster.bot.user({ id, first_name: `R${id}`, language_code: "en" }).sendText("/help");
    await handlers(recipients.flatMap(updatesFrom));
    await db.update(users).set({ broadcastOptIn: false });
    await db.update(users).set({ acceptedPolicyVersion: 1, broadcastOptIn: true }).where(inArray(users.telegramId, recipients));
    const started: Broadcast[] = [];
    for (let i = 0; i < BROADCASTS; i++) {
      const draft = await createBroadcastDraft(db, { adminTelegramId: admin.id, sourceChatId: admin.id, sourceMessageId: source.message_id, contentKind: "text" });
      await chooseAudience(db, draft.id, { kind: "all" });
      started.push(await startBroadcast(db, { id: draft.id, adminTelegramId: admin.id, now: new Date(), defaultLocale: "en" }));
    }
    const since = cluster.bot.calls.length;
    await Promise.all(started.map((broadcast) => kickBroadcast(cluster.front[0]!.app.queue, broadcast.id)));
    await waitUntil(
      async () => (await Promise.all(started.map((b) => getBroadcast(db, b.id)))).every((b) => b.status === "completed"),
      "every broadcast completed",
      40_000,
    );

    const copies = cluster.bot.calls.slice(since).filter((c) => c.method === "copyMessage");
    for (const id of recipients) expect(copies.filter((c) => c.ok && c.payload.chat_id === id), `copies to ${id}`).toHaveLength(BROADCASTS);
    const perSecond = new Map<number, number>();
    for (const copy of copies) perSecond.set(Math.floor(copy.at / 1000), (perSecond.get(Math.floor(copy.at / 1000)) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(BROADCAST_RATE);
    for (const worker of cluster.workers) {
      expect(worker.telegram!.requests.filter((r) => r.path.endsWith("/copyMessage")).length, "copies sent by each worker").toBeGreaterThan(0);
    }
  }, 60_000);

  it("spread the updates over both instances and handled each exactly once", async () => {
    const ids = updates.map((u) => u.update_id);
    const handled = await handlers(ids);
    for (const [index, instances] of handled.entries()) expect(instances, `update ${ids[index]}`).toHaveLength(1);
    const counts = await Promise.all(cluster.front.map((instance) => updatesHandled(instance)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(ids.length);
    for (const count of counts) expect(count).toBeGreaterThan(ids.length * 0.3);
  });
});
