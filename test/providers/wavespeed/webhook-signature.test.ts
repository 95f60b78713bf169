import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWavespeedWebhook, verifyWavespeedWebhook } from "../../../src/providers/wavespeed/index.js";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const TS = 1_700_000_000;
const NOW_MS = TS * 1000;
const BODY = Buffer.from(
  '{"id":"45b392b22c3b449fa935bd4dc2219dfe","status":"completed","outputs":["https://example.com/o.png"]}',
);

describe("Wavespeed webhook signature (reference §6)", () => {
  it("pins the documented algorithm to a vector computed outside the implementation", () => {
    // Computed with: printf '%s' "$ID.$TS.$BODY" | openssl dgst -sha256 -hmac "$SECRET_WITHOUT_whsec_"
    const openssl = "b7471b174a5b26b6a22f594b2579c6f7b5573b40376aa17a8bab2f1de8db95dc";
    const byHand = createHmac("sha256", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
      .update(`${ID}.${TS}.${BODY.toString("utf8")}`)
      .digest("hex");
    expect(byHand).toBe(openssl);

    const headers = { "webhook-id": ID, "webhook-timestamp": String(TS), "webhook-signature": `v3,${openssl}` };
    expect(verifyWavespeedWebhook(BODY, headers, SECRET, { now: NOW_MS })).toEqual({ ok: true });
    expect(signWavespeedWebhook({ id: ID, timestamp: TS, rawBody: BODY, secret: SECRET })).toEqual(headers);
  });

  it("uses the key after whsec_ as UTF-8 text, not base64-decoded", () => {
    const headers = signWavespeedWebhook({ id: ID, timestamp: TS, rawBody: BODY, secret: SECRET });
    const decodedKey = createHmac("sha256", Buffer.from("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "base64"))
      .update(`${ID}.${TS}.${BODY.toString("utf8")}`)
      .digest("hex");
    expect(headers["webhook-signature"]).not.toBe(`v3,${decodedKey}`);
    // A secret configured without its prefix verifies the same way.
    expect(verifyWavespeedWebhook(BODY, headers, SECRET.slice("whsec_".length), { now: NOW_MS })).toEqual({ ok: true });
  });

  it("accepts a valid delivery with headers in any case and as arrays", () => {
    const signed = signWavespeedWebhook({ id: ID, timestamp: TS, rawBody: BODY, secret: SECRET });
    const headers = {
      "Webhook-Id": [signed["webhook-id"]],
      "WEBHOOK-TIMESTAMP": signed["webhook-timestamp"],
      "webhook-signature": `v2,deadbeef ${signed["webhook-signature"]}`,
    };
    expect(verifyWavespeedWebhook(BODY, headers, SECRET, { now: NOW_MS + 299_000 })).toEqual({ ok: true });
  });

  it("rejects a tampered body", () => {
    const headers = signWavespeedWebhook({ id: ID, timestamp: TS, rawBody: BODY, secret: SECRET });
    const tampered = Buffer.from(BODY.toString().replace("completed", "failed"));
    expect(verifyWavespeedWebhook(tampered, headers, SECRET, { now: NOW_MS })).toEqual({ ok: false, reason: "mismatch" });
  });

  it("rejects a signature made with another secret or for another id", () => {
    const other = signWavespeedWebhook({ id: ID, timestamp: TS, rawBody: BODY, secret: "whsec_other" });
    expect(verifyWavespeedWebhook(BODY, other, SECRET, { now: NOW_MS })).toEqual({ ok: false, reason: "mismatch" });
    const signed = signWavespeedWebhook({ id: ID, timestamp: TS, rawBody: BODY, secret: SECRET });
    const moved = { ...signed, "webhook-id": "msg_other" };
    expect(verifyWavespeedWebhook(BODY, moved, SECRET, { now: NOW_MS })).toEqual({ ok: false, reason: "mismatch" });
  });

  it("rejects a stale or future timestamp beyond maxAgeSeconds", () => {
    const headers = signWavespeedWebhook({ id: ID, timestamp: TS, rawBody: BODY, secret: SECRET });
    expect(verifyWavespeedWebhook(BODY, headers, SECRET, { now: NOW_MS + 301_000 })).toEqual({ ok: false, reason: "stale" });
    expect(verifyWavespeedWebhook(BODY, headers, SECRET, { now: NOW_MS - 301_000 })).toEqual({ ok: false, reason: "stale" });
    expect(verifyWavespeedWebhook(BODY, headers, SECRET, { now: NOW_MS + 20_000, maxAgeSeconds: 10 })).toEqual({
      ok: false,
      reason: "stale",
    });
    const garbage = { ...headers, "webhook-timestamp": "yesterday" };
    expect(verifyWavespeedWebhook(BODY, garbage, SECRET, { now: NOW_MS })).toEqual({ ok: false, reason: "stale" });
  });

  it("rejects a signature of another version", () => {
    const headers = signWavespeedWebhook({ id: ID, timestamp: TS, rawBody: BODY, secret: SECRET });
    const v1 = { ...headers, "webhook-signature": headers["webhook-signature"].replace(/^v3,/, "v1,") };
    expect(verifyWavespeedWebhook(BODY, v1, SECRET, { now: NOW_MS })).toEqual({ ok: false, reason: "bad_version" });
    const bare = { ...headers, "webhook-signature": headers["webhook-signature"].slice(3) };
    expect(verifyWavespeedWebhook(BODY, bare, SECRET, { now: NOW_MS })).toEqual({ ok: false, reason: "bad_version" });
  });

  it("rejects a delivery without the signature headers", () => {
    const headers = signWavespeedWebhook({ id: ID, timestamp: TS, rawBody: BODY, secret: SECRET });
    for (const name of ["webhook-id", "webhook-timestamp", "webhook-signature"] as const) {
      const partial: Record<string, string> = { ...headers };
      delete partial[name];
      expect(verifyWavespeedWebhook(BODY, partial, SECRET, { now: NOW_MS })).toEqual({ ok: false, reason: "missing_headers" });
    }
  });
});
