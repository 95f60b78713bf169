/** Pixel size of a fake output and a note on how it relates to what was asked. */
export interface OutputSize {
  width: number;
  height: number;
  /** Printed on the image next to the inputs, e.g. "rendered 2048×2048 (asked 4096×4096)". */
  note: string;
}

const DEFAULT_LONG_SIDE = 1024;
// Real outputs reach 4K; the fake caps each side so that rendering stays fast.
const MAX_SIDE = 2048;
const MIN_SIDE = 64;

/**
 * Chooses the fake output's dimensions from the model inputs: `size` ("W*H") wins, then `aspect_ratio`
 * ("16:9" → 1024×576), else a 1024 square. `resolution` (1k/2k/4k) is not rendered: the image prints
 * the inputs, which shows it.
 */
export function outputSize(input: Record<string, unknown>): OutputSize {
  let width = DEFAULT_LONG_SIDE;
  let height = DEFAULT_LONG_SIDE;

  const size = typeof input["size"] === "string" ? /^\s*(\d+)\s*[*x×]\s*(\d+)\s*$/i.exec(input["size"]) : null;
  const ratio =
    typeof input["aspect_ratio"] === "string"
      ? /^\s*(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\s*$/.exec(input["aspect_ratio"])
      : null;

  if (size) {
    width = Number(size[1]);
    height = Number(size[2]);
  } else if (ratio && Number(ratio[1]) > 0 && Number(ratio[2]) > 0) {
    const w = Number(ratio[1]);
    const h = Number(ratio[2]);
    width = w >= h ? DEFAULT_LONG_SIDE : Math.round((DEFAULT_LONG_SIDE * w) / h);
    height = w >= h ? Math.round((DEFAULT_LONG_SIDE * h) / w) : DEFAULT_LONG_SIDE;
  }

  const asked = `${width}×${height}`;
  const scale = Math.min(1, MAX_SIDE / Math.max(width, height, 1));
  width = Math.max(MIN_SIDE, Math.round(width * scale));
  height = Math.max(MIN_SIDE, Math.round(height * scale));
  const rendered = `${width}×${height}`;
  return { width, height, note: rendered === asked ? `rendered ${rendered}` : `rendered ${rendered} (asked ${asked})` };
}
