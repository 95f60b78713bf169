import { describe, expect, it } from "vitest";
import { createConfig } from "../../../src/config.js";
import { staticSettings } from "../../../src/domain/settings/business-settings.js";
import { problemsOf } from "../../support/config-problems.js";

describe("referral configuration", () => {
  it("has the documented defaults and reads every variable", () => {
    expect(createConfig({}).referrals).toEqual({ joinBonus: 20, purchasePercent: 10, welcomeBonus: 0 });
    expect(createConfig({ REFERRAL_JOIN_BONUS: "0", REFERRAL_PURCHASE_PERCENT: "100", REFERRAL_WELCOME_BONUS: "15" }).referrals).toEqual({
      joinBonus: 0,
      purchasePercent: 100,
      welcomeBonus: 15,
    });
    // An empty variable (as in .env.example with the value removed) means the default.
    expect(createConfig({ REFERRAL_PURCHASE_PERCENT: "" }).referrals.purchasePercent).toBe(10);
  });

  it("names the variable of every bad value", () => {
    expect(problemsOf({ REFERRAL_JOIN_BONUS: "-1", REFERRAL_PURCHASE_PERCENT: "101", REFERRAL_WELCOME_BONUS: "a lot" })).toEqual([
      expect.stringMatching(/^REFERRAL_JOIN_BONUS: /),
      expect.stringMatching(/^REFERRAL_PURCHASE_PERCENT: /),
      expect.stringMatching(/^REFERRAL_WELCOME_BONUS: /),
    ]);
    expect(problemsOf({ REFERRAL_PURCHASE_PERCENT: "12.5" })[0]).toMatch(/^REFERRAL_PURCHASE_PERCENT: /);
  });

  it("the settings hand the configured rewards out unchanged and read-only", () => {
    const config = createConfig({ REFERRAL_JOIN_BONUS: "35" });
    const rewards = staticSettings(config.payments, config.referrals).referrals();
    expect(rewards).toEqual({ joinBonus: 35, purchasePercent: 10, welcomeBonus: 0 });
    expect(() => Object.assign(rewards, { joinBonus: 1 })).toThrow();
  });
});
