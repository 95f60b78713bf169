import type { FastifyRequest } from "fastify";
import { recordSecurityEvent, type SecurityEventSink } from "../../../infra/security-events.js";
import { AdminApiError } from "./admin-error.js";
import { parseCookies, serializeCookie } from "./cookies.js";
import type { IpRateLimit } from "./ip-rate-limit.js";
import type { AdminSessionStore } from "./session-store.js";
import type { SessionTokens } from "./session-tokens.js";

/** The session cookie; sent only to the API, never readable by scripts. */
export const SESSION_COOKIE = "bp_admin";
export const COOKIE_PATH = "/api/admin";
export const CSRF_HEADER = "x-csrf-token";
/** Methods that change nothing; every other method needs the CSRF token. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The signed-in admin behind a request. */
export interface AdminIdentity {
  telegramId: number;
  sessionId: string;
  expiresAt: Date;
}

export interface AdminAuthDeps {
  /** Read on every request, so removing an id from ADMIN_IDS ends that admin's access at once. */
  adminIds(): readonly number[];
  tokens: SessionTokens;
  sessions: AdminSessionStore;
  /** Every admin API request, per client address. */
  apiLimit: IpRateLimit;
  /** Where refusals are recorded as security events; tests may leave it out. */
  security?: SecurityEventSink | undefined;
}

const identities = new WeakMap<FastifyRequest, AdminIdentity>();

/**
 * The admin API's gate, run before anything else of a request (before its body is read): the rate
 * limit, then — unless the route is the login — a session cookie whose signature verifies, a session
 * that is neither expired nor revoked, an id still in ADMIN_IDS, and for changes the CSRF token.
 * 401 means "sign in (again)", 403 "signed in, but not allowed".
 */
export async function authenticateAdmin(request: FastifyRequest, deps: AdminAuthDeps, isPublic: boolean): Promise<void> {
  const rate = await deps.apiLimit.check(request.ip);
  if (rate !== "ok") {
    if (rate === "just_limited") refuse(request, deps, "rate_limited", "api");
    throw new AdminApiError(429, "rate_limited", "too many requests; wait a minute");
  }
  if (isPublic) return;
  const sessionId = deps.tokens.readCookie(parseCookies(request.headers.cookie).get(SESSION_COOKIE));
  if (sessionId === undefined) {
    refuse(request, deps, "authorization_refused", request.headers.cookie?.includes(`${SESSION_COOKIE}=`) ? "bad_cookie" : "no_session");
    throw new AdminApiError(401, "unauthorized", "sign in first");
  }
  const session = await deps.sessions.find(sessionId);
  if (session === undefined) {
    refuse(request, deps, "authorization_refused", "session_ended");
    throw new AdminApiError(401, "session_ended", "the session has ended; sign in again");
  }
  if (!deps.adminIds().includes(session.adminTelegramId)) {
    refuse(request, deps, "authorization_refused", "not_admin", session.adminTelegramId);
    throw new AdminApiError(403, "not_admin", "this account is not an admin");
  }
  if (!SAFE_METHODS.has(request.method)) {
    const presented = request.headers[CSRF_HEADER];
    if (!deps.tokens.checkCsrf(sessionId, typeof presented === "string" ? presented : undefined)) {
      refuse(request, deps, "authorization_refused", "csrf", session.adminTelegramId);
      throw new AdminApiError(403, "csrf_invalid", `send the session's token in ${CSRF_HEADER}`);
    }
  }
  identities.set(request, { telegramId: session.adminTelegramId, sessionId, expiresAt: session.expiresAt });
}

/** The admin the gate let through; only for routes behind it. */
export function requestAdmin(request: FastifyRequest): AdminIdentity {
  const admin = identities.get(request);
  if (admin === undefined) throw new Error("this admin route runs without the admin auth hook");
  return admin;
}

/**
 * The session cookie: httpOnly, SameSite=Strict, only for the API's path, and Secure except over
 * plain http in the sandbox (a browser drops Secure cookies of a non-secure page on some hosts).
 */
export function sessionCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return serializeCookie(SESSION_COOKIE, value, { path: COOKIE_PATH, maxAge: maxAgeSeconds, httpOnly: true, secure, sameSite: "Strict" });
}

function refuse(request: FastifyRequest, deps: AdminAuthDeps, kind: "authorization_refused" | "rate_limited", reason: string, telegramId?: number): void {
  if (!deps.security) return;
  // Never the address: it is used as a rate-limit key only.
  recordSecurityEvent({ ...deps.security, logger: request.log }, kind, { area: "admin", reason, route: request.routeOptions.url, telegramId });
}
