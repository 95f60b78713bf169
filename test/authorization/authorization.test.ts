import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generations, users } from "../../src/db/schema/index.js";
import { banUser } from "../../src/domain/admin/user-bans.js";
import { SECURITY_EVENT_KINDS, type SecurityEventKind } from "../../src/infra/security-events.js";
import { FILES_PATH } from "../../src/http/routes/miniapp/generation-views.js";
import { TEST_BOT_TOKEN, TEST_WEBHOOK_SECRET } from "../support/bot-app.js";
import { freePort } from "../support/free-port.js";
import { plainText } from "../support/plain-text.js";
import { TEST_TARGETS } from "../support/targets.js";
import { waitUntil } from "../support/wait.js";
import { PROVIDER_KEY, solidImage, startGenerationApp, type GenerationHarness } from "../e2e/generation/generation-harness.js";
import { onboardedUser } from "../faults/support/users.js";
import { BOT_ADMIN_ACTIONS, IDENTITIES, initDataFor, MINIAPP_ROUTES, type MatrixFixtures, type MatrixUsers, type RouteRow } from "./access-matrix.js";

/** Every HTTP answer this suite received, scanned for secrets at the end. */
interface Captured {
  url: string;
  status: number;
  headers: string;
  body: string;
}

let nextId = 7_400_000;

describe.each(TEST_TARGETS)("authorization and the audit trail on $name", (target) => {
  let h: GenerationHarness;
  let base: string;
  let who: MatrixUsers;
  let fixtures: MatrixFixtures;
  let victimGeneration: { publicId: string; fileId: string };
  let admin: number;
  let adminTarget: number;
  const captured: Captured[] = [];

  /** A request to the app, remembered for the secrets scan. */
  async function call(method: string, path: string, init: { header?: string | undefined; json?: unknown; raw?: { bytes: Buffer; contentType: string }; stream?: boolean; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...init.headers };
    if (init.header !== undefined) headers.authorization = init.header;
    let body: string | Buffer | undefined;
    if (init.raw) {
      headers["content-type"] = init.raw.contentType;
      body = init.raw.bytes;
    } else if (init.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(init.json);
    }
    const abort = new AbortController();
    const response = await fetch(`${base}${path}`, { method, headers, body, signal: abort.signal });
    // A live event stream never ends: its status is all there is to read.
    const text = init.stream && response.status === 200 ? "" : await response.text();
    abort.abort();
    captured.push({ url: path, status: response.status, headers: JSON.stringify([...response.headers]), body: text });
    return { status: response.status, body: text };
  }

  async function securityEventCount(kind: SecurityEventKind): Promise<number> {
    const metric = await h.app.metrics.securityEvents.get();
    return metric.values.find((v) => v.labels.kind === kind)?.value ?? 0;
  }

  /** A delivered generation of this user, made through the bot as a user would. */
  async function deliveredGeneration(telegramId: number, prompt: string): Promise<{ publicId: string; fileId: string }> {
    const actor = h.bot.user({ id: telegramId, first_name: `U${telegramId}`, language_code: "en" });
    h.bot.markCalls();
    await actor.sendText(prompt);
    const menu = await h.bot.waitForBotMessage(telegramId, (m) => JSON.stringify(m.reply_markup ?? {}).includes("g:go:"));
    const go = /g:go:\d+:\d+/.exec(JSON.stringify(menu.reply_markup))![0];
    await actor.pressButton(menu, go);
    await h.bot.waitForCall("sendDocument", (c) => c.ok && Number(c.payload.chat_id) === telegramId, 30_000);
    const [owner] = await h.app.database.db.select({ id: users.id }).from(users).where(eq(users.telegramId, telegramId));
    let row: { publicId: string; resultFileIds: string[] } | undefined;
    // The result's file id is stored right after Telegram accepted the document.
    await waitUntil(
      async () => {
        [row] = await h.app.database.db
          .select({ publicId: generations.publicId, resultFileIds: generations.resultFileIds })
          .from(generations)
          .where(eq(generations.userId, owner!.id))
          .orderBy(desc(generations.id))
          .limit(1);
        return row?.resultFileIds[0] !== undefined;
      },
      "the result's file id is stored",
      15_000,
    );
    return { publicId: row!.publicId, fileId: row!.resultFileIds[0]! };
  }

  beforeAll(async () => {
    const start = (nextId += 10);
    who = { owner: start, victim: start + 1, banned: start + 2, noConsent: start + 3, stranger: start + 4 };
    admin = start + 5;
    adminTarget = start + 6;
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    h = await startGenerationApp(target, {
      BOT_MODE: "webhook",
      PUBLIC_URL: base,
      WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
      HTTP_PORT: String(port),
      TRIAL_GENERATIONS: "0",
      RATE_LIMIT_MESSAGES: "6",
      ADMIN_IDS: String(admin),
    });
    await onboardedUser(h, who.owner, "en", 5000);
    await onboardedUser(h, who.victim, "en", 5000);
    await onboardedUser(h, who.banned, "en");
    const [banned] = await h.app.database.db.select({ id: users.id }).from(users).where(eq(users.telegramId, who.banned));
    await banUser(h.app.database.db, h.app.users, { adminTelegramId: 1, userId: banned!.id, reason: "matrix" });
    await h.app.users.touch({ id: who.noConsent, first_name: "NoConsent", language_code: "en" });
    await onboardedUser(h, admin, "en");
    await onboardedUser(h, adminTarget, "en", 100);
    const own = await deliveredGeneration(who.owner, "the owner's lighthouse");
    victimGeneration = await deliveredGeneration(who.victim, "the victim's harbour");
    const model = "nano-banana-pro";
    const quote = await call("POST", "/api/miniapp/quote", { header: `tma ${initDataFor(who.owner, TEST_BOT_TOKEN)}`, json: { model, params: {}, referenceCount: 0 } });
    fixtures = { ownGenerationId: own.publicId, ownFileId: own.fileId, model, price: (JSON.parse(quote.body) as { price: number }).price, png: await solidImage({ r: 200, g: 30, b: 90 }) };
  }, 90_000);

  afterAll(async () => {
    await h?.stop();
  });

  describe("the Mini App API matrix: every route refuses every identity but its owner", () => {
    it.each(IDENTITIES.map((identity) => ({ ...identity })))("$name", async (identity) => {
      const failures: string[] = [];
      for (const route of MINIAPP_ROUTES) {
        const kind = identity.expect === "allowed" ? undefined : identity.expect.event;
        const before = kind ? await securityEventCount(kind) : 0;
        const response = await request(route, identity.header(who, TEST_BOT_TOKEN));
        const label = `${route.method} ${route.path(fixtures)}`;
        if (identity.expect === "allowed") {
          if (response.status === 401 || response.status === 403 || response.status >= 500) failures.push(`${label}: ${response.status} ${response.body.slice(0, 200)}`);
        } else {
          if (response.status !== identity.expect.status) failures.push(`${label}: expected ${identity.expect.status}, got ${response.status}`);
          const after = await securityEventCount(identity.expect.event);
          if (after !== before + 1) failures.push(`${label}: ${identity.expect.event} counted ${after - before} times, expected once`);
        }
      }
      expect(failures).toEqual([]);
    });

    function request(route: RouteRow, header: string | undefined) {
      const raw = route.raw?.(fixtures);
      return call(route.method, route.path(fixtures), {
        header,
        ...(raw ? { raw } : route.body ? { json: route.body(fixtures) } : route.method === "POST" ? { json: {} } : {}),
        ...(route.stream ? { stream: true } : {}),
      });
    }
  });

  describe("the bot's admin actions: an ordinary user is answered as for anything unknown, changes nothing and is recorded", () => {
    const t = (key: string) => plainText(h.app.translator.t("en", key));

    /** Sends the action as `telegramId` and returns what the bot answered (the callback answer or the reply). */
    async function attempt(telegramId: number, action: string): Promise<string> {
      const [target] = await h.app.database.db.select({ id: users.id }).from(users).where(eq(users.telegramId, adminTarget));
      const resolved = action.replace("{target}", String(target!.id));
      h.bot.markCalls();
      if (resolved.startsWith("/")) {
        await h.bot.user({ id: telegramId, first_name: `U${telegramId}`, language_code: "en" }).sendText(resolved);
        const reply = await h.bot.waitForCall("sendMessage", (c) => Number(c.payload.chat_id) === telegramId, 10_000);
        return plainText(String(reply.payload.text));
      }
      const menu = h.bot.chat(telegramId).messages.filter((m) => m.from === "bot").at(-1);
      const queryId = `adm-matrix-${telegramId}-${resolved}`;
      h.bot.pushUpdate({ callback_query: { id: queryId, from: { id: telegramId, is_bot: false, first_name: `U${telegramId}` }, chat_instance: "1", data: resolved, ...(menu ? { message: menu.message } : {}) } });
      const answer = await h.bot.waitForCall("answerCallbackQuery", (c) => c.payload.callback_query_id === queryId, 10_000);
      return plainText(String(answer.payload.text ?? ""));
    }

    async function targetState() {
      const [row] = await h.app.database.db.select().from(users).where(eq(users.telegramId, adminTarget));
      return { banned: row!.banned, balance: row!.balance, deletionDueAt: row!.deletionDueAt };
    }

    it.each(BOT_ADMIN_ACTIONS.map((action) => ({ action })))("$action", async ({ action }) => {
      const before = await targetState();
      const events = await securityEventCount("authorization_refused");
      const refused = await attempt(who.owner, action);
      expect(refused).toBe(action.startsWith("/") ? t("unknown-command") : t("menu-expired"));
      expect(await securityEventCount("authorization_refused")).toBe(events + 1);
      expect(await targetState()).toEqual(before);
      const served = await attempt(admin, action);
      expect(served).not.toBe(t("menu-expired"));
      expect(served).not.toBe(t("unknown-command"));
      expect(await securityEventCount("authorization_refused")).toBe(events + 1);
    });
  });

  describe("one user never reaches another's data", () => {
    const owner = () => `tma ${initDataFor(who.owner, TEST_BOT_TOKEN)}`;

    it("someone else's generation is a 404, to read and to repeat", async () => {
      expect((await call("GET", `/api/miniapp/generations/${victimGeneration.publicId}`, { header: owner() })).status).toBe(404);
      expect((await call("POST", `/api/miniapp/generations/${victimGeneration.publicId}/regenerate`, { header: owner(), json: {} })).status).toBe(404);
      const list = await call("GET", "/api/miniapp/generations", { header: owner() });
      expect(list.body).not.toContain(victimGeneration.publicId);
    });

    it("someone else's file is a 404, and a file ticket works for its own file only", async () => {
      expect((await call("GET", `${FILES_PATH}/${victimGeneration.fileId}`, { header: owner() })).status).toBe(404);
      const page = JSON.parse((await call("GET", "/api/miniapp/generations", { header: owner() })).body) as { items: Array<{ images?: Array<{ url: string }> }> };
      const ownUrl = JSON.stringify(page).match(/\/api\/miniapp\/files\/[A-Za-z0-9_-]+\?t=[^"\\&]+/)?.[0];
      expect(ownUrl, "a file URL with a ticket in the owner's feed").toBeDefined();
      expect((await call("GET", ownUrl!)).status).toBe(200);
      const ticket = new URL(ownUrl!, base).searchParams.get("t")!;
      const before = await securityEventCount("miniapp_credentials_invalid");
      expect((await call("GET", `${FILES_PATH}/${victimGeneration.fileId}?t=${encodeURIComponent(ticket)}`)).status).toBe(401);
      expect((await call("GET", `${FILES_PATH}/${fixtures.ownFileId}?t=forged.ticket`)).status).toBe(401);
      expect(await securityEventCount("miniapp_credentials_invalid")).toBe(before + 2);
    });

    it("malformed ids and cursors are refused as bad requests, never database errors", async () => {
      const paths = [
        "/api/miniapp/generations/not-a-uuid",
        "/api/miniapp/generations/------------------------------------",
        "/api/miniapp/generations?cursor=99999999999999999999",
        "/api/miniapp/generations?limit=-1",
        `${FILES_PATH}/short`,
        `${FILES_PATH}/${"x".repeat(300)}`,
      ];
      for (const path of paths) {
        const { status } = await call("GET", path, { header: owner() });
        expect(status >= 400 && status < 500, `${path}: ${status}`).toBe(true);
      }
    });
  });

  describe("webhooks refuse what is not signed by their sender", () => {
    it("the Telegram webhook: a missing or wrong secret is a 401 and a security event; nothing is handled", async () => {
      const before = await securityEventCount("telegram_webhook_secret_mismatch");
      const calls = h.bot.calls.length;
      const update = { update_id: 1, message: { message_id: 1, date: 0, chat: { id: who.owner, type: "private" }, from: { id: who.owner, is_bot: false, first_name: "x" }, text: "/topup" } };
      for (const secret of [undefined, "wrong-secret-wrong-secret", `${TEST_WEBHOOK_SECRET}x`]) {
        const response = await call("POST", "/telegram/webhook", { json: update, headers: secret ? { "x-telegram-bot-api-secret-token": secret } : {} });
        expect(response.status).toBe(401);
      }
      expect(await securityEventCount("telegram_webhook_secret_mismatch")).toBe(before + 3);
      const events = h.logLines.filter((l) => l.includes('"securityEvent":"telegram_webhook_secret_mismatch"'));
      expect(events.length).toBeGreaterThanOrEqual(3);
      expect(events.join("\n")).not.toContain("wrong-secret-wrong-secret");
      expect(h.bot.calls.slice(calls).filter((c) => c.method === "sendMessage")).toEqual([]);
    });

    it("the Telegram webhook with the secret and a body that is not an update is a 400, not a 500", async () => {
      const headers = { "x-telegram-bot-api-secret-token": TEST_WEBHOOK_SECRET, "content-type": "application/json" };
      for (const body of ["{", "[]", "null", '{"update_id":"x"}', '{"update_id":1e400}']) {
        const response = await fetch(`${base}/telegram/webhook`, { method: "POST", headers, body });
        expect(response.status, body).toBeGreaterThanOrEqual(400);
        expect(response.status, body).toBeLessThan(500);
      }
    });

    it("the Wavespeed webhook: an unsigned or forged delivery is a 401 and a security event", async () => {
      const before = await securityEventCount("provider_webhook_signature_invalid");
      const body = JSON.stringify({ id: "task-forged", status: "completed", outputs: ["https://evil.example/x.png"] });
      const unsigned = await call("POST", "/providers/wavespeed/webhook", { raw: { bytes: Buffer.from(body), contentType: "application/json" } });
      const forged = await call("POST", "/providers/wavespeed/webhook", {
        raw: { bytes: Buffer.from(body), contentType: "application/json" },
        headers: { "webhook-id": "msg_1", "webhook-timestamp": String(Math.floor(Date.now() / 1000)), "webhook-signature": "v3,deadbeef" },
      });
      expect([unsigned.status, forged.status]).toEqual([401, 401]);
      expect(await securityEventCount("provider_webhook_signature_invalid")).toBe(before + 2);
    });
  });

  it("a flood is refused once per window, logged and counted as one security event", async () => {
    const id = (nextId += 10);
    const flooder = await onboardedUser(h, id, "en");
    const before = await securityEventCount("rate_limited");
    h.bot.markCalls();
    for (let i = 0; i < 9; i++) await flooder.sendText("/help");
    const slowDown = plainText(h.app.translator.t("en", "flood-slow-down", { seconds: 10 }));
    await h.bot.waitForBotMessage(id, (m) => m.text === slowDown);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.bot.chat(id).messages.filter((m) => m.text === slowDown)).toHaveLength(1);
    expect(await securityEventCount("rate_limited")).toBe(before + 1);
    expect(h.logLines.some((l) => l.includes('"securityEvent":"rate_limited"') && l.includes(`"userId":${id}`))).toBe(true);
  });

  it("/metrics exposes every kind of security event", async () => {
    const metrics = await call("GET", "/metrics");
    for (const kind of SECURITY_EVENT_KINDS) expect(metrics.body).toMatch(new RegExp(`bananapics_security_events_total\\{kind="${kind}"\\} \\d+`));
    expect(metrics.body).toMatch(/bananapics_security_events_total\{kind="authorization_refused"\} [1-9]/);
  });

  it("the bot token, the provider key and the webhook secrets appear in no log line, response, provider request or message", () => {
    const secrets = [TEST_BOT_TOKEN, TEST_BOT_TOKEN.split(":")[1]!, PROVIDER_KEY, TEST_WEBHOOK_SECRET, h.provider.webhookSecret];
    const haystacks: Array<[string, string]> = [
      ["logs", h.logLines.join("\n")],
      ["responses", JSON.stringify(captured)],
      ["provider requests", JSON.stringify(h.provider.requests)],
      // setWebhook hands Telegram the webhook secret: that is its purpose. Everything else the bot sent is scanned.
      ["Telegram calls", JSON.stringify(h.bot.calls.filter((c) => c.method !== "setWebhook").map((c) => c.payload))],
    ];
    expect(captured.length).toBeGreaterThan(100);
    expect(h.provider.requests.length).toBeGreaterThan(0);
    for (const [where, text] of haystacks) {
      for (const secret of secrets) expect(text.includes(secret), `a secret in ${where}`).toBe(false);
    }
  });
});
