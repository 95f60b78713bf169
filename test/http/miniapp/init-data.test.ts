import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyInitData } from "../../../src/http/routes/miniapp/init-data.js";
import { signInitData } from "../../../src/sandbox/chat-page/sign-init-data.js";

const TOKEN = "7000000001:TESTtokenAAAAbbbbCCCCddddEEEEffff_1";
const NOW = 1_760_000_000;
const user = JSON.stringify({ id: 4242, first_name: "Ada", language_code: "ru", allows_write_to_pm: true });
const fields = { query_id: "AAHdF6IQAAAAAN0XohDhrOrc", user, auth_date: String(NOW - 60) };
const check = (initData: string, maxAgeSeconds = 3600) => verifyInitData(initData, TOKEN, { maxAgeSeconds, nowSeconds: NOW });

/** Telegram's documented algorithm, written out independently of the code under test. */
function telegramHash(pairs: Record<string, string>): string {
  const dataCheckString = Object.keys(pairs)
    .sort()
    .map((key) => `${key}=${pairs[key]}`)
    .join("\n");
  const secret = createHmac("sha256", "WebAppData").update(TOKEN).digest();
  return createHmac("sha256", secret).update(dataCheckString).digest("hex");
}

describe("initData verification", () => {
  it("accepts initData signed as Telegram documents it, whatever the field order and encoding", () => {
    expect(check(signInitData(fields, TOKEN))).toEqual({ ok: true, user: { id: 4242, firstName: "Ada", languageCode: "ru" }, authDate: NOW - 60 });
    // Built by hand from the documentation, fields in another order, with the newer `signature` field.
    const withSignature = { ...fields, signature: "c2lnbmF0dXJl" };
    const manual = new URLSearchParams({ ...withSignature, hash: telegramHash(withSignature) });
    manual.sort();
    expect(check(manual.toString()).ok).toBe(true);
  });

  it("refuses any change to a signed field, a wrong token and a missing or malformed hash", () => {
    const signed = signInitData(fields, TOKEN);
    const otherUser = signed.replace(encodeURIComponent('"id":4242'), encodeURIComponent('"id":4243'));
    expect(check(otherUser)).toEqual({ ok: false, reason: "signature" });
    const laterDate = signed.replace(`auth_date=${NOW - 60}`, `auth_date=${NOW - 59}`);
    expect(check(laterDate)).toEqual({ ok: false, reason: "signature" });
    expect(check(`${signed}&extra=1`)).toEqual({ ok: false, reason: "signature" });
    expect(check(signInitData(fields, "7000000002:ANOTHERtokenAAAAbbbbCCCCddddEEEEff"))).toEqual({ ok: false, reason: "signature" });
    expect(check(signed.replace(/hash=[0-9a-f]+/, "hash=abc"))).toEqual({ ok: false, reason: "malformed" });
    expect(check(signed.replace(/&?hash=[0-9a-f]+/, ""))).toEqual({ ok: false, reason: "malformed" });
    // A field given twice: the value we would read might not be the value that was signed.
    expect(check(`${signed}&user=${encodeURIComponent(user)}`)).toEqual({ ok: false, reason: "malformed" });
    expect(check("")).toEqual({ ok: false, reason: "malformed" });
  });

  it("refuses stale initData and auth dates far in the future, by the configured age", () => {
    const at = (authDate: number) => signInitData({ ...fields, auth_date: String(authDate) }, TOKEN);
    expect(check(at(NOW - 3600)).ok).toBe(true);
    expect(check(at(NOW - 3601))).toEqual({ ok: false, reason: "expired" });
    expect(check(at(NOW - 3601), 7200).ok).toBe(true);
    expect(check(at(NOW + 60)).ok).toBe(true);
    expect(check(at(NOW + 3600))).toEqual({ ok: false, reason: "expired" });
  });

  it("needs a user with a numeric id", () => {
    const { user: _user, ...withoutUser } = fields;
    expect(check(signInitData(withoutUser, TOKEN))).toEqual({ ok: false, reason: "malformed" });
    expect(check(signInitData({ ...fields, user: '{"id":"4242"}' }, TOKEN))).toEqual({ ok: false, reason: "malformed" });
    expect(check(signInitData({ ...fields, user: "not json" }, TOKEN))).toEqual({ ok: false, reason: "malformed" });
  });
});
