import { signInitData } from "../../src/sandbox/chat-page/sign-init-data.js";
import type { SecurityEventKind } from "../../src/infra/security-events.js";
import { FILES_PATH } from "../../src/http/routes/miniapp/generation-views.js";

/**
 * The authorization matrix of the Mini App API: every route (rows) against every kind of caller
 * (identities). Adding a route to the API is adding one row to MINIAPP_ROUTES; the test then proves it
 * refuses every identity but its owner. The web admin API does not exist yet; its routes get a table of
 * their own when it lands.
 */

/** What the rows need from the running test: the owner's own things, by which routes are addressed. */
export interface MatrixFixtures {
  ownGenerationId: string;
  ownFileId: string;
  /** The price the quote route gave for `model`, so a generation request is accepted. */
  price: number;
  model: string;
  png: Buffer;
}

export interface RouteRow {
  method: "GET" | "POST";
  path: (f: MatrixFixtures) => string;
  body?: (f: MatrixFixtures) => unknown;
  /** Raw bytes with their content type (uploads) instead of a JSON body. */
  raw?: (f: MatrixFixtures) => { bytes: Buffer; contentType: string };
  /** The response streams (server-sent events): only its status is read. */
  stream?: boolean;
}

export const MINIAPP_ROUTES: readonly RouteRow[] = [
  { method: "GET", path: () => "/api/miniapp/me" },
  { method: "GET", path: () => "/api/miniapp/models" },
  { method: "POST", path: () => "/api/miniapp/quote", body: (f) => ({ model: f.model, params: {}, referenceCount: 0 }) },
  { method: "POST", path: () => "/api/miniapp/top-up", body: () => ({ stars: 70 }) },
  { method: "GET", path: () => "/api/miniapp/generations" },
  { method: "GET", path: (f) => `/api/miniapp/generations/${f.ownGenerationId}` },
  { method: "GET", path: () => "/api/miniapp/events", stream: true },
  {
    method: "POST",
    path: () => "/api/miniapp/generations",
    body: (f) => ({ prompt: "an authorized lighthouse", model: f.model, params: {}, references: [], expectedPrice: f.price }),
  },
  { method: "POST", path: (f) => `/api/miniapp/generations/${f.ownGenerationId}/regenerate`, body: () => ({}) },
  { method: "POST", path: () => "/api/miniapp/references", raw: (f) => ({ bytes: f.png, contentType: "image/png" }) },
  { method: "GET", path: (f) => `${FILES_PATH}/${f.ownFileId}` },
];

/** Who is asking, as the Authorization header they send (undefined: none). */
export interface Identity {
  name: string;
  header: (who: MatrixUsers, botToken: string) => string | undefined;
  /** 401/403 with the security event it must record, or "allowed" (anything but 401/403, never a 5xx). */
  expect: { status: 401 | 403; event: SecurityEventKind } | "allowed";
}

/** The Telegram ids of the users the identities speak for. */
export interface MatrixUsers {
  owner: number;
  victim: number;
  banned: number;
  noConsent: number;
  stranger: number;
}

const ANOTHER_BOTS_TOKEN = "7999999999:ANOTHERbotTOKENaaaaBBBBccccDDDDeeee";

/** initData as Telegram would sign it for this user, `ageSeconds` ago. */
export function initDataFor(telegramId: number, botToken: string, ageSeconds = 0): string {
  const user = JSON.stringify({ id: telegramId, first_name: `U${telegramId}`, language_code: "en" });
  return signInitData({ user, auth_date: String(Math.floor(Date.now() / 1000) - ageSeconds), query_id: "AAH-matrix" }, botToken);
}

const refused401: Identity["expect"] = { status: 401, event: "miniapp_credentials_invalid" };
const refused403: Identity["expect"] = { status: 403, event: "authorization_refused" };

export const IDENTITIES: readonly Identity[] = [
  { name: "no credentials", header: () => undefined, expect: refused401 },
  { name: "not initData at all", header: () => "tma hello", expect: refused401 },
  { name: "valid initData under another scheme", header: (u, token) => `Bearer ${initDataFor(u.owner, token)}`, expect: refused401 },
  { name: "initData signed with another bot's token", header: (u) => `tma ${initDataFor(u.owner, ANOTHER_BOTS_TOKEN)}`, expect: refused401 },
  {
    name: "the owner's initData with the user swapped for the victim",
    header: (u, token) => {
      const params = new URLSearchParams(initDataFor(u.owner, token));
      params.set("user", JSON.stringify({ id: u.victim, first_name: `U${u.victim}`, language_code: "en" }));
      return `tma ${params.toString()}`;
    },
    expect: refused401,
  },
  { name: "initData two hours old", header: (u, token) => `tma ${initDataFor(u.owner, token, 2 * 3600)}`, expect: refused401 },
  { name: "initData from an hour in the future", header: (u, token) => `tma ${initDataFor(u.owner, token, -3600)}`, expect: refused401 },
  { name: "a user the bot never met", header: (u, token) => `tma ${initDataFor(u.stranger, token)}`, expect: refused403 },
  { name: "a banned user", header: (u, token) => `tma ${initDataFor(u.banned, token)}`, expect: refused403 },
  { name: "a user who has not accepted the terms", header: (u, token) => `tma ${initDataFor(u.noConsent, token)}`, expect: refused403 },
  { name: "the owner", header: (u, token) => `tma ${initDataFor(u.owner, token)}`, expect: "allowed" },
];

/**
 * Admin actions of the bot: one row per entry point, a command or a button's callback data (`{target}`
 * is the users.id the action aims at). Adding an admin screen is adding its row: the test proves an
 * ordinary user gets the same answer as for anything unknown, changes nothing and is recorded, while
 * an admin is served.
 */
export const BOT_ADMIN_ACTIONS: readonly string[] = [
  "/admin",
  "adm:menu",
  "adm:stats",
  "adm:users",
  "adm:prov",
  "adm:bc",
  "adm:bcnew",
  "adm:u:{target}",
  "adm:adj:{target}",
  "adm:ban:{target}",
  "adm:unban:{target}",
  "adm:gens:{target}",
  "adm:pays:{target}",
  "adm:del:{target}",
  "adm:delr:{target}:request",
  "adm:delok:{target}:request",
];
