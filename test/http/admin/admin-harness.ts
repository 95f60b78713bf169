import { createHash, createHmac } from "node:crypto";
import type { LightMyRequestResponse } from "fastify";
import { startFakeWavespeed, type FakeWavespeed } from "../../../src/sandbox/fake-wavespeed/index.js";
import { startBotApp, TEST_BOT_TOKEN, type BotAppHarness } from "../../support/bot-app.js";
import type { TestTarget } from "../../support/targets.js";

export const ADMIN_ID = 700_000_001;
export const SECOND_ADMIN_ID = 700_000_002;
export const NOT_ADMIN_ID = 700_000_099;
export const SESSION_SECRET = "test-admin-session-secret-0123456789abcdef";
export const PROVIDER_KEY = "test-provider-key-for-admin-0123456789";

export interface AdminHarness extends BotAppHarness {
  provider: FakeWavespeed;
}

/** The real app (bot, http, worker) with two admins, against the Telegram emulator and the fake provider. */
export async function startAdminApp(target: TestTarget, env: Record<string, string> = {}): Promise<AdminHarness> {
  const provider = await startFakeWavespeed({ apiKey: PROVIDER_KEY, latencyMs: 50 });
  const harness = await startBotApp(target, {
    env: {
      ADMIN_IDS: `${ADMIN_ID},${SECOND_ADMIN_ID}`,
      ADMIN_SESSION_SECRET: SESSION_SECRET,
      WAVESPEED_API_KEY: PROVIDER_KEY,
      WAVESPEED_BASE_URL: provider.baseUrl,
      ...env,
    },
  });
  return {
    ...harness,
    provider,
    async stop() {
      await harness.stop();
      await provider.stop();
    },
  };
}

/** Signs Login Widget fields the way Telegram does (SHA-256 of the token as the HMAC key). */
export function signWidget(fields: Record<string, string | number>, token = TEST_BOT_TOKEN): Record<string, string | number> {
  const dataCheckString = Object.keys(fields)
    .sort()
    .map((name) => `${name}=${String(fields[name])}`)
    .join("\n");
  const secret = createHash("sha256").update(token).digest();
  return { ...fields, hash: createHmac("sha256", secret).update(dataCheckString).digest("hex") };
}

export function widgetPayload(telegramId: number, authDate = Math.floor(Date.now() / 1000)): Record<string, string | number> {
  return signWidget({ id: telegramId, first_name: "Operator", username: "operator_one", auth_date: authDate });
}

export interface Session {
  cookie: string;
  csrf: string;
}

type InjectMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE" | "HEAD";

export function http(h: BotAppHarness) {
  const server = h.app.http;
  if (!server) throw new Error("the app has no HTTP server");
  return server;
}

/** POST /api/admin/auth/login with a fresh widget payload; returns the cookie pair and the CSRF token. */
export async function login(h: BotAppHarness, telegramId = ADMIN_ID, remoteAddress = "127.0.0.1"): Promise<Session> {
  const response = await http(h).inject({ method: "POST", url: "/api/admin/auth/login", payload: widgetPayload(telegramId), remoteAddress });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  return { cookie: cookieOf(response), csrf: (response.json() as { csrfToken: string }).csrfToken };
}

/** "bp_admin=…" from a Set-Cookie header. */
export function cookieOf(response: LightMyRequestResponse): string {
  const header = response.headers["set-cookie"];
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) throw new Error("no Set-Cookie");
  return value.split(";")[0] ?? "";
}

/** A request as the panel makes it: the session cookie, and the CSRF token on changes. */
export async function api(
  h: BotAppHarness,
  session: Session | undefined,
  method: InjectMethod,
  url: string,
  payload?: unknown,
  remoteAddress = "127.0.0.1",
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (session) {
    headers.cookie = session.cookie;
    if (method !== "GET" && method !== "HEAD") headers["x-csrf-token"] = session.csrf;
  }
  return http(h).inject({ method, url, headers, remoteAddress, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });
}

/** The JSON of a 2xx answer, or a thrown error with the body. */
export async function ok<T>(response: Promise<LightMyRequestResponse> | LightMyRequestResponse): Promise<T> {
  const r = await response;
  if (r.statusCode < 200 || r.statusCode >= 300) throw new Error(`expected 2xx, got ${r.statusCode}: ${r.body}`);
  return r.json() as T;
}
