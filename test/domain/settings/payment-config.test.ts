import { describe, expect, it } from "vitest";
import { createConfig } from "../../../src/config.js";
import { staticSettings } from "../../../src/domain/settings/business-settings.js";
import { problemsOf } from "../../support/config-problems.js";

describe("payment configuration", () => {
  it("has the documented defaults", () => {
    expect(createConfig({}).payments).toEqual({
      enabled: true,
      presetStars: [70, 140, 210, 350, 700, 1400],
      exchangeRate: { credits: 1000, stars: 70 },
      customMinStars: 70,
      customMaxStars: 10_000,
      orderTtlSeconds: 24 * 3600,
      referenceGenerationPrice: 100,
    });
  });

  it("reads every variable, and presets come out distinct and ascending", () => {
    const payments = createConfig({
      PAYMENTS_ENABLED: "0",
      TOPUP_PRESETS_STARS: "500, 100,100,250",
      EXCHANGE_RATE_CREDITS: "3",
      EXCHANGE_RATE_STARS: "2",
      TOPUP_CUSTOM_MIN_STARS: "5",
      TOPUP_CUSTOM_MAX_STARS: "50",
      TOPUP_ORDER_TTL_HOURS: "2",
      REFERENCE_GENERATION_PRICE: "7",
    }).payments;
    expect(payments).toEqual({
      enabled: false,
      presetStars: [100, 250, 500],
      exchangeRate: { credits: 3, stars: 2 },
      customMinStars: 5,
      customMaxStars: 50,
      orderTtlSeconds: 7200,
      referenceGenerationPrice: 7,
    });
  });

  it("names the variable of every problem", () => {
    expect(problemsOf({ TOPUP_PRESETS_STARS: "70,abc" })).toEqual(['TOPUP_PRESETS_STARS: "abc" is not a positive whole number of Stars']);
    expect(problemsOf({ TOPUP_PRESETS_STARS: "0" })[0]).toMatch(/^TOPUP_PRESETS_STARS: /);
    expect(problemsOf({ TOPUP_PRESETS_STARS: Array.from({ length: 13 }, (_, i) => i + 1).join(",") })[0]).toMatch(/^TOPUP_PRESETS_STARS: must list 1 to 12/);
    expect(problemsOf({ TOPUP_CUSTOM_MIN_STARS: "100", TOPUP_CUSTOM_MAX_STARS: "99" })).toEqual([
      "TOPUP_CUSTOM_MIN_STARS: must not exceed TOPUP_CUSTOM_MAX_STARS",
    ]);
    expect(problemsOf({ EXCHANGE_RATE_CREDITS: "1", EXCHANGE_RATE_STARS: "100" })[0]).toMatch(/^EXCHANGE_RATE_CREDITS: 70 Stars/);
    expect(problemsOf({ EXCHANGE_RATE_STARS: "0" })[0]).toMatch(/^EXCHANGE_RATE_STARS: /);
    expect(problemsOf({ REFERENCE_GENERATION_PRICE: "-1" })[0]).toMatch(/^REFERENCE_GENERATION_PRICE: /);
    expect(problemsOf({ PAYMENTS_ENABLED: "maybe" })[0]).toMatch(/^PAYMENTS_ENABLED: /);
  });

  it("static settings hand out the configured values and cannot be changed by a reader", () => {
    const config = createConfig({});
    const settings = staticSettings(config.payments, config.referrals);
    const payments = settings.payments();
    expect(payments.presetStars).toEqual([70, 140, 210, 350, 700, 1400]);
    expect(() => (payments.presetStars as number[]).push(1)).toThrow();
    expect(settings.payments()).toBe(payments);
  });
});
