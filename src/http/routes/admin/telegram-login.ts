import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/** Telegram's own limit for the widget's answer, and the brief's: a login link older than a day is refused. */
export const LOGIN_MAX_AGE_SECONDS = 86_400;
/** A login dated this far in the future still counts (clocks differ a little). */
const CLOCK_SKEW_SECONDS = 60;

/** The Login Widget's answer: the user's fields, `auth_date` and `hash`, all signed together. */
export const telegramLoginSchema = z
  .record(z.string().regex(/^[a-z_]{1,32}$/), z.union([z.string().max(512), z.number()]))
  .refine((fields) => Object.keys(fields).length <= 12, "too many fields");

export type TelegramLoginPayload = z.infer<typeof telegramLoginSchema>;

export type LoginCheck =
  | { ok: true; user: { id: number; firstName: string | undefined; lastName: string | undefined; username: string | undefined }; authDate: number }
  | { ok: false; reason: "malformed" | "bad_hash" | "expired" };

/**
 * Checks a Telegram Login Widget answer (https://core.telegram.org/widgets/login): every field but
 * `hash`, sorted by name, as `name=value` lines, signed with HMAC-SHA-256 under SHA-256(bot token); the
 * hash is compared in constant time, and `auth_date` may be at most a day old.
 */
export function verifyTelegramLogin(payload: TelegramLoginPayload, botToken: string, nowSeconds: number): LoginCheck {
  const { hash, ...fields } = payload;
  if (typeof hash !== "string" || !/^[0-9a-f]{64}$/.test(hash)) return { ok: false, reason: "malformed" };
  const id = Number(fields.id);
  const authDate = Number(fields.auth_date);
  if (!Number.isSafeInteger(id) || id <= 0 || !Number.isSafeInteger(authDate)) return { ok: false, reason: "malformed" };

  const dataCheckString = Object.keys(fields)
    .sort()
    .map((name) => `${name}=${String(fields[name])}`)
    .join("\n");
  const secret = createHash("sha256").update(botToken).digest();
  const expected = createHmac("sha256", secret).update(dataCheckString).digest();
  if (!timingSafeEqual(expected, Buffer.from(hash, "hex"))) return { ok: false, reason: "bad_hash" };

  const age = nowSeconds - authDate;
  if (age > LOGIN_MAX_AGE_SECONDS || age < -CLOCK_SKEW_SECONDS) return { ok: false, reason: "expired" };
  const text = (name: string) => (typeof fields[name] === "string" ? (fields[name] as string) : undefined);
  return { ok: true, user: { id, firstName: text("first_name"), lastName: text("last_name"), username: text("username") }, authDate };
}
