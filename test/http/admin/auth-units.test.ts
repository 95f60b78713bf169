import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GENERATION_FILTERS } from "../../../src/domain/admin/generation-list.js";
import { PAYMENT_FILTERS } from "../../../src/domain/admin/payment-list.js";
import { USER_FILTERS } from "../../../src/domain/admin/user-list.js";
import { GENERATION_FILTER_VALUES, PAYMENT_FILTER_VALUES, USER_FILTER_VALUES } from "../../../src/http/routes/admin/api-schemas.js";
import { parseCookies, serializeCookie } from "../../../src/http/routes/admin/cookies.js";
import { SessionTokens } from "../../../src/http/routes/admin/session-tokens.js";
import { LOGIN_MAX_AGE_SECONDS, verifyTelegramLogin } from "../../../src/http/routes/admin/telegram-login.js";
import { TEST_BOT_TOKEN } from "../../support/bot-app.js";
import { signWidget } from "./admin-harness.js";

const now = 1_800_000_000;
const fields = { id: 42, first_name: "Ada", last_name: "L", username: "ada", photo_url: "https://t.me/i/userpic/320/ada.jpg", auth_date: now - 60 };

describe("Telegram Login Widget check", () => {
  it("accepts Telegram's signature over every field, and returns who signed in", () => {
    const check = verifyTelegramLogin(signWidget(fields), TEST_BOT_TOKEN, now);
    expect(check).toEqual({ ok: true, user: { id: 42, firstName: "Ada", lastName: "L", username: "ada" }, authDate: now - 60 });
  });

  it("refuses a changed field, an added field, a changed hash and another bot's signature", () => {
    const signed = signWidget(fields);
    expect(verifyTelegramLogin({ ...signed, id: 43 }, TEST_BOT_TOKEN, now)).toEqual({ ok: false, reason: "bad_hash" });
    expect(verifyTelegramLogin({ ...signed, is_admin: "true" }, TEST_BOT_TOKEN, now)).toEqual({ ok: false, reason: "bad_hash" });
    const hash = String(signed.hash);
    expect(verifyTelegramLogin({ ...signed, hash: `${hash.slice(0, -1)}${hash.endsWith("0") ? "1" : "0"}` }, TEST_BOT_TOKEN, now)).toEqual({
      ok: false,
      reason: "bad_hash",
    });
    expect(verifyTelegramLogin(signWidget(fields, "7000000002:ANOTHERtokenAAAAbbbbCCCCddddEEEEff"), TEST_BOT_TOKEN, now)).toEqual({
      ok: false,
      reason: "bad_hash",
    });
    // The Mini App's scheme (key HMAC("WebAppData", token)) is not the widget's: its signature must not pass here.
    const dataCheckString = Object.keys(fields)
      .sort()
      .map((name) => `${name}=${String(fields[name as keyof typeof fields])}`)
      .join("\n");
    const webAppKey = createHmac("sha256", "WebAppData").update(TEST_BOT_TOKEN).digest();
    const miniAppHash = createHmac("sha256", webAppKey).update(dataCheckString).digest("hex");
    expect(verifyTelegramLogin({ ...fields, hash: miniAppHash }, TEST_BOT_TOKEN, now)).toEqual({ ok: false, reason: "bad_hash" });
  });

  it("refuses an answer older than a day or from the future, even with a valid signature", () => {
    const stale = signWidget({ ...fields, auth_date: now - LOGIN_MAX_AGE_SECONDS - 1 });
    expect(verifyTelegramLogin(stale, TEST_BOT_TOKEN, now)).toEqual({ ok: false, reason: "expired" });
    const justInTime = signWidget({ ...fields, auth_date: now - LOGIN_MAX_AGE_SECONDS });
    expect(verifyTelegramLogin(justInTime, TEST_BOT_TOKEN, now).ok).toBe(true);
    const future = signWidget({ ...fields, auth_date: now + 3600 });
    expect(verifyTelegramLogin(future, TEST_BOT_TOKEN, now)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses malformed answers before computing anything", () => {
    expect(verifyTelegramLogin({ ...fields }, TEST_BOT_TOKEN, now)).toEqual({ ok: false, reason: "malformed" });
    expect(verifyTelegramLogin({ ...signWidget(fields), id: "x" }, TEST_BOT_TOKEN, now)).toEqual({ ok: false, reason: "malformed" });
    expect(verifyTelegramLogin({ ...fields, hash: "zz" }, TEST_BOT_TOKEN, now)).toEqual({ ok: false, reason: "malformed" });
  });
});

describe("cookies", () => {
  it("parses a Cookie header: first of a name wins, quotes dropped, junk skipped", () => {
    const cookies = parseCookies(' a=1; b="two"; a=3; junk; =x; c=');
    expect([...cookies]).toEqual([
      ["a", "1"],
      ["b", "two"],
      ["c", ""],
    ]);
    expect(parseCookies(undefined).size).toBe(0);
  });

  it("writes Set-Cookie with every attribute, and refuses values that would need escaping", () => {
    expect(serializeCookie("bp_admin", "abc.def", { path: "/api/admin", maxAge: 7200, httpOnly: true, secure: true, sameSite: "Strict" })).toBe(
      "bp_admin=abc.def; Path=/api/admin; Max-Age=7200; SameSite=Strict; HttpOnly; Secure",
    );
    expect(() => serializeCookie("bp_admin", "a;b", { path: "/", maxAge: 1, httpOnly: true, secure: true, sameSite: "Strict" })).toThrow();
    expect(() => serializeCookie("bad name", "x", { path: "/", maxAge: 1, httpOnly: true, secure: true, sameSite: "Strict" })).toThrow();
  });
});

describe("session tokens", () => {
  const tokens = new SessionTokens("s".repeat(16) + "ecret-of-at-least-32-chars");

  it("reads back only cookies it signed, unaltered", () => {
    const id = tokens.newSessionId();
    const value = tokens.cookieValue(id);
    expect(tokens.readCookie(value)).toBe(id);
    const [sessionId, signature] = value.split(".") as [string, string];
    const otherId = tokens.newSessionId();
    expect(tokens.readCookie(`${otherId}.${signature}`)).toBeUndefined();
    expect(tokens.readCookie(`${sessionId}.${signature.slice(1)}x`)).toBeUndefined();
    expect(tokens.readCookie(sessionId)).toBeUndefined();
    expect(new SessionTokens("another-secret-of-at-least-32-characters!").readCookie(value)).toBeUndefined();
  });

  it("binds the CSRF token to one session", () => {
    const a = tokens.newSessionId();
    const b = tokens.newSessionId();
    expect(tokens.checkCsrf(a, tokens.csrfToken(a))).toBe(true);
    expect(tokens.checkCsrf(a, tokens.csrfToken(b))).toBe(false);
    expect(tokens.checkCsrf(a, undefined)).toBe(false);
    expect(tokens.checkCsrf(a, "")).toBe(false);
  });

  it("refuses a short secret", () => {
    expect(() => new SessionTokens("short")).toThrow(RangeError);
  });
});

describe("the API's filters", () => {
  it("are exactly the domain's", () => {
    expect([...USER_FILTER_VALUES]).toEqual([...USER_FILTERS]);
    expect([...GENERATION_FILTER_VALUES]).toEqual([...GENERATION_FILTERS]);
    expect([...PAYMENT_FILTER_VALUES]).toEqual([...PAYMENT_FILTERS]);
  });
});
