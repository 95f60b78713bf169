import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminSessions } from "../../../src/db/schema/index.js";
import { SessionTokens } from "../../../src/http/routes/admin/session-tokens.js";
import type { RouteEntry } from "../../../src/http/routes/admin/route-inventory.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { ADMIN_ID, api, http, login, NOT_ADMIN_ID, SESSION_SECRET, startAdminApp, type AdminHarness, type Session } from "./admin-harness.js";

/**
 * Every route the server registers is walked here, taken from the server itself (Fastify's onRoute),
 * so a route added tomorrow is checked without anyone remembering to list it.
 */

/** The admin API routes anyone may call: the sign-in, nothing else. */
const PUBLIC_ADMIN_ROUTES = ["POST /api/admin/auth/login"];
/** In the sandbox, its one-click sign-in as well. */
const PUBLIC_SANDBOX_ROUTES = [...PUBLIC_ADMIN_ROUTES, "POST /api/admin/auth/sandbox-login"];

/**
 * Routes outside the admin API, by area, each guarded its own way (tested with its feature). A route
 * in none of these areas fails the test until someone decides where it belongs.
 */
const OTHER_AREAS: Array<[RegExp, string]> = [
  [/^\/(healthz|readyz|metrics)$/, "probes and Prometheus (no user data)"],
  [/^\/telegram\/webhook$/, "Telegram webhook (secret_token)"],
  [/^\/providers\/wavespeed\/webhook$/, "provider webhook (signature)"],
  [/^\/api\/miniapp\//, "Mini App API (Telegram initData)"],
  [/^\/app(\/.*)?$/, "Mini App page (static)"],
  [/^\/admin(\/.*)?$/, "admin panel page (static, no data)"],
];

const isAdminApi = (route: RouteEntry) => route.url === "/api/admin" || route.url.startsWith("/api/admin/");
const name = (route: RouteEntry) => `${route.method} ${route.url}`;

/** A concrete URL for a route pattern; the values need not exist, the gate answers first. */
function concrete(url: string): string {
  return url
    .replace(":fileId", "AgACAgIAAxkBAAIBbogus")
    .replace(":chargeId", "stxCHARGEbogus")
    .replace(":key", "seedream-v4")
    .replace(/:[A-Za-z]+/g, "1");
}

async function call(h: AdminHarness, route: RouteEntry, headers: Record<string, string>) {
  const method = route.method as "GET" | "HEAD" | "POST" | "PATCH" | "PUT" | "DELETE";
  const withBody = method !== "GET" && method !== "HEAD";
  return http(h).inject({ method, url: concrete(route.url), headers, ...(withBody ? { payload: {} } : {}) });
}

/** A signed, unexpired session of someone who is not an admin (as if removed from ADMIN_IDS after signing in). */
async function nonAdminSession(h: AdminHarness): Promise<Session> {
  const tokens = new SessionTokens(SESSION_SECRET);
  const sessionId = tokens.newSessionId();
  await h.app.database.db.insert(adminSessions).values({
    idHash: createHash("sha256").update(sessionId).digest("hex"),
    adminTelegramId: NOT_ADMIN_ID,
    expiresAt: new Date(Date.now() + 3600_000),
  });
  return { cookie: `bp_admin=${tokens.cookieValue(sessionId)}`, csrf: tokens.csrfToken(sessionId) };
}

describe.each(TEST_TARGETS)("authorization of every route on $name", (target) => {
  let h: AdminHarness;
  beforeAll(async () => {
    // Webhook mode too, so the Telegram webhook route exists and is classified like the rest.
    h = await startAdminApp(target, { BOT_MODE: "webhook", WEBHOOK_SECRET: "test-webhook-secret-0123456789", PUBLIC_URL: "https://bananapics.example" });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it("knows the server's routes, and every one outside the admin API belongs to an area with its own guard", () => {
    const routes = h.app.httpRoutes();
    expect(routes.filter(isAdminApi).length).toBeGreaterThan(30);
    const unclassified = routes.filter((r) => !isAdminApi(r) && !OTHER_AREAS.some(([pattern]) => pattern.test(r.url)));
    expect(unclassified.map(name), "classify these routes in OTHER_AREAS (or put them under /api/admin)").toEqual([]);
  });

  it("answers 401 on every admin API route without a session, with a forged cookie or an altered one", async () => {
    const routes = h.app.httpRoutes().filter(isAdminApi);
    const publicRoutes = routes.filter((r) => PUBLIC_ADMIN_ROUTES.includes(name(r)));
    expect(publicRoutes.map(name).sort()).toEqual([...PUBLIC_ADMIN_ROUTES].sort());
    const session = await login(h);
    const [id, signature] = (session.cookie.split("=")[1] ?? "").split(".") as [string, string];
    const forged = `bp_admin=${new SessionTokens("not-the-real-secret-but-long-enough-000000").cookieValue(id)}`;
    const altered = `bp_admin=${id}.${signature.slice(0, -2)}xx`;
    const failures: string[] = [];
    for (const route of routes) {
      if (publicRoutes.includes(route)) continue;
      for (const [label, headers] of [
        ["no cookie", {}],
        ["forged", { cookie: forged }],
        ["altered", { cookie: altered }],
      ] as const) {
        const response = await call(h, route, headers);
        if (response.statusCode !== 401) failures.push(`${name(route)} (${label}): ${response.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("answers 403 on every admin API route to a valid session of someone not in ADMIN_IDS, and to a change without the CSRF token", async () => {
    const routes = h.app.httpRoutes().filter((r) => isAdminApi(r) && !PUBLIC_ADMIN_ROUTES.includes(name(r)));
    const outsider = await nonAdminSession(h);
    const admin = await login(h, ADMIN_ID);
    const failures: string[] = [];
    for (const route of routes) {
      const asOutsider = await call(h, route, { cookie: outsider.cookie, "x-csrf-token": outsider.csrf });
      if (asOutsider.statusCode !== 403) failures.push(`${name(route)} (not an admin): ${asOutsider.statusCode}`);
      if (route.method === "GET" || route.method === "HEAD") continue;
      const withoutCsrf = await call(h, route, { cookie: admin.cookie });
      if (withoutCsrf.statusCode !== 403) failures.push(`${name(route)} (no CSRF token): ${withoutCsrf.statusCode}`);
      const otherCsrf = await call(h, route, { cookie: admin.cookie, "x-csrf-token": outsider.csrf });
      if (otherCsrf.statusCode !== 403) failures.push(`${name(route)} (another session's CSRF token): ${otherCsrf.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it("lets an admin through the same routes (the gate is not simply closed)", async () => {
    const session = await login(h);
    for (const url of ["/api/admin/auth/me", "/api/admin/stats", "/api/admin/users", "/api/admin/settings", "/api/admin/openapi.json"]) {
      expect((await api(h, session, "GET", url)).statusCode, url).toBe(200);
    }
  });

  it("has no sandbox sign-in outside the sandbox", async () => {
    expect(h.app.httpRoutes().some((r) => r.url === "/api/admin/auth/sandbox-login")).toBe(false);
    expect((await http(h).inject({ method: "POST", url: "/api/admin/auth/sandbox-login", payload: {} })).statusCode).toBe(404);
  });

  it("describes every admin API route in the OpenAPI document, served to admins only", async () => {
    expect((await api(h, undefined, "GET", "/api/admin/openapi.json")).statusCode).toBe(401);
    const document = (await api(h, await login(h), "GET", "/api/admin/openapi.json")).json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(document.openapi).toBe("3.0.3");
    const described = Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    const registered = h.app
      .httpRoutes()
      .filter((r) => isAdminApi(r) && r.method !== "HEAD")
      .map((r) => `${r.method} ${r.url.replace(/:([A-Za-z]+)/g, "{$1}")}`);
    expect(described.sort()).toEqual(registered.sort());
    const settings = document.paths["/api/admin/settings"]?.patch as { requestBody?: unknown; security?: unknown };
    expect(settings.requestBody).toBeDefined();
    expect(settings.security).toEqual([{ session: [], csrf: [] }]);
  });
});

describe("the sandbox's sign-in", () => {
  let h: AdminHarness;
  beforeAll(async () => {
    const [target] = TEST_TARGETS;
    if (!target) throw new Error("no test target");
    h = await startAdminApp(target, { SANDBOX: "1" });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it("adds exactly one public route, signing in as the first admin with a cookie usable over the sandbox's plain http", async () => {
    const publicRoutes = h.app
      .httpRoutes()
      .filter(isAdminApi)
      .map(name)
      .filter((route) => route.endsWith("/auth/login") || route.endsWith("/auth/sandbox-login"));
    expect(publicRoutes.sort()).toEqual([...PUBLIC_SANDBOX_ROUTES].sort());
    const response = await http(h).inject({ method: "POST", url: "/api/admin/auth/sandbox-login", payload: {} });
    expect(response.statusCode).toBe(200);
    expect((response.json() as { admin: { telegramId: number } }).admin.telegramId).toBe(ADMIN_ID);
    const cookie = String(response.headers["set-cookie"]);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).not.toContain("Secure");
  });
});
