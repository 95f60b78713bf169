import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES } from "../../../src/config.js";
import { createI18n, LOCALES_DIR, translatorFrom } from "../../../src/i18n/translator.js";
import { formatPattern, parseMessages } from "../../../web/miniapp/src/i18n/fluent-lite.js";

const translator = translatorFrom(createI18n("en", () => undefined));
const source = (locale: string) => readFileSync(join(LOCALES_DIR, locale, "miniapp.ftl"), "utf8");
/** Numbers that land in every plural category of uz, ru and en, and thousands separators. */
const COUNTS = [0, 1, 2, 4, 5, 11, 21, 22, 25, 101, 1250, 1_000_000];

describe("the Mini App's texts (locales/*/miniapp.ftl in the browser)", () => {
  for (const locale of LOCALES) {
    it(`${locale}: the browser's Fluent subset formats every message exactly as Fluent does`, () => {
      const messages = parseMessages(source(locale));
      expect(messages.size).toBeGreaterThan(50);
      for (const [id, pattern] of messages) {
        const variables = [...source(locale).matchAll(/\$([a-zA-Z][a-zA-Z0-9_-]*)/g)].map((m) => m[1] ?? "");
        for (const count of COUNTS) {
          const values = Object.fromEntries(variables.map((name) => [name, name === "name" || name === "bot" || name === "credits" ? "Nano Banana 2" : count]));
          expect(formatPattern(pattern, locale, values), `${locale}/${id} with ${count}`).toBe(translator.t(locale, id, values));
        }
      }
    });
  }

  it("the subset refuses Fluent it does not implement, instead of showing it wrong", () => {
    expect(() => parseMessages("a = { -brand }\n")).toThrow(/unsupported placeable/);
    expect(() => parseMessages("a = { NUMBER($n) }\n")).toThrow(/unsupported placeable/);
    expect(() => parseMessages("a = { $n ->\n    [one] x\n    [other] y\n    }\n")).toThrow(/no default variant/);
    expect(() => parseMessages("a = text\n    .title = attribute\n")).toThrow(/unsupported line/);
  });

  it("formats multi-line messages and selectors like Fluent", () => {
    const ftl = "multi =\n    first line\n\n      indented\n    last { $n }\ninline = { $n ->\n    [0] none\n    [one] one { $n }\n   *[other] { $n } many\n    }\n";
    const messages = parseMessages(ftl);
    expect(formatPattern(messages.get("multi") ?? [], "en", { n: 3 })).toBe("first line\n\n  indented\nlast 3");
    expect([0, 1, 7].map((n) => formatPattern(messages.get("inline") ?? [], "en", { n }))).toEqual(["none", "one 1", "7 many"]);
  });
});
