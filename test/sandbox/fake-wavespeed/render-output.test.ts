import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { FAKE_FONT_FILE } from "../../../src/sandbox/fake-wavespeed/font.js";
import { outputSize } from "../../../src/sandbox/fake-wavespeed/output-size.js";
import { renderFakeOutput } from "../../../src/sandbox/fake-wavespeed/render-output.js";
import { countPixels, solidPng } from "../../providers/wavespeed/support.js";

describe("fake output rendering", () => {
  it("renders a PNG of the asked size quickly, whatever the prompt contains", async () => {
    const input = {
      prompt: `<span>unbalanced & "quoted" 'text' \u0007 кириллица ${"long ".repeat(200)}`,
      size: "2048*2048",
      seed: 7,
    };
    const started = performance.now();
    const png = await renderFakeOutput({
      modelId: "bytedance/seedream-v4",
      input,
      size: outputSize(input),
      references: [],
      index: 0,
      count: 1,
      nsfw: false,
    });
    // About 0.1 s on an idle machine; the bound only has to catch a render that stalls on the prompt,
    // and leaves room for a CI machine running several suites at once.
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(await sharp(png).metadata()).toMatchObject({ format: "png", width: 2048, height: 2048 });
  });

  it("is deterministic for the same request and differs for another prompt", async () => {
    const render = (prompt: string) =>
      renderFakeOutput({ modelId: "m", input: { prompt }, size: outputSize({ size: "256*256" }), references: [], index: 0, count: 1, nsfw: false });
    const [a, b, c] = await Promise.all([render("same"), render("same"), render("other")]);
    expect(a?.equals(b ?? Buffer.alloc(0))).toBe(true);
    expect(a?.equals(c ?? Buffer.alloc(0))).toBe(false);
  });

  it("shows every reference image as a thumbnail", async () => {
    const green = { r: 0, g: 255, b: 0 };
    const blue = { r: 0, g: 0, b: 255 };
    const png = await renderFakeOutput({
      modelId: "google/nano-banana/edit",
      input: { prompt: "two refs" },
      size: outputSize({ aspect_ratio: "3:2" }),
      references: [await solidPng(40, 40, green), await solidPng(80, 20, blue)],
      index: 0,
      count: 1,
      nsfw: false,
    });
    expect(await countPixels(png, green)).toBeGreaterThan(1_000);
    expect(await countPixels(png, blue)).toBeGreaterThan(1_000);
  });

  it("draws text with the shipped font on a machine without system fonts", () => {
    // A fontconfig setup that knows no font directories stands in for a bare container.
    const dir = mkdtempSync(join(tmpdir(), "no-fonts-"));
    const config = join(dir, "fonts.conf");
    writeFileSync(config, `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><cachedir>${dir}</cachedir></fontconfig>`);
    const script = `
      import sharp from "sharp";
      const text = (extra) => sharp({ text: { text: "Bananapics WWW", font: "DejaVu Sans 40", dpi: 72, rgba: true, ...extra } })
        .png().toBuffer({ resolveWithObject: true }).then((r) => r.info.width);
      // Without the file first: once a fontfile is loaded, it stays registered for the whole process.
      const none = await text({});
      console.log(JSON.stringify({ none, shipped: await text({ fontfile: process.argv[1] }) }));
    `;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script, FAKE_FONT_FILE], {
      env: { ...process.env, FONTCONFIG_FILE: config },
      encoding: "utf8",
      cwd: process.cwd(),
    });
    expect(child.status, child.stderr).toBe(0);
    const widths = JSON.parse(child.stdout) as { shipped: number; none: number };
    // Without any font Pango draws narrow placeholders; with the shipped file it lays out real glyphs.
    expect(widths.none).toBeLessThan(200);
    expect(widths.shipped).toBeGreaterThan(300);
  });
});
