/** Text already in Telegram HTML, to be inserted into a message as is. */
export class SafeHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

/** Marks a string as trusted Telegram HTML; only for markup we built ourselves. */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** Escapes user-provided text for Telegram's HTML parse mode. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c] ?? c);
}
