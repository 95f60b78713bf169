import { createHash } from "node:crypto";
import sharp, { type OverlayOptions } from "sharp";
import { FAKE_FONT_FAMILY, FAKE_FONT_FILE } from "./font.js";
import type { OutputSize } from "./output-size.js";

/** Everything drawn on one fake output image. */
export interface RenderRequest {
  modelId: string;
  input: Record<string, unknown>;
  size: OutputSize;
  /** Decodable image bytes of the edit's reference images, composited as thumbnails. */
  references: Buffer[];
  /** 0-based position among the task's outputs. */
  index: number;
  count: number;
  nsfw: boolean;
}

const MAX_PROMPT_CHARS = 400;
const MAX_PARAM_CHARS = 40;
const NOT_PARAMETERS = new Set(["prompt", "images", "image"]);

/**
 * Renders a real PNG that shows what was asked: a background seeded from the prompt, the prompt, model
 * and parameters as text, and thumbnails of the reference images, so a sandbox user (or a test) can see
 * that the request reached the provider intact.
 */
export async function renderFakeOutput(request: RenderRequest): Promise<Buffer> {
  const { width, height } = request.size;
  const margin = Math.max(4, Math.round(Math.min(width, height) * 0.04));
  const prompt = typeof request.input["prompt"] === "string" ? request.input["prompt"] : "";
  const seed = createHash("sha256").update(`${request.modelId}\n${prompt}\n${request.index}`).digest();

  const thumbs = await thumbnails(request.references, width, height, margin);
  const thumbRowHeight = thumbs.length > 0 ? Math.max(...thumbs.map((t) => t.height)) + margin : 0;
  const maxTextHeight = Math.max(16, height - thumbRowHeight - 4 * margin);
  const text = await renderText(describe(request, prompt), width - 4 * margin, maxTextHeight, width);

  const background = Buffer.from(backgroundSvg(width, height, seed, margin, text.height + 2 * margin));
  const layers: OverlayOptions[] = [{ input: text.data, left: 2 * margin, top: 2 * margin }];
  let left = margin;
  for (const thumb of thumbs) {
    layers.push({ input: thumb.data, left, top: height - margin - thumb.height });
    left += thumb.width + margin;
  }
  return sharp(background).composite(layers).png({ compressionLevel: 3 }).toBuffer();
}

function describe(request: RenderRequest, prompt: string): string {
  const params = Object.entries(request.input)
    .filter(([key]) => !NOT_PARAMETERS.has(key))
    .map(([key, value]) => `${key}=${clip(typeof value === "string" ? value : JSON.stringify(value), MAX_PARAM_CHARS)}`);
  const facts = [request.size.note];
  if (request.count > 1) facts.push(`image ${request.index + 1}/${request.count}`);
  if (request.references.length > 0) facts.push(`${request.references.length} reference image(s)`);
  if (request.nsfw) facts.push("flagged NSFW");
  return [
    `<b>FAKE WAVESPEED · ${escapeMarkup(request.modelId)}</b>`,
    escapeMarkup(clip(prompt, MAX_PROMPT_CHARS)),
    `<span size="smaller">${escapeMarkup([...params, ...facts].join(" · "))}</span>`,
  ].join("\n");
}

/** Pango markup as a transparent PNG of at most `maxHeight` pixels (the font shrinks to fit). */
export async function renderText(
  markup: string,
  width: number,
  maxHeight: number,
  imageWidth: number,
): Promise<{ data: Buffer; height: number }> {
  const fontPx = Math.min(40, Math.max(10, Math.round(imageWidth / 40)));
  const base = {
    text: `<span foreground="#ffffff">${markup}</span>`,
    font: `${FAKE_FONT_FAMILY} ${fontPx}`,
    fontfile: FAKE_FONT_FILE,
    rgba: true,
    width: Math.max(8, width),
    wrap: "word-char" as const,
  };
  // At 72 dpi a Pango point is a pixel, so the font size above is in pixels.
  const first = await sharp({ text: { ...base, dpi: 72 } }).png().toBuffer({ resolveWithObject: true });
  if (first.info.height <= maxHeight) return { data: first.data, height: first.info.height };
  // Too tall for a small image: let libvips pick the font size that fits the box.
  const fitted = await sharp({ text: { ...base, height: maxHeight } }).png().toBuffer({ resolveWithObject: true });
  return { data: fitted.data, height: fitted.info.height };
}

async function thumbnails(
  references: Buffer[],
  width: number,
  height: number,
  margin: number,
): Promise<Array<{ data: Buffer; width: number; height: number }>> {
  if (references.length === 0) return [];
  const border = Math.max(1, Math.round(margin / 4));
  const box = Math.max(
    8,
    Math.min(Math.round(height * 0.3), Math.floor((width - margin * (references.length + 1)) / references.length)) -
      2 * border,
  );
  return Promise.all(
    references.map(async (bytes) => {
      const { data, info } = await sharp(bytes)
        .resize(box, box, { fit: "inside" })
        .extend({ top: border, bottom: border, left: border, right: border, background: "#ffffff" })
        .png()
        .toBuffer({ resolveWithObject: true });
      return { data, width: info.width, height: info.height };
    }),
  );
}

function backgroundSvg(width: number, height: number, seed: Buffer, margin: number, panelHeight: number): string {
  const byte = (i: number): number => seed[i % seed.length] ?? 0;
  // Muted colours only, so a saturated reference thumbnail is never confused with the background.
  const colour = (i: number): string => hslToHex((byte(i) / 255) * 360, 0.35 + (byte(i + 1) / 255) * 0.2, 0.3 + (byte(i + 2) / 255) * 0.25);
  const shapes: string[] = [];
  for (let i = 0; i < 6; i++) {
    const cx = Math.round((byte(6 + i * 4) / 255) * width);
    const cy = Math.round((byte(7 + i * 4) / 255) * height);
    const r = Math.round((0.1 + (byte(8 + i * 4) / 255) * 0.3) * Math.min(width, height));
    shapes.push(`<circle cx="${cx}" cy="${cy}" r="${r}" fill="${colour(9 + i * 4)}" fill-opacity="0.45"/>`);
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">`,
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">`,
    `<stop offset="0" stop-color="${colour(0)}"/><stop offset="1" stop-color="${colour(3)}"/>`,
    `</linearGradient></defs>`,
    `<rect width="${width}" height="${height}" fill="url(#g)"/>`,
    ...shapes,
    `<rect x="${margin}" y="${margin}" width="${width - 2 * margin}" height="${Math.min(panelHeight, height - 2 * margin)}"`,
    ` rx="${margin / 2}" fill="#000000" fill-opacity="0.5"/>`,
    `</svg>`,
  ].join("");
}

function hslToHex(hue: number, saturation: number, lightness: number): string {
  const a = saturation * Math.min(lightness, 1 - lightness);
  const channel = (n: number): string => {
    const k = (n + hue / 30) % 12;
    const value = lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, "0");
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

/** Pango markup is XML: user text must not open tags or carry control characters XML forbids. */
export function escapeMarkup(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex -- removing exactly these characters is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
