import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Locale } from "../config.js";
import { escapeHtml } from "./html.js";
import { LOCALES_DIR } from "./translator.js";

export type LegalDocument = "privacy" | "terms";

/** Room under Telegram's 4096-character limit for the text after HTML parsing. */
const MESSAGE_BUDGET = 3900;

/**
 * Loads locales/<locale>/documents/<name>.html and splits it into messages. Blocks are separated by a
 * blank line and never split inside, so tags stay balanced in every message.
 */
export async function loadLegalDocument(
  locale: Locale,
  name: LegalDocument,
  contacts: { support: string; email: string },
): Promise<string[]> {
  const source = await readFile(join(LOCALES_DIR, locale, "documents", `${name}.html`), "utf8");
  const filled = source
    .replaceAll("{support}", escapeHtml(contacts.support))
    .replaceAll("{email}", escapeHtml(contacts.email));
  return packBlocks(filled.split(/\n\s*\n/).map((b) => b.trim()).filter((b) => b !== ""));
}

export function packBlocks(blocks: readonly string[], budget = MESSAGE_BUDGET): string[] {
  const messages: string[] = [];
  let current = "";
  for (const block of blocks) {
    const next = current === "" ? block : `${current}\n\n${block}`;
    if (next.length <= budget) {
      current = next;
      continue;
    }
    if (current !== "") messages.push(current);
    current = block;
  }
  if (current !== "") messages.push(current);
  return messages;
}
