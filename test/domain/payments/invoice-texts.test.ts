import { describe, expect, it } from "vitest";
import { createConfig, LOCALES } from "../../../src/config.js";
import { creditsForStars } from "../../../src/domain/payments/exchange-rate.js";
import { creditsText, type Translate } from "../../../src/domain/payments/payment-notices.js";
import { createI18n, translatorFrom } from "../../../src/i18n/translator.js";

const translator = translatorFrom(createI18n("en", () => undefined));
const payments = createConfig({}).payments;

describe("invoice texts fit Telegram's limits in every language", () => {
  // The largest default amounts give the longest numbers.
  const amounts = [...payments.presetStars, payments.customMinStars, payments.customMaxStars, 999_999];
  for (const locale of LOCALES) {
    it(locale, () => {
      const t: Translate = (key, vars) => translator.t(locale, key, vars);
      for (const stars of amounts) {
        const credits = creditsText(t, creditsForStars(stars, payments.exchangeRate));
        const title = t("topup-invoice-title", { credits });
        const description = t("topup-invoice-description", { credits });
        expect(Array.from(title).length, title).toBeLessThanOrEqual(32);
        expect(Array.from(description).length, description).toBeLessThanOrEqual(255);
        expect(title).not.toMatch(/[<>&]/);
      }
    });
  }

  it("uses the language's plural forms for credits", () => {
    const ru: Translate = (key, vars) => translator.t("ru", key, vars);
    const en: Translate = (key, vars) => translator.t("en", key, vars);
    // Grouping uses a no-break space in Russian; compare with plain spaces.
    expect([1, 2, 5, 21, 1000].map((n) => creditsText(ru, n).replace(/\s/g, " "))).toEqual(["1 кредит", "2 кредита", "5 кредитов", "21 кредит", "1 000 кредитов"]);
    expect([1, 2, 1000].map((n) => creditsText(en, n))).toEqual(["1 credit", "2 credits", "1,000 credits"]);
  });
});
