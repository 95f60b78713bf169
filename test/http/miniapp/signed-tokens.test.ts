import { describe, expect, it } from "vitest";
import type { StoredReference } from "../../../src/db/schema/index.js";
import { SignedTokens } from "../../../src/http/routes/miniapp/signed-tokens.js";

const TOKEN = "7000000001:TESTtokenAAAAbbbbCCCCddddEEEEffff_1";
const reference: StoredReference = { fileId: "BQACAgIAAxkBAAI", fileUniqueId: "AgADuniq", kind: "document", fileSize: 1234, mimeType: "image/png", fileName: "reference.png" };

describe("the Mini App's signed tokens", () => {
  it("file tickets name one user and one file, and expire", () => {
    let now = 1_000_000;
    const tokens = new SignedTokens(TOKEN, () => now);
    const ticket = tokens.fileTicket(42, "fileA");
    expect(tokens.readFileTicket(ticket, "fileA")).toBe(42);
    expect(tokens.readFileTicket(ticket, "fileB")).toBeUndefined();
    expect(tokens.readFileTicket(ticket.replace(/^42/, "43"), "fileA")).toBeUndefined();
    expect(new SignedTokens("7000000002:ANOTHERtokenAAAAbbbbCCCCddddEEEEff", () => now).readFileTicket(ticket, "fileA")).toBeUndefined();
    // Stable for a while, so browsers can cache the image, and valid for at least six hours.
    now += 60;
    expect(tokens.fileTicket(42, "fileA")).toBe(ticket);
    now += 6 * 3600 - 60;
    expect(tokens.readFileTicket(ticket, "fileA")).toBe(42);
    now += 3600;
    expect(tokens.readFileTicket(ticket, "fileA")).toBeUndefined();
  });

  it("reference tokens give back the stored reference to its user only, for a day", () => {
    let now = 1_000_000;
    const tokens = new SignedTokens(TOKEN, () => now);
    const token = tokens.referenceToken(42, reference);
    expect(tokens.readReferenceToken(token, 42)).toEqual(reference);
    expect(tokens.readReferenceToken(token, 43)).toBeUndefined();
    const [payload, signature] = token.split(".");
    const altered = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload ?? "", "base64url").toString()), t: 43 })).toString("base64url");
    expect(tokens.readReferenceToken(`${altered}.${signature}`, 43)).toBeUndefined();
    expect(tokens.readReferenceToken("garbage", 42)).toBeUndefined();
    now += 24 * 3600 + 1;
    expect(tokens.readReferenceToken(token, 42)).toBeUndefined();
  });
});
