import { describe, expect, it } from "vitest";
import { signInitData, simulatedInitData, webAppLaunchUrl } from "../../../src/sandbox/chat-page/sign-init-data.js";
import { isValidInitData } from "./init-data-check.js";

const TOKEN = "1234567890:AAFakeTokenForTestsOnly_abcdefghijk";
const USER_JSON =
  '{"id":279058397,"first_name":"Vladislav","last_name":"Kibenko","username":"vdkfrost","language_code":"ru","allows_write_to_pm":true}';
/**
 * Computed with openssl, not with this code base:
 *   secret=$(printf %s "$TOKEN" | openssl dgst -sha256 -hmac WebAppData -hex)
 *   printf 'auth_date=1700000000\nquery_id=AAHdF6IQAAAAAN0XohDhrOrc\nuser=…' | openssl dgst -sha256 -mac HMAC -macopt hexkey:$secret
 */
const EXPECTED_HASH = "2f54c78b5d449dbd67dd0f7d813dbd8a8ddad6b2958f352ada61b1be25299798";

describe("Mini App initData signing", () => {
  it("matches an independently computed hash, whatever the field order", () => {
    const signed = signInitData({ user: USER_JSON, query_id: "AAHdF6IQAAAAAN0XohDhrOrc", auth_date: "1700000000" }, TOKEN);
    const params = new URLSearchParams(signed);
    expect(params.get("hash")).toBe(EXPECTED_HASH);
    expect(params.get("user")).toBe(USER_JSON);
    expect(signed).not.toContain("+");
    expect(signed).toContain("%7B%22id%22%3A279058397");
  });

  it("produces initData that a backend following the documentation accepts, and only for the right token", () => {
    const initData = simulatedInitData(
      { id: 42, first_name: "Ann Lee", username: "ann_lee", language_code: "uz" },
      TOKEN,
      new Date("2025-01-02T03:04:05Z"),
    );
    expect(isValidInitData(initData, TOKEN)).toBe(true);
    expect(isValidInitData(initData, "1234567890:another_token_aaaaaaaaaaaaa")).toBe(false);
    expect(isValidInitData(initData.replace("auth_date=1735787045", "auth_date=1735787046"), TOKEN)).toBe(false);

    const params = new URLSearchParams(initData);
    expect(params.get("auth_date")).toBe("1735787045");
    expect(params.get("query_id")).toMatch(/^AA[A-Za-z0-9_-]{20,}$/);
    expect(JSON.parse(params.get("user") ?? "")).toEqual({
      id: 42,
      first_name: "Ann Lee",
      username: "ann_lee",
      language_code: "uz",
      allows_write_to_pm: true,
    });
    expect(new URLSearchParams(simulatedInitData({ id: 42, first_name: "A" }, TOKEN)).get("query_id")).not.toBe(params.get("query_id"));
  });

  it("puts the launch parameters into the URL fragment the way telegram-web-app.js reads them", () => {
    const initData = simulatedInitData({ id: 7, first_name: "Bo" }, TOKEN);
    const url = new URL(webAppLaunchUrl("https://app.example.com/mini?start=1#old", initData));
    expect(`${url.origin}${url.pathname}${url.search}`).toBe("https://app.example.com/mini?start=1");
    const hash = new URLSearchParams(url.hash.slice(1));
    expect(hash.get("tgWebAppData")).toBe(initData);
    expect(hash.get("tgWebAppVersion")).toBe("8.0");
    expect(hash.get("tgWebAppPlatform")).toBe("web");
    expect(url.toString()).not.toContain(TOKEN);
  });
});
