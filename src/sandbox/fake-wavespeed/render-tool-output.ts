import sharp from "sharp";
import type { ToolEffect } from "./model-catalog.js";
import type { OutputSize } from "./output-size.js";
import { escapeMarkup, renderText } from "./render-output.js";

/** One image tool run as the fake performs it. */
export interface ToolRenderRequest {
  modelId: string;
  effect: ToolEffect;
  input: Record<string, unknown>;
  /** The bytes of the input `image`. */
  source: Buffer;
}

/** Real outputs reach 8K; the fake renders a quarter of the asked size, so a test stays fast. */
const SCALE_DOWN = 4;
const UPSCALE_LONG_SIDE: Readonly<Record<string, number>> = { "2k": 2048, "4k": 4096, "8k": 8192 };
const DENOISE_WINDOW: Readonly<Record<string, number>> = { Normal: 3, Strong: 5, Extreme: 7 };
/** Tools that keep the size still render at least this much, so the label on the image can be read. */
const MIN_LONG_SIDE = 256;
const MAX_LONG_SIDE = 2048;

/**
 * Renders a tool's result from the user's own image: the input visibly processed the way the tool
 * would (upscaled and sharpened, smoothed, contrast-stretched and warmed, with more colour) at the size
 * the inputs ask for (scaled down), and a label naming the model, the options and the size, so a test
 * or a sandbox user can see the request arrived intact and the picture is really theirs.
 */
export async function renderToolOutput(request: ToolRenderRequest): Promise<{ image: Buffer; size: OutputSize }> {
  const meta = await sharp(request.source).metadata();
  const sourceWidth = meta.width ?? MIN_LONG_SIDE;
  const sourceHeight = meta.height ?? MIN_LONG_SIDE;
  const size = toolOutputSize(request.effect, request.input, sourceWidth, sourceHeight);

  let image = sharp(request.source).removeAlpha().resize(size.width, size.height, { fit: "fill", kernel: "lanczos3" });
  switch (request.effect) {
    case "watermark":
      image = image.median(3).modulate({ brightness: 1.05 });
      break;
    case "upscale":
      image = image.sharpen({ sigma: 1.5 });
      break;
    case "denoise":
      image = image.median(DENOISE_WINDOW[String(request.input["model"])] ?? 3);
      break;
    case "restore":
      image = image.normalise().tint({ r: 255, g: 236, b: 200 });
      break;
    case "enhance":
      image = image.sharpen({ sigma: 2 }).modulate({ saturation: 1.4 });
      break;
  }
  const processed = await image.png().toBuffer();

  const margin = Math.max(4, Math.round(Math.min(size.width, size.height) * 0.03));
  const options = Object.entries(request.input)
    .filter(([key]) => key !== "image")
    .map(([key, value]) => `${key}=${String(value)}`);
  const markup = [`<b>FAKE WAVESPEED · ${escapeMarkup(request.modelId)}</b>`, escapeMarkup([...options, size.note].join(" · "))].join("\n");
  const text = await renderText(markup, size.width - 4 * margin, Math.max(16, Math.round(size.height * 0.35)), size.width);
  const bandHeight = Math.min(size.height, text.height + 2 * margin);
  const band = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${bandHeight}"><rect width="100%" height="100%" fill="#000000" fill-opacity="0.55"/></svg>`,
  );
  const composed = await sharp(processed)
    .composite([
      { input: band, left: 0, top: size.height - bandHeight },
      { input: text.data, left: 2 * margin, top: Math.max(0, size.height - bandHeight + margin) },
    ])
    .png({ compressionLevel: 3 })
    .toBuffer();
  return { image: composed, size };
}

/**
 * The output size: the upscaler's target resolution on the long side, the input fitted into Enhance's
 * `size`, else the input's own size (at least {@link MIN_LONG_SIDE}); then scaled down for speed, noted
 * on the image.
 */
export function toolOutputSize(effect: ToolEffect, input: Record<string, unknown>, width: number, height: number): OutputSize {
  let askedWidth = width;
  let askedHeight = height;
  let scale = 1;
  const longSide = Math.max(width, height, 1);
  const target = effect === "upscale" ? UPSCALE_LONG_SIDE[String(input["target_resolution"] ?? "4k")] : undefined;
  const sized = effect === "enhance" && typeof input["size"] === "string" ? /^(\d+)\*(\d+)$/.exec(input["size"]) : null;
  if (target !== undefined) {
    askedWidth = Math.round((width * target) / longSide);
    askedHeight = Math.round((height * target) / longSide);
    scale = 1 / SCALE_DOWN;
  } else if (sized) {
    // The picture keeps its shape inside the asked box, as an enhancer (not a crop) would.
    const fit = Math.min(Number(sized[1]) / width, Number(sized[2]) / height);
    askedWidth = Math.round(width * fit);
    askedHeight = Math.round(height * fit);
    scale = 1 / SCALE_DOWN;
  } else {
    scale = Math.min(MAX_LONG_SIDE, Math.max(MIN_LONG_SIDE, longSide)) / longSide;
  }
  const out = {
    width: Math.max(16, Math.round(askedWidth * scale)),
    height: Math.max(16, Math.round(askedHeight * scale)),
  };
  const asked = `${askedWidth}×${askedHeight}`;
  const rendered = `${out.width}×${out.height}`;
  return { ...out, note: rendered === asked ? `rendered ${rendered}` : `rendered ${rendered} (asked ${asked})` };
}
