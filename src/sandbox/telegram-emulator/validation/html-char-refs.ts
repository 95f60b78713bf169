/** A decoded character reference and the index just after it. */
export interface DecodedCharRef {
  codePoint: number;
  next: number;
}

const NAMED: Record<string, number> = { lt: 0x3c, gt: 0x3e, amp: 0x26, quot: 0x22 };

/**
 * Decodes `&lt;`, `&gt;`, `&amp;`, `&quot;`, `&#123;` and `&#x1F600;` at `pos` the way TDLib does:
 * the trailing semicolon is optional, and anything else (e.g. `&nbsp;` or a lone `&`) is not a
 * reference at all and stays literal text, so undefined is returned.
 */
export function decodeCharRef(text: string, pos: number): DecodedCharRef | undefined {
  if (text[pos] !== "&") return undefined;
  let end = pos + 1;
  let codePoint = 0;
  if (text[end] === "#") {
    end += 1;
    const hex = text[end] === "x";
    if (hex) end += 1;
    const digits = hex ? /[0-9a-fA-F]/ : /[0-9]/;
    const start = end;
    while (end < text.length && digits.test(text[end] ?? "")) end += 1;
    codePoint = end > start ? Number.parseInt(text.slice(start, end), hex ? 16 : 10) : 0;
    if (codePoint === 0 || codePoint >= 0x10ffff || end - pos >= 10) return undefined;
  } else {
    while (end < text.length && /[a-zA-Z]/.test(text[end] ?? "")) end += 1;
    const named = NAMED[text.slice(pos + 1, end)];
    if (named === undefined) return undefined;
    codePoint = named;
  }
  return { codePoint, next: text[end] === ";" ? end + 1 : end };
}
