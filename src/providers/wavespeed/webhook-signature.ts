import { createHmac, timingSafeEqual } from "node:crypto";

/** Request headers as Node/Fastify expose them; names are matched case-insensitively. */
export type WebhookHeaders = Record<string, string | string[] | undefined>;

/** Why a webhook was refused; logged so an operator can tell a clock problem from a forgery. */
export type WebhookRejectionReason = "missing_headers" | "bad_version" | "stale" | "mismatch";

/** Result of {@link verifyWavespeedWebhook}. */
export type WebhookVerification = { ok: true } | { ok: false; reason: WebhookRejectionReason };

/** Options of {@link verifyWavespeedWebhook}. */
export interface VerifyWebhookOptions {
  /** Largest accepted |now − webhook-timestamp|, against replays. Default 300 s, as Wavespeed documents. */
  maxAgeSeconds?: number;
  /** Current time in Unix milliseconds; injected by tests. */
  now?: number;
}

const SIGNATURE_VERSION = "v3";

/**
 * Checks a Wavespeed webhook delivery as the provider documents it: HMAC-SHA256 (hex) keyed with the
 * secret minus its `whsec_` prefix (used as UTF-8 text, not base64-decoded) over
 * `${webhook-id}.${webhook-timestamp}.${rawBody}`, sent as `webhook-signature: v3,<hex>`.
 *
 * The algorithm is not yet confirmed against a real delivery, so this stays strict and the caller decides
 * by configuration whether a failure rejects the request or is only logged.
 *
 * @param rawBody the body exactly as received; re-serialised JSON will not match.
 */
export function verifyWavespeedWebhook(
  rawBody: Buffer,
  headers: WebhookHeaders,
  secret: string,
  options: VerifyWebhookOptions = {},
): WebhookVerification {
  const id = header(headers, "webhook-id");
  const timestamp = header(headers, "webhook-timestamp");
  const signatureHeader = header(headers, "webhook-signature");
  if (!id || !timestamp || !signatureHeader) return { ok: false, reason: "missing_headers" };

  // Several space-separated signatures are allowed, as in the Standard Webhooks scheme Wavespeed follows.
  const candidates = signatureHeader
    .split(" ")
    .map((entry) => entry.split(","))
    .filter(([version, value]) => version === SIGNATURE_VERSION && value)
    .map(([, value]) => (value ?? "").toLowerCase());
  if (candidates.length === 0) return { ok: false, reason: "bad_version" };

  const maxAgeSeconds = options.maxAgeSeconds ?? 300;
  const nowSeconds = (options.now ?? Date.now()) / 1000;
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > maxAgeSeconds) {
    return { ok: false, reason: "stale" };
  }

  const expected = Buffer.from(computeSignature(secret, id, timestamp, rawBody), "utf8");
  const matches = candidates.some((candidate) => {
    const got = Buffer.from(candidate, "utf8");
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
  return matches ? { ok: true } : { ok: false, reason: "mismatch" };
}

/** What {@link signWavespeedWebhook} signs. */
export interface SignWebhookInput {
  id: string;
  /** Unix seconds. */
  timestamp: number;
  rawBody: Buffer | string;
  secret: string;
}

/**
 * Produces the three headers Wavespeed sends with a webhook; used by the fake provider and tests so that
 * both sides of the exchange share one definition of the algorithm.
 */
export function signWavespeedWebhook(input: SignWebhookInput): Record<"webhook-id" | "webhook-timestamp" | "webhook-signature", string> {
  const timestamp = String(input.timestamp);
  const body = typeof input.rawBody === "string" ? Buffer.from(input.rawBody, "utf8") : input.rawBody;
  return {
    "webhook-id": input.id,
    "webhook-timestamp": timestamp,
    "webhook-signature": `${SIGNATURE_VERSION},${computeSignature(input.secret, input.id, timestamp, body)}`,
  };
}

function computeSignature(secret: string, id: string, timestamp: string, rawBody: Buffer): string {
  const key = secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret;
  return createHmac("sha256", Buffer.from(key, "utf8"))
    .update(`${id}.${timestamp}.`, "utf8")
    .update(rawBody)
    .digest("hex");
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    const first = Array.isArray(value) ? value[0] : value;
    return first?.trim() || undefined;
  }
  return undefined;
}
