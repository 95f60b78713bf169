import { and, eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { adminAuditLog, adminSessions, broadcasts, generations, ledgerEntries, starPayments, users } from "../../../src/db/schema/index.js";
import { SessionTokens } from "../../../src/http/routes/admin/session-tokens.js";
import { credit } from "../../../src/domain/ledger/ledger.js";
import { LEDGER_KINDS } from "../../../src/domain/ledger/ledger-kinds.js";
import type { UserActor } from "../../../src/sandbox/telegram-emulator/index.js";
import type {
  AudienceListView,
  AuditListView,
  BanView,
  BroadcastListView,
  BroadcastView,
  ChartView,
  CreditAdjustmentView,
  GenerationListView,
  LedgerView,
  ModelListView,
  ModelView,
  PaymentListView,
  PaymentRefundView,
  ProviderView,
  SettingListView,
  StatisticsView,
  UserDetailView,
  UserListView,
} from "../../../src/http/routes/admin/api-schemas.js";
import { simulatedInitData } from "../../../src/sandbox/chat-page/sign-init-data.js";
import { TEST_BOT_TOKEN } from "../../support/bot-app.js";
import { TEST_TARGETS } from "../../support/targets.js";
import {
  ADMIN_ID,
  api,
  draftMenu,
  http,
  generate,
  login,
  NOT_ADMIN_ID,
  ok,
  onboard,
  SECOND_ADMIN_ID,
  SESSION_SECRET,
  startAdminApp,
  topUp,
  type AdminHarness,
  type Session,
} from "./admin-harness.js";

const PAYER = 610_000_001;
const ARTIST = 610_000_002;
const QUIET = 610_000_003;
const PAID_STARS = 70;

async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(TEST_TARGETS)("the admin API against the domain on $name", (target) => {
  let h: AdminHarness;
  let s: Session;
  const actors = new Map<number, UserActor>();
  let artistPrice = 0;

  const db = () => h.app.database.db;
  const userRow = async (telegramId: number) => {
    const [row] = await db().select().from(users).where(eq(users.telegramId, telegramId));
    if (!row) throw new Error(`no user ${telegramId}`);
    return row;
  };
  const actor = (id: number) => {
    const found = actors.get(id);
    if (!found) throw new Error(`no actor ${id}`);
    return found;
  };
  const get = <T>(url: string) => ok<T>(api(h, s, "GET", url));
  const send = <T>(method: "POST" | "PATCH" | "DELETE", url: string, body: unknown = {}) => ok<T>(api(h, s, method, url, body));
  const refusal = async (method: "POST" | "PATCH" | "DELETE" | "GET", url: string, body?: unknown) => {
    const response = await api(h, s, method, url, body ?? (method === "GET" ? undefined : {}));
    return { status: response.statusCode, code: (response.json() as { error: { code: string; problems?: unknown } }).error.code, body: response.json() as { error: { problems?: Array<{ key: string }> } } };
  };

  beforeAll(async () => {
    h = await startAdminApp(target, { TRIAL_GENERATIONS: "0" });
    s = await login(h);
    for (const id of [PAYER, ARTIST, QUIET]) actors.set(id, await onboard(h, id));
    await topUp(h, actor(PAYER), PAID_STARS);
    const artist = await userRow(ARTIST);
    await credit(db(), { userId: artist.id, amount: 2000, kind: LEDGER_KINDS.adminAdjustment, reference: "test", idempotencyKey: "seed:artist", note: "seed" });
    artistPrice = await generate(h, actor(ARTIST), "a lighthouse at dawn");
    await eventually(
      () => db().select().from(generations).where(eq(generations.status, "delivered")),
      (rows) => rows.length === 1,
    );
  }, 120_000);

  afterAll(async () => {
    await h?.stop();
  });

  it("reports statistics and daily series that match the data", async () => {
    const stats = await get<StatisticsView>("/api/admin/stats");
    expect(stats.users).toMatchObject({ total: 3, newToday: 3, new7d: 3, paying: 1, banned: 0 });
    expect(stats.revenue).toEqual({ today: PAID_STARS, last7d: PAID_STARS, last30d: PAID_STARS, total: PAID_STARS });
    expect(stats.generations).toMatchObject({ total: 1, delivered: 1, failed: 0, successRate: 1 });
    expect(stats.credits.bought).toBe(1000);
    expect(stats.credits.spent).toBe(artistPrice);
    expect(stats.timeZone).toBe("Asia/Tashkent");

    const charts = await get<ChartView>("/api/admin/charts?days=7");
    expect(charts.days).toHaveLength(7);
    const today = charts.days.at(-1);
    expect(today).toMatchObject({ newUsers: 3, generations: 1, delivered: 1, failed: 0, revenueStars: PAID_STARS, payments: 1 });
    expect(charts.days.slice(0, -1).every((d) => d.newUsers === 0 && d.revenueStars === 0)).toBe(true);
    expect(charts.byModel).toEqual([expect.objectContaining({ total: 1, delivered: 1 })]);
    expect(charts.byModel[0]?.name).not.toBe(charts.byModel[0]?.modelKey);
    expect((await refusal("GET", "/api/admin/charts?days=12")).status).toBe(400);
  });

  it("lists, searches and shows users with their counts and ledger", async () => {
    const list = await get<UserListView>("/api/admin/users");
    expect(list.total).toBe(3);
    const counts = new Map(list.items.map((u) => [u.telegramId, u.generations]));
    expect(counts).toEqual(new Map([[PAYER, 0], [ARTIST, 1], [QUIET, 0]]));
    const found = await get<UserListView>(`/api/admin/users?query=${ARTIST}`);
    expect(found.items.map((u) => u.telegramId)).toEqual([ARTIST]);
    const paged = await get<UserListView>("/api/admin/users?limit=2&offset=2");
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBe(3);

    const payer = await userRow(PAYER);
    const card = await get<UserDetailView>(`/api/admin/users/${payer.id}`);
    expect(card.user).toMatchObject({ telegramId: PAYER, balance: 1000, banned: false, trialsLeft: 0 });
    expect(card.payments).toEqual({ count: 1, stars: PAID_STARS, refunded: 0 });
    const ledger = await get<LedgerView>(`/api/admin/users/${payer.id}/ledger`);
    expect(ledger.items.map((e) => [e.kind, e.delta, e.balanceAfter])).toEqual([["purchase", 1000, 1000]]);
    expect((await refusal("GET", "/api/admin/users/999999")).code).toBe("user_not_found");
  });

  it("adjusts credits through the ledger once per request, never below zero, audited", async () => {
    const quiet = await userRow(QUIET);
    const body = { delta: 300, reason: "goodwill", requestId: "req-goodwill-1" };
    expect(await send<CreditAdjustmentView>("POST", `/api/admin/users/${quiet.id}/credits`, body)).toEqual({ applied: true, balance: 300 });
    // The same request again (a retry, a double click) changes nothing.
    expect(await send<CreditAdjustmentView>("POST", `/api/admin/users/${quiet.id}/credits`, body)).toEqual({ applied: false, balance: 300 });
    expect(await refusal("POST", `/api/admin/users/${quiet.id}/credits`, { delta: -301, reason: "too much", requestId: "req-too-much" })).toMatchObject({
      status: 409,
      code: "insufficient_funds",
    });
    expect((await refusal("POST", `/api/admin/users/${quiet.id}/credits`, { delta: 5, reason: " ", requestId: "req-no-reason" })).status).toBe(400);
    expect((await refusal("POST", `/api/admin/users/${quiet.id}/credits`, { delta: 0, reason: "x", requestId: "req-zero-0" })).status).toBe(400);
    expect(await send<CreditAdjustmentView>("POST", `/api/admin/users/${quiet.id}/credits`, { delta: -100, reason: "correction", requestId: "req-correction" })).toEqual({
      applied: true,
      balance: 200,
    });

    const entries = await db().select().from(ledgerEntries).where(eq(ledgerEntries.userId, quiet.id));
    expect(entries.map((e) => [e.kind, e.delta, e.note])).toEqual([
      ["admin_adjustment", 300, "goodwill"],
      ["admin_adjustment", -100, "correction"],
    ]);
    expect((await userRow(QUIET)).balance).toBe(entries.reduce((sum, e) => sum + e.delta, 0));
    const audits = await db().select().from(adminAuditLog).where(and(eq(adminAuditLog.action, "credits_adjusted"), eq(adminAuditLog.targetUserId, quiet.id)));
    expect(audits.map((a) => [a.adminTelegramId, a.before, a.reason])).toEqual([
      [ADMIN_ID, { balance: 0 }, "goodwill"],
      [ADMIN_ID, { balance: 300 }, "correction"],
    ]);
  });

  it("bans and unbans with a reason; the user is told in their language and the bot refuses them meanwhile", async () => {
    const quiet = await userRow(QUIET);
    h.bot.markCalls();
    const banned = await send<BanView>("POST", `/api/admin/users/${quiet.id}/ban`, { reason: "spam in prompts" });
    expect(banned).toEqual({ banned: true, banReason: "spam in prompts", notified: true });
    const notice = await h.bot.waitForBotMessage(QUIET);
    expect(notice.text).toContain("spam in prompts");
    expect((await userRow(QUIET)).banned).toBe(true);
    expect((await h.app.users.get(QUIET))?.banned).toBe(true);

    h.bot.markCalls();
    await actor(QUIET).sendText("/start");
    const refused = await h.bot.waitForBotMessage(QUIET);
    expect(refused.text).toContain("spam in prompts");

    expect((await refusal("POST", `/api/admin/users/${quiet.id}/ban`, { reason: "" })).status).toBe(400);
    h.bot.markCalls();
    expect(await send<BanView>("POST", `/api/admin/users/${quiet.id}/unban`, { reason: "appeal accepted" })).toEqual({ banned: false, banReason: null, notified: true });
    await h.bot.waitForBotMessage(QUIET);
    expect(await refusal("POST", `/api/admin/users/${quiet.id}/unban`, { reason: "again" })).toMatchObject({ status: 409, code: "not_banned" });
    const actions = (await db().select().from(adminAuditLog).where(eq(adminAuditLog.targetUserId, quiet.id))).map((a) => [a.action, a.reason]);
    expect(actions).toContainEqual(["user_banned", "spam in prompts"]);
    expect(actions).toContainEqual(["user_unbanned", "appeal accepted"]);
  });

  it("lists generations by status, serves their images through the server, and refunds a finished one once", async () => {
    const delivered = await get<GenerationListView>("/api/admin/generations?filter=delivered");
    expect(delivered.total).toBe(1);
    const generation = delivered.items[0];
    if (!generation) throw new Error("no generation");
    expect(generation).toMatchObject({ status: "delivered", priceCredits: artistPrice, refunded: false, user: { telegramId: ARTIST } });
    expect(generation.resultFileIds).toHaveLength(1);
    expect((await get<GenerationListView>("/api/admin/generations?filter=failed")).total).toBe(0);
    expect((await get<GenerationListView>("/api/admin/generations?filter=active")).active).toMatchObject({ queued: 0 });

    const fileId = generation.resultFileIds[0] ?? "";
    const full = await api(h, s, "GET", `/api/admin/files/${fileId}`);
    expect(full.statusCode).toBe(200);
    expect(full.headers["content-type"]).toMatch(/^image\/(png|jpeg|webp)$/);
    expect((await sharp(full.rawPayload).metadata()).width).toBeGreaterThan(100);
    const thumb = await api(h, s, "GET", `/api/admin/files/${fileId}?size=thumb`);
    expect(thumb.headers["content-type"]).toBe("image/webp");
    expect(thumb.rawPayload.length).toBeLessThan(full.rawPayload.length);
    // Only files of our generations: the proxy is not a way to fetch anything through the bot.
    h.bot.markCalls();
    expect((await api(h, s, "GET", "/api/admin/files/AgACAgIAAxkBAAIBsomethingelse")).statusCode).toBe(404);

    const artist = await userRow(ARTIST);
    const refund = await send<{ refundedCredits: number; balanceAfter: number }>("POST", `/api/admin/generations/${generation.id}/refund`);
    expect(refund).toEqual({ refundedCredits: artistPrice, balanceAfter: artist.balance + artistPrice });
    expect(await refusal("POST", `/api/admin/generations/${generation.id}/refund`)).toMatchObject({ status: 409, code: "already_refunded" });
    const refunds = await db().select().from(ledgerEntries).where(and(eq(ledgerEntries.userId, artist.id), eq(ledgerEntries.kind, "generation_refund")));
    expect(refunds.map((e) => e.delta)).toEqual([artistPrice]);
  });

  it("refunds an image tool run as tool_refund, once", async () => {
    const artist = await userRow(ARTIST);
    // A finished tool run as the worker leaves it; how it got there is the tools suite's business.
    const [run] = await db()
      .insert(generations)
      .values({
        userId: artist.id,
        kind: "tool",
        modelKey: "upscale",
        mode: "tool",
        providerModelId: "x",
        prompt: "",
        priceCredits: 30,
        status: "delivered",
        chatId: ARTIST,
        deadlineAt: new Date(Date.now() + 600_000),
      })
      .returning();
    if (!run) throw new Error("no tool run");
    const refund = await send<{ refundedCredits: number; balanceAfter: number }>("POST", `/api/admin/generations/${run.id}/refund`);
    expect(refund).toEqual({ refundedCredits: 30, balanceAfter: artist.balance + 30 });
    expect(await refusal("POST", `/api/admin/generations/${run.id}/refund`)).toMatchObject({ status: 409, code: "already_refunded" });
    const entries = await db().select().from(ledgerEntries).where(eq(ledgerEntries.idempotencyKey, `refund:generation:${run.id}`));
    expect(entries.map((e) => [e.kind, e.delta])).toEqual([[LEDGER_KINDS.toolRefund, 30]]);
    expect((await userRow(ARTIST)).balance).toBe(artist.balance + 30);
  });

  it("lists payments with totals and refunds one through Telegram, taking its credits back", async () => {
    const list = await get<PaymentListView>("/api/admin/payments");
    expect(list).toMatchObject({ total: 1, stars: PAID_STARS, credits: 1000 });
    const payment = list.items[0];
    expect(payment).toMatchObject({ status: "credited", payerTelegramId: PAYER, user: { telegramId: PAYER } });
    const refund = await send<PaymentRefundView>("POST", `/api/admin/payments/${payment?.chargeId}/refund`);
    expect(refund).toEqual({ telegram: "refunded", creditsTakenBack: 1000, shortfall: 0 });
    expect((await userRow(PAYER)).balance).toBe(0);
    const [row] = await db().select().from(starPayments).where(eq(starPayments.chargeId, payment?.chargeId ?? ""));
    expect(row?.status).toBe("refunded");
    expect(h.bot.starTransactions.some((t) => t.id === payment?.chargeId && t.receiver !== undefined)).toBe(true);
    // Safe to repeat: Telegram says it was refunded already, the credits are not taken twice.
    expect(await send<PaymentRefundView>("POST", `/api/admin/payments/${payment?.chargeId}/refund`)).toMatchObject({ telegram: "already_refunded", creditsTakenBack: 1000 });
    expect((await get<PaymentListView>("/api/admin/payments?filter=refunded")).total).toBe(1);
    expect((await refusal("POST", "/api/admin/payments/no-such-charge/refund")).code).toBe("payment_not_found");
  });

  it("drafts a broadcast in the admin's chat, sends it to the audience with its button, and pauses, resumes and cancels another", async () => {
    await onboard(h, ADMIN_ID, "Operator");
    const audiences = await get<AudienceListView>("/api/admin/broadcasts/audiences");
    expect(audiences.audiences.find((a) => a.key === "all")?.count).toBe(4);
    expect(audiences.audiences.find((a) => a.key === "language:en")?.count).toBe(4);

    const text = "<b>New models</b> are here";
    h.bot.markCalls();
    const draft = await send<BroadcastView>("POST", "/api/admin/broadcasts", { text, audience: "all", button: { text: "Open", url: "https://example.com/new" } });
    expect(draft).toMatchObject({ status: "draft", contentKind: "text", audience: "all", buttonText: "Open", buttonUrl: "https://example.com/new", total: 0 });
    const staged = await h.bot.waitForBotMessage(ADMIN_ID, (m) => m.text === "New models are here");
    const [stored] = await db().select().from(broadcasts).where(eq(broadcasts.id, draft.id));
    expect(stored).toMatchObject({ sourceChatId: ADMIN_ID, sourceMessageId: staged.message_id });

    await send<BroadcastView>("POST", `/api/admin/broadcasts/${draft.id}/start`);
    const done = await eventually(() => get<BroadcastView>(`/api/admin/broadcasts/${draft.id}`), (b) => b.status === "completed");
    expect(done).toMatchObject({ total: 4, percent: 100, counts: expect.objectContaining({ sent: 4, pending: 0 }) });
    for (const id of [PAYER, ARTIST, QUIET]) {
      const copy = h.bot.chat(id).messages.filter((m) => m.from === "bot" && m.text === "New models are here").at(-1);
      expect(copy?.entities?.[0]).toMatchObject({ type: "bold" });
      expect(JSON.stringify(copy?.reply_markup)).toContain("https://example.com/new");
    }
    expect(await refusal("POST", `/api/admin/broadcasts/${draft.id}/start`)).toMatchObject({ status: 409, code: "broadcast_state" });

    // One message a second (a runtime setting), so there is time to pause, resume and cancel it.
    await send<SettingListView>("PATCH", "/api/admin/settings", { changes: { "broadcasts.ratePerSecond": 1 } });
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#cc3344" } }).png().toBuffer();
    const slow = await send<BroadcastView>("POST", "/api/admin/broadcasts", { text: "Weekend sale", photoBase64: photo.toString("base64"), audience: "all" });
    expect(slow.contentKind).toBe("photo");
    expect(await refusal("POST", `/api/admin/broadcasts/${slow.id}/cancel`)).toMatchObject({ status: 409, code: "broadcast_state" });
    await send<BroadcastView>("POST", `/api/admin/broadcasts/${slow.id}/start`);
    expect((await send<BroadcastView>("POST", `/api/admin/broadcasts/${slow.id}/pause`)).status).toBe("paused");
    expect((await send<BroadcastView>("POST", `/api/admin/broadcasts/${slow.id}/resume`)).status).toBe("running");
    const cancelled = await send<BroadcastView>("POST", `/api/admin/broadcasts/${slow.id}/cancel`);
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.counts.sent).toBeLessThan(4);
    await send<SettingListView>("PATCH", "/api/admin/settings", { changes: { "broadcasts.ratePerSecond": null } });

    const actions = (await db().select().from(adminAuditLog).where(eq(adminAuditLog.target, `broadcast:${slow.id}`))).map((a) => a.action);
    expect(actions).toEqual(["broadcast_created", "broadcast_started", "broadcast_paused", "broadcast_resumed", "broadcast_cancelled"]);

    const list = await get<BroadcastListView>("/api/admin/broadcasts");
    expect(list.items.map((b) => b.id)).toEqual([slow.id, draft.id]);
    const discardable = await send<BroadcastView>("POST", "/api/admin/broadcasts", { text: "never mind", audience: "new_7d" });
    await send("DELETE", `/api/admin/broadcasts/${discardable.id}`);
    expect((await refusal("GET", `/api/admin/broadcasts/${discardable.id}`)).code).toBe("broadcast_not_found");
  }, 60_000);

  it("refuses broadcasts it could not send, saying why", async () => {
    expect(await refusal("POST", "/api/admin/broadcasts", { text: "x", audience: "everyone" })).toMatchObject({ status: 400, code: "unknown_audience" });
    expect(await refusal("POST", "/api/admin/broadcasts", { text: "x", audience: "all", button: { text: "Go", url: "ftp://example.com" } })).toMatchObject({
      status: 400,
      code: "button_url_invalid",
    });
    expect(await refusal("POST", "/api/admin/broadcasts", { text: "  ", audience: "all" })).toMatchObject({ status: 400, code: "empty_content" });
    expect(await refusal("POST", "/api/admin/broadcasts", { text: "x", audience: "all", photoBase64: Buffer.from("not an image").toString("base64") })).toMatchObject({
      status: 400,
      code: "not_an_image",
    });
    expect(await refusal("POST", "/api/admin/broadcasts", { text: "<b>unclosed", audience: "all" })).toMatchObject({ status: 400, code: "content_rejected" });
    // The second admin never started the bot: there is no chat to stage the message in.
    const other = await login(h, SECOND_ADMIN_ID);
    const response = await api(h, other, "POST", "/api/admin/broadcasts", { text: "hello", audience: "all" });
    expect(response.statusCode).toBe(409);
    expect((response.json() as { error: { code: string } }).error.code).toBe("admin_chat_unavailable");
  });

  it("sends an essential service notice to opted-out users only when confirmed, marked and audited; non-admins cannot", async () => {
    await db().update(users).set({ broadcastOptIn: false }).where(eq(users.telegramId, QUIET));
    try {
      const audiences = await get<AudienceListView>("/api/admin/broadcasts/audiences");
      expect(audiences.audiences.find((a) => a.key === "all")).toEqual({ key: "all", count: 3, essentialCount: 4 });
      const body = { text: "<b>Terms</b> change on 1 May", audience: "all", essential: true };
      const before = (await db().select().from(broadcasts)).length;
      expect(await refusal("POST", "/api/admin/broadcasts", body)).toMatchObject({ status: 400, code: "essential_unconfirmed" });
      expect(await refusal("POST", "/api/admin/broadcasts", { ...body, essentialConfirmed: false })).toMatchObject({ status: 400, code: "essential_unconfirmed" });
      expect(await refusal("POST", "/api/admin/broadcasts", { ...body, text: "x".repeat(4090), essentialConfirmed: true })).toMatchObject({
        status: 400,
        code: "service_notice_too_long",
      });
      // Non-admins: no session, or a session of someone not in ADMIN_IDS.
      expect((await api(h, undefined, "POST", "/api/admin/broadcasts", { ...body, essentialConfirmed: true })).statusCode).toBe(401);
      const tokens = new SessionTokens(SESSION_SECRET);
      const sessionId = tokens.newSessionId();
      await db().insert(adminSessions).values({ idHash: createHash("sha256").update(sessionId).digest("hex"), adminTelegramId: NOT_ADMIN_ID, expiresAt: new Date(Date.now() + 3600_000) });
      const stranger = { cookie: `bp_admin=${tokens.cookieValue(sessionId)}`, csrf: tokens.csrfToken(sessionId) };
      const refused = await api(h, stranger, "POST", "/api/admin/broadcasts", { ...body, essentialConfirmed: true });
      expect(refused.statusCode).toBe(403);
      expect((await db().select().from(broadcasts)).length).toBe(before);

      const draft = await send<BroadcastView>("POST", "/api/admin/broadcasts", { ...body, essentialConfirmed: true });
      expect(draft).toMatchObject({ status: "draft", essential: true, audience: "all" });
      await send<BroadcastView>("POST", `/api/admin/broadcasts/${draft.id}/start`);
      const done = await eventually(() => get<BroadcastView>(`/api/admin/broadcasts/${draft.id}`), (b) => b.status === "completed");
      expect(done).toMatchObject({ essential: true, total: 4, counts: expect.objectContaining({ sent: 4 }) });
      const label = h.app.translator.t("en", "broadcast-service-notice");
      const copy = h.bot.chat(QUIET).messages.filter((m) => m.from === "bot").at(-1);
      expect(copy?.text).toBe(`${label}\n\nTerms change on 1 May`);
      expect(copy?.entities).toEqual([
        { type: "bold", offset: 0, length: label.length },
        { type: "bold", offset: label.length + 2, length: 5 },
      ]);
      const audit = await db().select().from(adminAuditLog).where(eq(adminAuditLog.target, `broadcast:${draft.id}`));
      expect(audit.map((a) => [a.action, (a.after as { essential?: unknown }).essential])).toEqual([
        ["broadcast_created", true],
        ["broadcast_started", true],
      ]);
    } finally {
      await db().update(users).set({ broadcastOptIn: true }).where(eq(users.telegramId, QUIET));
    }
  }, 60_000);

  it("enables, disables, orders and prices models through the catalog, audited, and the bot follows at once", async () => {
    const { models } = await get<ModelListView>("/api/admin/models");
    const enabled = models.filter((m) => m.enabled && m.kind === "generation");
    const target = enabled[1];
    if (!target) throw new Error("need two enabled models");
    expect(models.find((m) => m.key === enabled[0]?.key)?.generations).toBe(1);

    const off = await send<ModelView>("PATCH", `/api/admin/models/${target.key}`, { enabled: false });
    expect(off.enabled).toBe(false);
    expect((await h.app.catalog.listEnabled()).map((m) => m.key)).not.toContain(target.key);
    await send<ModelView>("PATCH", `/api/admin/models/${target.key}`, { enabled: true });

    const fixed = await send<ModelView>("PATCH", `/api/admin/models/${target.key}`, { priceOverrideCredits: 77, sortOrder: -5 });
    expect(fixed.prices.text_to_image).toEqual({ min: 77, max: 77 });
    expect((await h.app.catalog.listEnabled())[0]?.key).toBe(target.key);
    expect((await h.app.catalog.quote(target.key, "text_to_image", {})).credits).toBe(77);
    await send<ModelView>("PATCH", `/api/admin/models/${target.key}`, { priceOverrideCredits: null, sortOrder: target.sortOrder });

    expect(await refusal("PATCH", `/api/admin/models/${target.key}`, { priceOverrideCredits: 0 })).toMatchObject({ status: 400, code: "invalid_model_edit" });
    expect(await refusal("PATCH", "/api/admin/models/no-such-model", { enabled: true })).toMatchObject({ status: 404, code: "model_not_found" });
    expect((await refusal("PATCH", `/api/admin/models/${target.key}`, {})).status).toBe(400);
    const audits = await db().select().from(adminAuditLog).where(eq(adminAuditLog.target, `model:${target.key}`));
    expect(audits.map((a) => a.after)).toEqual([{ enabled: false }, { enabled: true }, { sortOrder: -5, priceOverrideCredits: 77 }, { sortOrder: target.sortOrder, priceOverrideCredits: null }]);
  });

  it("changes settings with validation and audit; the bot charges the new price and applies the new limits at once", async () => {
    const artist = actor(ARTIST);
    const before = await draftMenu(h, artist, "a quiet harbour");

    const refused = await refusal("PATCH", "/api/admin/settings", { changes: { "pricing.markupCredits": -1, "payments.customMinStars": 500, "nope": 1 } });
    expect(refused.status).toBe(400);
    expect(refused.code).toBe("invalid_settings");
    expect(refused.body.error.problems?.map((p) => p.key).sort()).toEqual(["nope", "pricing.markupCredits"]);
    const crossed = await refusal("PATCH", "/api/admin/settings", { changes: { "payments.customMinStars": 20_000 } });
    expect(crossed.body.error.problems?.map((p) => p.key)).toEqual(["payments.customMinStars"]);

    const after = await send<SettingListView>("PATCH", "/api/admin/settings", { changes: { "pricing.markupCredits": 140, "generation.promptMaxLength": 12 }, reason: "test" });
    expect(after.settings.find((x) => x.key === "pricing.markupCredits")).toMatchObject({ value: 140, defaultValue: 40, overridden: true, updatedBy: ADMIN_ID });

    // The Mini App tells the new limit...
    const initData = simulatedInitData({ id: ARTIST, first_name: "Artist", language_code: "en" }, TEST_BOT_TOKEN);
    const me = await http(h).inject({ method: "GET", url: "/api/miniapp/me", headers: { authorization: `tma ${initData}` } });
    expect((me.json() as { limits: { promptMaxLength: number } }).limits.promptMaxLength).toBe(12);
    // ...the bot refuses a prompt longer than it...
    h.bot.markCalls();
    await artist.sendText("a prompt that is far too long now");
    const tooLong = await h.bot.waitForBotMessage(ARTIST);
    expect(tooLong.text).toContain("12");
    await send<SettingListView>("PATCH", "/api/admin/settings", { changes: { "generation.promptMaxLength": null } });
    // ...and shows and charges the new price.
    const menu = await draftMenu(h, artist, "a quiet harbour");
    expect(menu.price).toBe(before.price + 100);
    const userId = (await userRow(ARTIST)).id;
    const charges = () => db().select().from(ledgerEntries).where(and(eq(ledgerEntries.userId, userId), eq(ledgerEntries.kind, "generation_charge")));
    const chargedBefore = (await charges()).length;
    h.bot.markCalls();
    await artist.pressButton(menu.menu, menu.data);
    const charged = await eventually(charges, (rows) => rows.length === chargedBefore + 1);
    expect(charged.at(-1)?.delta).toBe(-(before.price + 100));

    const audit = await db().select().from(adminAuditLog).where(and(eq(adminAuditLog.action, "setting_changed"), eq(adminAuditLog.target, "setting:pricing.markupCredits")));
    expect(audit.map((a) => [a.before, a.after, a.reason])).toEqual([[{ value: 40, overridden: false }, { value: 140, overridden: true }, "test"]]);
    await send<SettingListView>("PATCH", "/api/admin/settings", { changes: { "pricing.markupCredits": null } });
    expect(h.app.config.pricing.markupCredits).toBe(40);
  }, 60_000);

  it("shows the provider's balance against a threshold that is itself a live setting", async () => {
    const provider = await get<ProviderView>("/api/admin/provider");
    expect(provider).toMatchObject({ status: "ok", minBalanceUsd: 1 });
    expect(provider.balanceUsd).toBeGreaterThan(1);
    expect(provider.last24h.total).toBeGreaterThanOrEqual(1);
    await send<SettingListView>("PATCH", "/api/admin/settings", { changes: { "provider.minBalanceUsd": 1_000_000 } });
    expect((await get<ProviderView>("/api/admin/provider")).status).toBe("low");
    expect(await h.app.providerGuard?.check()).toBe("paused");
    await send<SettingListView>("PATCH", "/api/admin/settings", { changes: { "provider.minBalanceUsd": null } });
    expect(await h.app.providerGuard?.check()).toBe("ok");
  });

  it("lists the audit log by action, admin and user", async () => {
    const all = await get<AuditListView>("/api/admin/audit?limit=100");
    expect(all.total).toBeGreaterThan(10);
    expect(all.actions).toContain("setting_changed");
    const adjustments = await get<AuditListView>("/api/admin/audit?action=credits_adjusted");
    expect(adjustments.items.length).toBeGreaterThan(0);
    expect(adjustments.items.every((a) => a.action === "credits_adjusted")).toBe(true);
    const quiet = await userRow(QUIET);
    const aboutQuiet = await get<AuditListView>(`/api/admin/audit?targetUserId=${quiet.id}`);
    expect(aboutQuiet.items.every((a) => a.targetUserId === quiet.id)).toBe(true);
    const [count] = await db().select({ n: sql<number>`count(*)::int` }).from(adminAuditLog).where(eq(adminAuditLog.adminTelegramId, SECOND_ADMIN_ID));
    expect((await get<AuditListView>(`/api/admin/audit?adminTelegramId=${SECOND_ADMIN_ID}`)).total).toBe(count?.n);
  });
});
