import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generations, users } from "../../../src/db/schema/index.js";
import { credit } from "../../../src/domain/ledger/ledger.js";
import { LEDGER_KINDS } from "../../../src/domain/ledger/ledger-kinds.js";
import type { RouteEntry } from "../../../src/http/routes/admin/route-inventory.js";
import { TEST_BOT_TOKEN } from "../../support/bot-app.js";
import { TEST_TARGETS } from "../../support/targets.js";
import {
  ADMIN_ID,
  api,
  buttonData,
  generate,
  http,
  login,
  ok,
  onboard,
  PROVIDER_KEY,
  SESSION_SECRET,
  startAdminApp,
  topUp,
  type AdminHarness,
  type Session,
} from "./admin-harness.js";

const CUSTOMER = 620_000_001;

/**
 * Nothing the server sends to a browser may carry the bot token (it is in every Telegram file URL,
 * W6), the provider key or the session secret: every GET route of the panel and its API is called
 * with an admin session and real ids, and every body and header is searched.
 */
describe.each(TEST_TARGETS)("no secret in anything the panel sends on $name", (target) => {
  let h: AdminHarness;
  let session: Session;
  let userId = 0;
  let broadcastId = 0;
  let fileIds: string[] = [];

  beforeAll(async () => {
    h = await startAdminApp(target, { TRIAL_GENERATIONS: "0", BOT_USERNAME: "bananapics_test_bot" });
    session = await login(h);
    const user = await onboard(h, CUSTOMER);
    await onboard(h, ADMIN_ID, "Operator");
    await topUp(h, user, 70);
    const [row] = await h.app.database.db.select().from(users).where(eq(users.telegramId, CUSTOMER));
    userId = row?.id ?? 0;
    await credit(h.app.database.db, { userId, amount: 3000, kind: LEDGER_KINDS.adminAdjustment, reference: "test", idempotencyKey: "seed:leak", note: "seed" });
    await generate(h, user, "a castle in the clouds");
    // An edit with a reference image, so reference file ids are served too.
    const reference = await sharp({ create: { width: 320, height: 240, channels: 3, background: "#3366aa" } }).png().toBuffer();
    h.bot.markCalls();
    await user.sendPhoto({ image: reference, caption: "the same castle at night" });
    const menu = await h.bot.waitForBotMessage(CUSTOMER, (m) => buttonData(m).some((d) => d.startsWith("g:go:")));
    h.bot.markCalls();
    await user.pressButton(menu, buttonData(menu).find((d) => d.startsWith("g:go:")) ?? "");
    await h.bot.waitForCall("sendDocument", (c) => c.ok && c.payload.chat_id === CUSTOMER, 30_000);
    // The result's file id is stored right after Telegram accepted the document.
    const deadline = Date.now() + 10_000;
    let rows = await h.app.database.db.select().from(generations).where(eq(generations.status, "delivered"));
    while (rows.length < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      rows = await h.app.database.db.select().from(generations).where(eq(generations.status, "delivered"));
    }
    fileIds = rows.flatMap((g) => [...g.resultFileIds, ...g.references.map((r) => r.fileId)]);
    expect(fileIds.length).toBeGreaterThanOrEqual(3);
    const broadcast = await ok<{ id: number }>(api(h, session, "POST", "/api/admin/broadcasts", { text: "hello", audience: "all", button: { text: "Go", url: "https://example.com" } }));
    broadcastId = broadcast.id;
    await ok(api(h, session, "PATCH", "/api/admin/settings", { changes: { "pricing.markupCredits": 41 } }));
  }, 120_000);

  afterAll(async () => {
    await h?.stop();
  });

  /** Concrete URLs for a route pattern, with ids that exist. */
  function urlsFor(route: RouteEntry): string[] {
    if (route.url === "/api/admin/files/:fileId") return fileIds.flatMap((id) => [`/api/admin/files/${id}`, `/api/admin/files/${id}?size=thumb`]);
    if (route.url.startsWith("/api/admin/broadcasts/:id")) return [route.url.replace(":id", String(broadcastId))];
    if (route.url.startsWith("/api/admin/users/:id")) return [route.url.replace(":id", String(userId))];
    if (route.url === "/admin/*") return ["/admin/users/1", "/admin/login?id=1&hash=x"];
    if (route.url === "/admin/assets/*") return [];
    if (route.url.includes(":")) throw new Error(`give ${route.url} real ids in urlsFor`);
    if (route.url === "/api/admin/users") return [route.url, `${route.url}?query=${CUSTOMER}`];
    if (route.url === "/api/admin/generations") return [route.url, `${route.url}?filter=delivered`];
    return [route.url];
  }

  it("is in no body or header of any GET route, nor in the panel's own files", async () => {
    const routes = h.app.httpRoutes().filter((r) => r.method === "GET" && (r.url.startsWith("/api/admin") || r.url.startsWith("/admin")));
    expect(routes.length).toBeGreaterThan(15);
    const secrets = [TEST_BOT_TOKEN, TEST_BOT_TOKEN.split(":")[1] ?? "", PROVIDER_KEY, SESSION_SECRET];
    const seen: string[] = [];
    const check = async (url: string) => {
      const response = await http(h).inject({ method: "GET", url, headers: { cookie: session.cookie } });
      expect(response.statusCode, url).toBeLessThan(400);
      const text = `${JSON.stringify(response.headers)}\n${response.rawPayload.toString("latin1")}`;
      for (const secret of secrets) expect(text.includes(secret), `${url} contains a secret`).toBe(false);
      // No Telegram file URL either: those carry the token by construction.
      expect(text, url).not.toMatch(/\/file\/bot\d+:/);
      seen.push(url);
      return response;
    };
    for (const route of routes) for (const url of urlsFor(route)) await check(url);

    // The built panel: the HTML and every asset it loads (when the build exists).
    const page = await http(h).inject({ method: "GET", url: "/admin" });
    if (page.statusCode === 200) {
      const assets = [...page.body.matchAll(/(?:src|href)="(\/admin\/assets\/[^"]+)"/g)].map((m) => m[1] ?? "");
      expect(assets.length).toBeGreaterThan(0);
      for (const asset of assets) await check(asset);
    }
    expect(seen).toContain(`/api/admin/files/${fileIds[0]}`);
    expect(seen).toContain("/api/admin/openapi.json");
  });

  it("is not in what the panel writes to the audit log or the settings either", async () => {
    const audit = await api(h, session, "GET", "/api/admin/audit?limit=100");
    const settings = await api(h, session, "GET", "/api/admin/settings");
    for (const body of [audit.body, settings.body]) {
      expect(body).not.toContain(TEST_BOT_TOKEN.split(":")[1]);
      expect(body).not.toContain(PROVIDER_KEY);
    }
  });
});
