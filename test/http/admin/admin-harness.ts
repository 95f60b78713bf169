import { createHash, createHmac } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { startFakeWavespeed, type FakeWavespeed } from "../../../src/sandbox/fake-wavespeed/index.js";
import type { EmulatedMessage, UserActor } from "../../../src/sandbox/telegram-emulator/index.js";
import { starPayments } from "../../../src/db/schema/index.js";
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

/** Inline-button callback data of a message. */
export function buttonData(message: EmulatedMessage): string[] {
  const markup = message.reply_markup;
  if (!markup || !("inline_keyboard" in markup)) return [];
  return markup.inline_keyboard.flat().map((b) => ("callback_data" in b ? String(b.callback_data) : ""));
}

/** /start → English → consent → home, as a new user does it. */
export async function onboard(h: BotAppHarness, id: number, firstName = `User${id % 1000}`): Promise<UserActor> {
  const user = h.bot.user({ id, first_name: firstName, language_code: "en" });
  h.bot.markCalls();
  await user.sendText("/start");
  const picker = await h.bot.waitForBotMessage(id);
  await user.pressButton(picker, "onb:lang:en");
  const consent = await h.bot.waitForBotMessage(id, (m) => buttonData(m).includes("onb:accept"));
  await user.pressButton(consent, "onb:accept");
  await h.bot.waitForBotMessage(id, (m) => buttonData(m).includes("home:create"));
  return user;
}

/** A Stars top-up through /topup and Telegram's payment flow; resolves once it is credited. */
export async function topUp(h: BotAppHarness, user: UserActor, stars: number): Promise<void> {
  h.bot.markCalls();
  await user.sendText("/topup");
  const menu = await h.bot.waitForBotMessage(user.id, (m) => buttonData(m).includes(`topup:pick:${stars}`));
  await user.pressButton(menu, `topup:pick:${stars}`);
  const confirmation = await h.bot.waitForBotMessage(user.id, (m) => buttonData(m).includes(`topup:pay:${stars}`));
  h.bot.markCalls();
  await user.pressButton(confirmation, `topup:pay:${stars}`);
  const invoice = await h.bot.waitForBotMessage(user.id, (m) => m.invoice !== undefined);
  const outcome = await user.pay(invoice);
  if (!outcome.ok) throw new Error(`payment failed: ${JSON.stringify(outcome)}`);
  // Credited by the bot's successful_payment handler, a moment after Telegram says "paid".
  const deadline = Date.now() + 10_000;
  for (;;) {
    const rows = await h.app.database.db.select({ n: sql<number>`count(*)::int` }).from(starPayments).where(eq(starPayments.payerTelegramId, user.id));
    if ((rows[0]?.n ?? 0) > 0) return;
    if (Date.now() > deadline) throw new Error("the payment was never recorded");
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The draft menu of a prompt, with its Generate button's data and the price it shows. */
export async function draftMenu(h: BotAppHarness, user: UserActor, prompt: string): Promise<{ menu: EmulatedMessage; data: string; price: number }> {
  h.bot.markCalls();
  await user.sendText(prompt);
  const menu = await h.bot.waitForBotMessage(user.id, (m) => buttonData(m).some((d) => d.startsWith("g:go:")));
  const data = buttonData(menu).find((d) => d.startsWith("g:go:")) ?? "";
  return { menu, data, price: Number(data.split(":")[3]) };
}

/** A paid generation from prompt to the delivered document. */
export async function generate(h: BotAppHarness, user: UserActor, prompt: string): Promise<number> {
  const { menu, data, price } = await draftMenu(h, user, prompt);
  h.bot.markCalls();
  await user.pressButton(menu, data);
  await h.bot.waitForCall("sendDocument", (c) => c.ok && c.payload.chat_id === user.id, 30_000);
  return price;
}
