import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES } from "../../src/config.js";
import { LOCALES_DIR } from "../../src/i18n/translator.js";
import { parseFtl } from "./parse-ftl.js";

function messagesOf(locale: string): Map<string, string> {
  const dir = join(LOCALES_DIR, locale);
  const all = new Map<string, string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ftl")).sort()) {
    for (const [id, text] of parseFtl(readFileSync(join(dir, file), "utf8"))) {
      expect(all.has(id), `${locale}: message "${id}" is defined twice`).toBe(false);
      all.set(id, text);
    }
  }
  return all;
}

const placeholders = (text: string) => [...text.matchAll(/\{\s*\$([A-Za-z0-9_-]+)\s*\}/g)].map((m) => m[1]).sort();
const tags = (text: string) => [...text.matchAll(/<\/?([a-z-]+)/g)].map((m) => m[1]).sort();

describe("locales", () => {
  const reference = messagesOf("en");

  it("has messages", () => {
    expect(reference.size).toBeGreaterThan(30);
  });

  for (const locale of LOCALES.filter((l) => l !== "en")) {
    it(`${locale} has exactly the message ids of en`, () => {
      const messages = messagesOf(locale);
      expect([...messages.keys()].sort()).toEqual([...reference.keys()].sort());
    });

    it(`${locale} uses the same placeholders and HTML tags as en in every message`, () => {
      const messages = messagesOf(locale);
      for (const [id, text] of reference) {
        const translated = messages.get(id) ?? "";
        expect(placeholders(translated), `${locale}/${id} placeholders`).toEqual(placeholders(text));
        expect(tags(translated), `${locale}/${id} tags`).toEqual(tags(text));
      }
    });
  }

  it("the checker itself notices a missing id and a renamed placeholder", () => {
    const a = parseFtl("one = Hello { $name }\ntwo = Bye\n");
    const b = parseFtl("one = Salom { $nom }\n");
    expect([...b.keys()]).not.toEqual([...a.keys()]);
    expect(placeholders(b.get("one") ?? "")).not.toEqual(placeholders(a.get("one") ?? ""));
  });
});

describe("legal documents", () => {
  const blocksOf = (locale: string, name: string) =>
    readFileSync(join(LOCALES_DIR, locale, "documents", `${name}.html`), "utf8")
      .split(/\n\s*\n/)
      .filter((b) => b.trim() !== "");

  for (const name of ["privacy", "terms"]) {
    it(`${name} has the same number of blocks and the same placeholders in every language`, () => {
      const en = blocksOf("en", name);
      for (const locale of LOCALES) {
        const blocks = blocksOf(locale, name);
        expect(blocks.length, `${locale}/${name}`).toBe(en.length);
        const holders = (bs: string[]) => [...bs.join("\n").matchAll(/\{(support|email)\}/g)].map((m) => m[1]).sort();
        expect(holders(blocks)).toEqual(holders(en));
      }
    });
  }
});
