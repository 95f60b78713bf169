import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminAuditLog, adminSessions } from "../../../src/db/schema/index.js";
import type { SecurityEventKind } from "../../../src/infra/security-events.js";
import { SessionTokens } from "../../../src/http/routes/admin/session-tokens.js";
import { TEST_TARGETS } from "../../support/targets.js";
import {
  ADMIN_ID,
  api,
  cookieOf,
  http,
  login,
  NOT_ADMIN_ID,
  SESSION_SECRET,
  signWidget,
  startAdminApp,
  widgetPayload,
  type AdminHarness,
  type Session,
} from "./admin-harness.js";

describe.each(TEST_TARGETS)("admin sign-in and sessions on $name", (target) => {
  let h: AdminHarness;
  beforeAll(async () => {
    h = await startAdminApp(target, { ADMIN_LOGIN_ATTEMPTS_PER_15_MINUTES: "5", ADMIN_API_REQUESTS_PER_MINUTE: "40" });
  });
  afterAll(async () => {
    await h?.stop();
  });
  const securityEventCount = async (kind: SecurityEventKind): Promise<number> =>
    (await h.app.metrics.securityEvents.get()).values.find((v) => v.labels.kind === kind)?.value ?? 0;

  it("signs an admin in with the widget's answer: httpOnly, Secure, SameSite=Strict cookie for the API only, with a short life", async () => {
    const response = await http(h).inject({ method: "POST", url: "/api/admin/auth/login", payload: widgetPayload(ADMIN_ID) });
    expect(response.statusCode).toBe(200);
    const setCookie = String(response.headers["set-cookie"]);
    expect(setCookie).toMatch(/^bp_admin=[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}; /);
    expect(setCookie).toContain("Path=/api/admin");
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("Secure");
    expect(setCookie).toContain("SameSite=Strict");
    expect(setCookie).toContain(`Max-Age=${120 * 60}`);
    const body = response.json() as { admin: { telegramId: number }; csrfToken: string; expiresAt: string };
    expect(body.admin.telegramId).toBe(ADMIN_ID);
    expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(119 * 60_000);
    expect(Date.parse(body.expiresAt) - Date.now()).toBeLessThanOrEqual(120 * 60_000);

    const me = await api(h, { cookie: cookieOf(response), csrf: body.csrfToken }, "GET", "/api/admin/auth/me");
    expect(me.statusCode).toBe(200);
    expect((me.json() as { csrfToken: string }).csrfToken).toBe(body.csrfToken);
    // Only a hash of the session id is stored.
    const sessionId = cookieOf(response).split("=")[1]?.split(".")[0] ?? "";
    const stored = await h.app.database.db.select().from(adminSessions);
    expect(stored.map((s) => s.idHash)).toContain(createHash("sha256").update(sessionId).digest("hex"));
    expect(JSON.stringify(stored)).not.toContain(sessionId);
    const audit = await h.app.database.db.select().from(adminAuditLog).where(eq(adminAuditLog.action, "admin_signed_in"));
    expect(audit.some((a) => a.adminTelegramId === ADMIN_ID)).toBe(true);
  });

  it("refuses a tampered, stale or foreign widget answer (401), and a valid one of a non-admin (403)", async () => {
    const tampered = { ...widgetPayload(ADMIN_ID), first_name: "Mallory" };
    const stale = widgetPayload(ADMIN_ID, Math.floor(Date.now() / 1000) - 86_401);
    const foreign = signWidget({ id: ADMIN_ID, first_name: "X", auth_date: Math.floor(Date.now() / 1000) }, "7000000009:SOMEotherBOTtokenAAAAbbbbCCCCdddd_9");
    const asNonAdmin = widgetPayload(NOT_ADMIN_ID);
    const post = (payload: Record<string, unknown>, remoteAddress: string) =>
      http(h).inject({ method: "POST", url: "/api/admin/auth/login", payload, remoteAddress });
    const refusalsBefore = await securityEventCount("authorization_refused");
    const linesBefore = h.logLines.length;
    const answers = [await post(tampered, "10.0.0.1"), await post(stale, "10.0.0.2"), await post(foreign, "10.0.0.3"), await post(asNonAdmin, "10.0.0.4")];
    expect(answers.map((r) => [r.statusCode, (r.json() as { error: { code: string } }).error.code])).toEqual([
      [401, "login_invalid"],
      [401, "login_expired"],
      [401, "login_invalid"],
      [403, "not_admin"],
    ]);
    for (const answer of answers) expect(answer.headers["set-cookie"]).toBeUndefined();
    // Every failed sign-in is in the audit trail: counted, and logged as a structured event with its reason.
    expect(await securityEventCount("authorization_refused")).toBe(refusalsBefore + 4);
    const events = h.logLines.slice(linesBefore).filter((line) => line.includes('"securityEvent":"authorization_refused"'));
    expect(events.map((line) => (JSON.parse(line) as { reason: string }).reason).sort()).toEqual(["login_bad_hash", "login_bad_hash", "login_expired", "not_admin"]);
  });

  it("refuses requests without a session, with a forged or altered cookie, and after logout or expiry (401)", async () => {
    const session = await login(h);
    const [name, value] = session.cookie.split("=") as [string, string];
    const [id, signature] = value.split(".") as [string, string];
    const forged = new SessionTokens("an-attacker-guessed-secret-0123456789abcdef").cookieValue(id);
    const cases: Array<Session | undefined> = [
      undefined,
      { ...session, cookie: `${name}=${forged}` },
      { ...session, cookie: `${name}=${id}.${signature.slice(0, -2)}AA` },
      { ...session, cookie: `${name}=${id}` },
    ];
    for (const candidate of cases) {
      const response = await api(h, candidate, "GET", "/api/admin/stats");
      expect(response.statusCode, candidate?.cookie ?? "no cookie").toBe(401);
    }

    expect((await api(h, session, "GET", "/api/admin/stats")).statusCode).toBe(200);
    const logout = await api(h, session, "POST", "/api/admin/auth/logout", {});
    expect(logout.statusCode).toBe(200);
    expect(String(logout.headers["set-cookie"])).toContain("Max-Age=0");
    // The browser may keep the cookie; the server has revoked the session.
    expect((await api(h, session, "GET", "/api/admin/stats")).statusCode).toBe(401);

    const expiring = await login(h);
    const expiringId = expiring.cookie.split("=")[1]?.split(".")[0] ?? "";
    await h.app.database.db
      .update(adminSessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(adminSessions.idHash, createHash("sha256").update(expiringId).digest("hex")));
    expect((await api(h, expiring, "GET", "/api/admin/stats")).statusCode).toBe(401);
  });

  it("refuses a valid session of someone who is not (or no longer) in ADMIN_IDS (403)", async () => {
    // A session row can only come from a login, which refuses non-admins; this one stands for an admin
    // removed from ADMIN_IDS after signing in.
    const tokens = new SessionTokens(SESSION_SECRET);
    const sessionId = tokens.newSessionId();
    await h.app.database.db.insert(adminSessions).values({
      idHash: createHash("sha256").update(sessionId).digest("hex"),
      adminTelegramId: NOT_ADMIN_ID,
      expiresAt: new Date(Date.now() + 3600_000),
    });
    const session = { cookie: `bp_admin=${tokens.cookieValue(sessionId)}`, csrf: tokens.csrfToken(sessionId) };
    const response = await api(h, session, "GET", "/api/admin/stats");
    expect(response.statusCode).toBe(403);
    expect((response.json() as { error: { code: string } }).error.code).toBe("not_admin");
  });

  it("needs the session's CSRF token on every change", async () => {
    const session = await login(h);
    const other = await login(h);
    const body = { changes: { "pricing.markupPercent": 5 } };
    const withoutToken = await http(h).inject({ method: "PATCH", url: "/api/admin/settings", headers: { cookie: session.cookie }, payload: body });
    const wrongToken = await api(h, { ...session, csrf: "x".repeat(43) }, "PATCH", "/api/admin/settings", body);
    const anotherSessionsToken = await api(h, { ...session, csrf: other.csrf }, "PATCH", "/api/admin/settings", body);
    for (const response of [withoutToken, wrongToken, anotherSessionsToken]) {
      expect(response.statusCode).toBe(403);
      expect((response.json() as { error: { code: string } }).error.code).toBe("csrf_invalid");
    }
    expect(h.app.config.pricing.markupPercent).toBe(0);
    expect((await api(h, session, "PATCH", "/api/admin/settings", body)).statusCode).toBe(200);
    expect(h.app.config.pricing.markupPercent).toBe(5);
    await api(h, session, "PATCH", "/api/admin/settings", { changes: { "pricing.markupPercent": null } });
  });

  it("limits sign-in attempts and API requests per address, keeping no address anywhere", async () => {
    const address = "203.0.113.77";
    const attempts = [];
    for (let i = 0; i < 7; i += 1) {
      attempts.push((await http(h).inject({ method: "POST", url: "/api/admin/auth/login", payload: { id: 1, auth_date: 1, hash: "0".repeat(64) }, remoteAddress: address })).statusCode);
    }
    expect(attempts.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(attempts.slice(5)).toEqual([429, 429]);
    // Counted once per address and window, however many attempts were refused in it.
    expect(await securityEventCount("rate_limited")).toBe(1);
    // Another address is not affected.
    expect((await http(h).inject({ method: "POST", url: "/api/admin/auth/login", payload: widgetPayload(ADMIN_ID), remoteAddress: "203.0.113.78" })).statusCode).toBe(200);

    const session = await login(h, ADMIN_ID, "198.51.100.9");
    const statuses: number[] = [];
    for (let i = 0; i < 45; i += 1) statuses.push((await api(h, session, "GET", "/api/admin/auth/me", undefined, "198.51.100.9")).statusCode);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);

    const logs = h.logLines.join("\n");
    for (const ip of [address, "203.0.113.78", "198.51.100.9"]) expect(logs).not.toContain(ip);
    if (h.app.kv.kind === "redis") {
      const { Redis } = await import("ioredis");
      const redis = new Redis(target.redisUrl ?? "");
      const keys = await redis.keys("*admin:rate:*");
      await redis.quit();
      expect(keys.length).toBeGreaterThan(0);
      for (const ip of [address, "198.51.100.9"]) expect(keys.join("\n")).not.toContain(ip);
    }
  });
});
