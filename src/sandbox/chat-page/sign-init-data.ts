import { createHmac, randomBytes } from "node:crypto";
import type { SimulatedUser } from "./api-types.js";

/**
 * Signs Mini App launch parameters the way Telegram does, so a Mini App opened from the sandbox passes
 * the same initData check as in production
 * (https://core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app):
 * secret = HMAC-SHA256(key "WebAppData", bot token); hash = hex HMAC-SHA256(key secret, data-check-string),
 * where the data-check-string is every field but `hash`, as `key=value`, sorted by key, joined by "\n".
 * Returns the initData query string with `hash` appended.
 */
export function signInitData(fields: Readonly<Record<string, string>>, botToken: string): string {
  const entries = Object.entries(fields).filter(([key]) => key !== "hash");
  const dataCheckString = [...entries]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join("\n");
  const secret = createHmac("sha256", "WebAppData").update(botToken).digest();
  const hash = createHmac("sha256", secret).update(dataCheckString).digest("hex");
  // Percent-encoding like Telegram's clients (spaces as %20, not "+"), so naive parsers agree too.
  const signed: Array<[string, string]> = [...entries, ["hash", hash]];
  return signed.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join("&");
}

/**
 * The initData Telegram gives a Mini App opened from an inline keyboard button in a private chat:
 * a fresh query_id (for answerWebAppQuery), the user, and the launch time.
 */
export function simulatedInitData(user: SimulatedUser, botToken: string, now: Date = new Date()): string {
  const telegramUser: Record<string, unknown> = { id: user.id, first_name: user.first_name };
  if (user.last_name !== undefined) telegramUser.last_name = user.last_name;
  if (user.username !== undefined) telegramUser.username = user.username;
  if (user.language_code !== undefined) telegramUser.language_code = user.language_code;
  telegramUser.allows_write_to_pm = true;
  return signInitData(
    {
      query_id: `AA${randomBytes(16).toString("base64url")}`,
      user: JSON.stringify(telegramUser),
      auth_date: String(Math.floor(now.getTime() / 1000)),
    },
    botToken,
  );
}

/**
 * The URL a Telegram client opens for a web app button: the app's URL with the launch parameters in the
 * fragment, where telegram-web-app.js reads them (and where they never reach the app's server logs).
 */
export function webAppLaunchUrl(appUrl: string, initData: string): string {
  const base = appUrl.split("#")[0] ?? appUrl;
  const params = new URLSearchParams({ tgWebAppData: initData, tgWebAppVersion: "8.0", tgWebAppPlatform: "web" });
  return `${base}#${params.toString()}`;
}
