import type { FastifyRequest } from "fastify";
import type { Locale } from "../../../config.js";
import { effectiveLocale, hasAcceptedCurrentPolicy, type UserProfile } from "../../../domain/users/user-profile.js";
import { recordSecurityEvent, type SecurityEventSink } from "../../../infra/security-events.js";
import { verifyInitData } from "./init-data.js";
import { MiniAppError } from "./miniapp-error.js";

export interface MiniAppAuthDeps {
  botToken: string;
  maxAgeSeconds: number;
  policyVersion: number;
  defaultLocale: Locale;
  /** The cached profile by Telegram id (UserService.get). */
  findUser(telegramId: number): Promise<UserProfile | undefined>;
  /** Where refusals are recorded as security events (the audit trail); tests may leave it out. */
  security?: SecurityEventSink;
}

/** The person behind a request, as the routes use it. */
export interface MiniAppUser {
  profile: UserProfile;
  locale: Locale;
}

const authenticated = new WeakMap<FastifyRequest, MiniAppUser>();

/**
 * Authenticates a request by its `Authorization: tma <initData>` header: 401 when the header is
 * missing, tampered with or stale; 403 when the user is unknown to the bot, banned or has not accepted
 * the current Terms and Privacy Policy — the same gates the bot applies before paid features.
 */
export async function authenticateRequest(request: FastifyRequest, deps: MiniAppAuthDeps): Promise<MiniAppUser> {
  const header = request.headers.authorization;
  const initData = header?.startsWith("tma ") ? header.slice(4).trim() : undefined;
  const security = deps.security ? { ...deps.security, logger: request.log } : undefined;
  const refused = (reason: string) => {
    if (security) recordSecurityEvent(security, "miniapp_credentials_invalid", { reason, route: request.routeOptions.url, ip: request.ip });
  };
  if (initData === undefined) {
    refused("missing");
    throw new MiniAppError(401, "unauthorized", "send Authorization: tma <initData>");
  }
  const check = verifyInitData(initData, deps.botToken, { maxAgeSeconds: deps.maxAgeSeconds });
  if (!check.ok) {
    refused(check.reason);
    if (check.reason === "expired") throw new MiniAppError(401, "init_data_expired", "initData is too old; reopen the app");
    throw new MiniAppError(401, "init_data_invalid", "initData does not verify");
  }
  const user = await authorizeUser(check.user.id, security ? { ...deps, security } : deps);
  authenticated.set(request, user);
  return user;
}

/** The 403 checks for a Telegram user whose identity is already proven (by initData or a file ticket). */
export async function authorizeUser(
  telegramId: number,
  deps: Pick<MiniAppAuthDeps, "findUser" | "policyVersion" | "defaultLocale" | "security">,
): Promise<MiniAppUser> {
  const profile = await deps.findUser(telegramId);
  const refusal = (code: "not_registered" | "banned" | "policy_not_accepted", message: string) => {
    if (deps.security) recordSecurityEvent(deps.security, "authorization_refused", { area: "miniapp", reason: code, telegramId });
    return new MiniAppError(403, code, message);
  };
  if (profile === undefined) throw refusal("not_registered", "start the bot first");
  if (profile.banned) throw refusal("banned", "this account is banned");
  if (!hasAcceptedCurrentPolicy(profile, deps.policyVersion)) {
    throw refusal("policy_not_accepted", "accept the current Terms and Privacy Policy in the bot first");
  }
  return { profile, locale: effectiveLocale(profile, deps.defaultLocale) };
}

/** The user the auth hook put on this request; routes behind the hook only. */
export function requestUser(request: FastifyRequest): MiniAppUser {
  const user = authenticated.get(request);
  if (user === undefined) throw new Error("this route runs without the Mini App auth hook");
  return user;
}
