import { describe, expect, it } from "vitest";
import { createConfig } from "../../../src/config.js";
import { problemsOf } from "../../support/config-problems.js";

describe("pricing configuration", () => {
  it("defaults to 1000 credits per USD, no percentage and 40 credits flat", () => {
    expect(createConfig({}).pricing).toEqual({ creditsPerUsd: 1000, markupPercent: 0, markupCredits: 40 });
  });

  it("reads the three variables, empty meaning the default", () => {
    expect(
      createConfig({ PRICE_CREDITS_PER_USD: "2000", PRICE_MARKUP_PERCENT: "15", PRICE_MARKUP_CREDITS: "" }).pricing,
    ).toEqual({ creditsPerUsd: 2000, markupPercent: 15, markupCredits: 40 });
  });

  it("names each bad variable", () => {
    const problems = problemsOf({ PRICE_CREDITS_PER_USD: "0", PRICE_MARKUP_PERCENT: "2.5", PRICE_MARKUP_CREDITS: "-1" });
    expect(problems).toHaveLength(3);
    expect(problems.some((p) => p.startsWith("PRICE_CREDITS_PER_USD:"))).toBe(true);
    expect(problems.some((p) => p.startsWith("PRICE_MARKUP_PERCENT:"))).toBe(true);
    expect(problems.some((p) => p.startsWith("PRICE_MARKUP_CREDITS:"))).toBe(true);
    expect(problemsOf({ PRICE_MARKUP_PERCENT: "abc" })[0]).toMatch(/^PRICE_MARKUP_PERCENT:/);
  });
});
