import { describe, expect, it } from "vitest";
import { outputSize } from "../../../src/sandbox/fake-wavespeed/output-size.js";

describe("fake output size", () => {
  it.each([
    [{ aspect_ratio: "16:9" }, 1024, 576],
    [{ aspect_ratio: "9:16" }, 576, 1024],
    [{ aspect_ratio: "21:9" }, 1024, 439],
    [{ aspect_ratio: "1:1", resolution: "4k" }, 1024, 1024],
    [{ size: "1536*1024" }, 1536, 1024],
    [{ size: "1280x720" }, 1280, 720],
    [{ size: "4096*2048" }, 2048, 1024],
    [{ size: "auto" }, 1024, 1024],
    [{ size: "1024*1536", aspect_ratio: "16:9" }, 1024, 1536],
    [{}, 1024, 1024],
    [{ aspect_ratio: "banana" }, 1024, 1024],
  ])("%j → %i×%i", (input, width, height) => {
    expect(outputSize(input)).toMatchObject({ width, height });
  });

  it("notes when the requested size was scaled down", () => {
    expect(outputSize({ size: "4096*4096" }).note).toBe("rendered 2048×2048 (asked 4096×4096)");
    expect(outputSize({ aspect_ratio: "4:3" }).note).toBe("rendered 1024×768");
  });
});
