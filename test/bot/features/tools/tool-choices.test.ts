import { describe, expect, it } from "vitest";
import { decodeChoices, encodeChoices } from "../../../../src/bot/features/tools/tool-choices.js";
import { SEED_TOOLS } from "../../../../src/domain/tools/index.js";

const tool = (key: string) => SEED_TOOLS.find((t) => t.key === key)!;

describe("tool options in callback data", () => {
  it("encodes one digit per offered option, defaults filled in, and decodes back", () => {
    expect(encodeChoices(tool("upscale"), {})).toBe("1");
    expect(encodeChoices(tool("upscale"), { target_resolution: "8k" })).toBe("2");
    expect(encodeChoices(tool("enhance"), { model: "CGI", size: "4096*4096" })).toBe("22");
    expect(encodeChoices(tool("watermark"), {})).toBe("-");
    expect(decodeChoices(tool("enhance"), "22")).toEqual({ model: "CGI", size: "4096*4096" });
    expect(decodeChoices(tool("watermark"), "-")).toEqual({});
  });

  it("refuses codes that do not fit the tool: a stale or forged press", () => {
    expect(decodeChoices(tool("upscale"), "3")).toBeUndefined();
    expect(decodeChoices(tool("upscale"), "11")).toBeUndefined();
    expect(decodeChoices(tool("upscale"), "-")).toBeUndefined();
    expect(decodeChoices(tool("watermark"), "0")).toBeUndefined();
    expect(decodeChoices(tool("restore"), "9")).toBeUndefined();
  });
});
