import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Database } from "../../../db/client.js";
import { ADMIN_ACTIONS, recordAdminAction } from "../../../domain/admin/audit-log.js";
import { displayName, type UserProfile } from "../../../domain/users/user-profile.js";
import { recordSecurityEvent, type SecurityEventSink } from "../../../infra/security-events.js";
import { sessionCookie } from "./admin-auth.js";
import { AdminApiError } from "./admin-error.js";
import type { AdminRoutes } from "./admin-route.js";
import { okView, sessionView, type SessionView } from "./api-schemas.js";
import type { IpRateLimit } from "./ip-rate-limit.js";
import type { AdminSessionStore } from "./session-store.js";
import type { SessionTokens } from "./session-tokens.js";
import { telegramLoginSchema, verifyTelegramLogin } from "./telegram-login.js";

export interface AuthRouteDeps {
  db: Database;
  botToken: string;
  adminIds(): readonly number[];
  tokens: SessionTokens;
  sessions: AdminSessionStore;
  sessionTtlSeconds: number;
  loginLimit: IpRateLimit;
  /** Who the sandbox's shortcut signs in as; undefined outside the sandbox, where the route does not exist. */
  sandboxAdminId: number | undefined;
  /** Secure cookies everywhere but plain http in the sandbox. */
  secureCookies(request: FastifyRequest): boolean;
  findUser(telegramId: number): Promise<UserProfile | undefined>;
  security?: SecurityEventSink | undefined;
}

/**
 * Sign-in with the Telegram Login Widget, the sandbox's shortcut, the session itself and sign-out.
 * A session lives in the database (revocable) and in a signed httpOnly cookie; the CSRF token the
 * panel must send with every change comes with it.
 */
export function registerAuthRoutes(scope: FastifyInstance, routes: AdminRoutes, deps: AuthRouteDeps): void {
  const view = async (admin: { telegramId: number; sessionId: string }, expiresAt: Date): Promise<SessionView> => {
    const profile = await deps.findUser(admin.telegramId);
    return {
      admin: { telegramId: admin.telegramId, name: profile ? displayName(profile) : `Admin ${admin.telegramId}` },
      csrfToken: deps.tokens.csrfToken(admin.sessionId),
      expiresAt: expiresAt.toISOString(),
    };
  };

  const signIn = async (request: FastifyRequest, reply: FastifyReply, telegramId: number, via: string): Promise<SessionView> => {
    if (!deps.adminIds().includes(telegramId)) {
      if (deps.security) recordSecurityEvent({ ...deps.security, logger: request.log }, "authorization_refused", { area: "admin", reason: "not_admin", telegramId });
      throw new AdminApiError(403, "not_admin", "this Telegram account is not an admin");
    }
    const sessionId = deps.tokens.newSessionId();
    const session = await deps.sessions.create(sessionId, telegramId, deps.sessionTtlSeconds);
    await recordAdminAction(deps.db, { adminTelegramId: telegramId, action: ADMIN_ACTIONS.adminSignedIn, after: { via, expiresAt: session.expiresAt.toISOString() } });
    request.log.info({ adminTelegramId: telegramId, via }, "admin signed in to the web panel");
    reply.header("set-cookie", sessionCookie(deps.tokens.cookieValue(sessionId), deps.sessionTtlSeconds, deps.secureCookies(request)));
    return view({ telegramId, sessionId }, session.expiresAt);
  };

  const limited = async (request: FastifyRequest) => {
    const rate = await deps.loginLimit.check(request.ip);
    if (rate === "ok") return;
    if (rate === "just_limited" && deps.security) {
      recordSecurityEvent({ ...deps.security, logger: request.log }, "rate_limited", { area: "admin", reason: "login" });
    }
    throw new AdminApiError(429, "rate_limited", "too many sign-in attempts; wait a few minutes");
  };

  routes.publicJson(scope, {
    method: "POST",
    url: "/api/admin/auth/login",
    tag: "auth",
    summary: "Sign in with the Telegram Login Widget's answer (checked with the bot token; at most a day old); sets the session cookie",
    body: telegramLoginSchema,
    response: sessionView,
    handler: async ({ body, request, reply }) => {
      await limited(request);
      const check = verifyTelegramLogin(body, deps.botToken, Math.floor(Date.now() / 1000));
      if (!check.ok) {
        if (deps.security) recordSecurityEvent({ ...deps.security, logger: request.log }, "authorization_refused", { area: "admin", reason: `login_${check.reason}` });
        if (check.reason === "expired") throw new AdminApiError(401, "login_expired", "this sign-in is older than a day; sign in again");
        throw new AdminApiError(401, "login_invalid", "the sign-in data does not verify");
      }
      return signIn(request, reply, check.user.id, "telegram");
    },
  });

  if (deps.sandboxAdminId !== undefined) {
    const sandboxAdminId = deps.sandboxAdminId;
    routes.publicJson(scope, {
      method: "POST",
      url: "/api/admin/auth/sandbox-login",
      tag: "auth",
      summary: "Sandbox only: sign in as the sandbox's admin without Telegram",
      response: sessionView,
      handler: async ({ request, reply }) => {
        await limited(request);
        return signIn(request, reply, sandboxAdminId, "sandbox");
      },
    });
  }

  routes.json(scope, {
    method: "GET",
    url: "/api/admin/auth/me",
    tag: "auth",
    summary: "The signed-in admin, the session's end and its CSRF token",
    response: sessionView,
    handler: async ({ admin }) => view(admin, admin.expiresAt),
  });

  routes.json(scope, {
    method: "POST",
    url: "/api/admin/auth/logout",
    tag: "auth",
    summary: "Ends the session on the server and clears the cookie",
    response: okView,
    handler: async ({ admin, request, reply }) => {
      await deps.sessions.revoke(admin.sessionId);
      await recordAdminAction(deps.db, { adminTelegramId: admin.telegramId, action: ADMIN_ACTIONS.adminSignedOut });
      reply.header("set-cookie", sessionCookie("", 0, deps.secureCookies(request)));
      return { ok: true as const };
    },
  });
}
