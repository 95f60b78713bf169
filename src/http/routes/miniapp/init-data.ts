import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/** The user object inside initData (what we read of it). */
export interface InitDataUser {
  id: number;
  firstName: string;
  languageCode: string | undefined;
}

export type InitDataCheck =
  | { ok: true; user: InitDataUser; authDate: number }
  /** malformed: not initData at all; signature: not signed with our bot token (tampered); expired: too old. */
  | { ok: false; reason: "malformed" | "signature" | "expired" };

/** Real initData is a few hundred bytes; anything far larger is not worth hashing. */
const MAX_INIT_DATA_LENGTH = 8192;
/** Clocks differ a little between Telegram and us; an auth_date further ahead than this is not trusted. */
const FUTURE_SKEW_SECONDS = 300;

const userSchema = z.object({
  id: z.number().int().positive(),
  first_name: z.string(),
  language_code: z.string().optional(),
});

/**
 * Checks Mini App launch data the way Telegram documents it
 * (https://core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app):
 * the data-check-string is every received field except `hash`, as `key=value` lines sorted by key;
 * secret = HMAC-SHA256(key "WebAppData", bot token); the hash must equal hex HMAC-SHA256(secret,
 * data-check-string), compared in constant time. Then `auth_date` must be at most `maxAgeSeconds` old:
 * initData does not expire by itself, and a copied launch link must stop working.
 */
export function verifyInitData(
  initData: string,
  botToken: string,
  options: { maxAgeSeconds: number; nowSeconds?: number },
): InitDataCheck {
  if (initData.length === 0 || initData.length > MAX_INIT_DATA_LENGTH) return { ok: false, reason: "malformed" };
  const fields = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(initData)) {
    // A repeated field would let the signed value and the value we read differ.
    if (fields.has(key)) return { ok: false, reason: "malformed" };
    fields.set(key, value);
  }
  const hash = fields.get("hash");
  if (hash === undefined || !/^[0-9a-f]{64}$/.test(hash)) return { ok: false, reason: "malformed" };
  fields.delete("hash");

  const dataCheckString = [...fields]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join("\n");
  const expected = createHmac("sha256", webAppSecret(botToken)).update(dataCheckString).digest();
  if (!timingSafeEqual(expected, Buffer.from(hash, "hex"))) return { ok: false, reason: "signature" };

  const authDate = Number(fields.get("auth_date") ?? "");
  if (!Number.isSafeInteger(authDate) || authDate <= 0) return { ok: false, reason: "malformed" };
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (now - authDate > options.maxAgeSeconds || authDate - now > FUTURE_SKEW_SECONDS) return { ok: false, reason: "expired" };

  const user = parseUser(fields.get("user"));
  if (user === undefined) return { ok: false, reason: "malformed" };
  return { ok: true, user, authDate };
}

function parseUser(raw: string | undefined): InitDataUser | undefined {
  if (raw === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const parsed = userSchema.safeParse(json);
  if (!parsed.success) return undefined;
  return { id: parsed.data.id, firstName: parsed.data.first_name, languageCode: parsed.data.language_code };
}

const secrets = new Map<string, Buffer>();

/** HMAC-SHA256(key "WebAppData", token): the same for every request, so computed once per token. */
function webAppSecret(botToken: string): Buffer {
  let secret = secrets.get(botToken);
  if (secret === undefined) {
    secret = createHmac("sha256", "WebAppData").update(botToken).digest();
    secrets.set(botToken, secret);
  }
  return secret;
}
