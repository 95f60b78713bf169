import { describe, expect, it } from "vitest";
import { createConfig } from "../../../src/config.js";
import { creditsForStars } from "../../../src/domain/payments/exchange-rate.js";
import {
  parseCustomStars,
  PaymentsDisabledError,
  quoteTopUp,
  TopUpAmountNotANumberError,
  TopUpAmountTooLargeError,
  TopUpAmountTooSmallError,
} from "../../../src/domain/payments/top-up-amount.js";
import { estimatedGenerations } from "../../../src/domain/ledger/generation-estimate.js";

const settings = createConfig({}).payments;

describe("exchange rate", () => {
  it("gives the advertised credits for every default preset", () => {
    expect(settings.presetStars.map((stars) => creditsForStars(stars, settings.exchangeRate))).toEqual([
      1000, 2000, 3000, 5000, 10_000, 20_000,
    ]);
  });

  it("rounds down to a whole credit (docs/decisions/0002-credits-rounding.md)", () => {
    expect(creditsForStars(100, settings.exchangeRate)).toBe(1428); // 1428.57…
    expect(creditsForStars(71, settings.exchangeRate)).toBe(1014); // 1014.28…
    expect(creditsForStars(1, settings.exchangeRate)).toBe(14); // 14.28…
    expect(creditsForStars(3, { credits: 1, stars: 2 })).toBe(1); // exactly .5 still rounds down
    expect(creditsForStars(10_000, settings.exchangeRate)).toBe(142_857);
  });
});

describe("top-up amounts", () => {
  it("reads digits, tolerating spaces and a trailing star", () => {
    expect(parseCustomStars("100", settings)).toEqual({ stars: 100, credits: 1428 });
    expect(parseCustomStars(" 1 000 ", settings)).toEqual({ stars: 1000, credits: 14_285 });
    expect(parseCustomStars("250⭐", settings).stars).toBe(250);
    expect(parseCustomStars("0070", settings).stars).toBe(70);
  });

  it("refuses anything that is not a whole number of Stars", () => {
    for (const text of ["abc", "-5", "12.5", "1e3", "", "⭐", "70 stars", "٧٠"]) {
      expect(() => parseCustomStars(text, settings), text).toThrow(TopUpAmountNotANumberError);
    }
  });

  it("enforces the custom minimum and maximum", () => {
    expect(() => parseCustomStars("69", settings)).toThrow(TopUpAmountTooSmallError);
    expect(() => parseCustomStars("0", settings)).toThrow(TopUpAmountTooSmallError);
    expect(() => parseCustomStars("10001", settings)).toThrow(TopUpAmountTooLargeError);
    expect(() => parseCustomStars("99999999999999999999999", settings)).toThrow(TopUpAmountTooLargeError);
    expect(parseCustomStars("10000", settings).stars).toBe(10_000);
    try {
      parseCustomStars("5", settings);
    } catch (error) {
      expect((error as TopUpAmountTooSmallError).minStars).toBe(70);
    }
  });

  it("accepts a preset outside the custom bounds, and nothing when payments are off", () => {
    const custom = { ...settings, presetStars: [20], customMinStars: 50 };
    expect(quoteTopUp(20, custom)).toEqual({ stars: 20, credits: 285 });
    expect(() => quoteTopUp(21, custom)).toThrow(TopUpAmountTooSmallError);
    expect(() => quoteTopUp(70, { ...settings, enabled: false })).toThrow(PaymentsDisabledError);
    expect(() => quoteTopUp(Number.NaN, settings)).toThrow(TopUpAmountNotANumberError);
  });

  it("estimates generations by the reference price, rounded down", () => {
    expect(estimatedGenerations(0, settings)).toBe(0);
    expect(estimatedGenerations(99, settings)).toBe(0);
    expect(estimatedGenerations(1000, settings)).toBe(10);
    expect(estimatedGenerations(1099, { referenceGenerationPrice: 100 })).toBe(10);
  });
});
