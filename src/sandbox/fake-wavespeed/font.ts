import { access } from "node:fs/promises";
import { fileURLToPath } from "node:url";

/** Pango family name of the shipped font. */
export const FAKE_FONT_FAMILY = "DejaVu Sans";

/**
 * Path of the font shipped in `assets/fonts/`, so text renders the same on a machine without system
 * fonts. Resolved from this module, which sits three levels below the repository root both in `src/`
 * and in the compiled `dist/`.
 */
export const FAKE_FONT_FILE = fileURLToPath(new URL("../../../assets/fonts/DejaVuSans.ttf", import.meta.url));

/** Fails fast at start-up, rather than at the first render, when the font is not deployed with the code. */
export async function assertFontPresent(): Promise<void> {
  try {
    await access(FAKE_FONT_FILE);
  } catch {
    throw new Error(`fake-wavespeed: font not found at ${FAKE_FONT_FILE}; deploy assets/fonts with the code`);
  }
}
