import { describe, expect, it } from "vitest";
import {
  generateReferralCode,
  REFERRAL_CODE_LENGTH,
  referralCodeFromPayload,
  referralLink,
  shareUrl,
} from "../../../src/domain/referrals/referral-link.js";
import { purchaseCommission } from "../../../src/domain/referrals/referral-rewards.js";

describe("referral codes and links", () => {
  it("codes are 10 base32 symbols, fit a /start payload, and do not repeat", () => {
    const codes = Array.from({ length: 5000 }, generateReferralCode);
    for (const code of codes) expect(code).toMatch(new RegExp(`^[a-z2-7]{${REFERRAL_CODE_LENGTH}}$`));
    expect(new Set(codes).size).toBe(codes.length);
    // Every symbol of the alphabet turns up: the code uses all 5 bits of each byte.
    expect(new Set(codes.join("")).size).toBe(32);
  });

  it("reads the code only from an r_ payload of our alphabet", () => {
    expect(referralCodeFromPayload("r_abcdefgh23")).toBe("abcdefgh23");
    expect(referralCodeFromPayload(" r_abcdefgh23 ")).toBe("abcdefgh23");
    for (const payload of ["", "abcdefgh23", "r_", "r_ABCDEFGH23", "r_abc", "r_abcdefgh18", "x_abcdefgh23", "r_abcdefgh23 extra", `r_${"a".repeat(33)}`]) {
      expect(referralCodeFromPayload(payload), payload).toBeUndefined();
    }
  });

  it("builds the deep link and Telegram's share URL with both parts encoded", () => {
    const link = referralLink("bananapics_bot", "abcdefgh23");
    expect(link).toBe("https://t.me/bananapics_bot?start=r_abcdefgh23");
    const url = new URL(shareUrl(link, "Images & more 🍌"));
    expect(url.origin + url.pathname).toBe("https://t.me/share/url");
    expect(url.searchParams.get("url")).toBe(link);
    expect(url.searchParams.get("text")).toBe("Images & more 🍌");
  });

  it("the purchase commission is the percent of the credits, rounded up", () => {
    expect(purchaseCommission(1000, 10)).toBe(100);
    expect(purchaseCommission(1428, 10)).toBe(143);
    expect(purchaseCommission(1, 10)).toBe(1);
    expect(purchaseCommission(2000, 15)).toBe(300);
    expect(purchaseCommission(999, 0)).toBe(0);
    expect(purchaseCommission(1234, 100)).toBe(1234);
  });
});
