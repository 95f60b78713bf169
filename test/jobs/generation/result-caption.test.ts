import { describe, expect, it } from "vitest";
import { createI18n, translatorFrom } from "../../../src/i18n/translator.js";
import { CAPTION_LIMIT, cutText, modelHashtag, resultCaption } from "../../../src/domain/generation/result-caption.js";
import { plainText } from "../../support/plain-text.js";

const translator = translatorFrom(createI18n("en", () => undefined));
const t = (key: string, vars?: Parameters<typeof translator.t>[2]) => translator.t("en", key, vars);

describe("result caption", () => {
  it.each([
    ["Nano Banana Pro", "NanoBananaPro"],
    ["Seedream v4.5", "SeedreamV45"],
    ["GPT Image 1.5", "GPTImage15"],
    ["qwen-image edit+", "QwenImageEdit"],
  ])("hashtag of %s is %s", (name, hashtag) => {
    expect(modelHashtag(name)).toBe(hashtag);
  });

  it("keeps a short prompt whole and escapes it", () => {
    const caption = resultCaption(t, "Nano Banana", "cats & <dogs>");
    expect(caption).toContain("cats &amp; &lt;dogs&gt;");
    expect(plainText(caption)).toContain("#NanoBanana");
    expect(plainText(caption)).toContain("cats & <dogs>");
  });

  it("cuts a long prompt before escaping, so the visible caption is at most 1024 characters", () => {
    const prompt = "&<>\"".repeat(600);
    const caption = resultCaption(t, "Nano Banana Pro", prompt);
    const visible = plainText(caption);
    expect(visible.length).toBeLessThanOrEqual(CAPTION_LIMIT);
    expect(visible.length).toBeGreaterThanOrEqual(CAPTION_LIMIT - 1);
    expect(visible).toMatch(/…$/);
    // No escape sequence was cut in half.
    expect(caption).not.toMatch(/&(a|am|l|g|q|qu|quo)?…/);
  });

  it("never splits a surrogate pair", () => {
    const cut = cutText("🍌".repeat(10), 6);
    expect(cut).toBe("🍌🍌…");
    expect(cut.length).toBeLessThanOrEqual(6);
    expect(cutText("short", 10)).toBe("short");
  });
});
