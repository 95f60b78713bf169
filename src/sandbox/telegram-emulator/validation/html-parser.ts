import type { MessageEntity } from "grammy/types";
import { decodeCharRef } from "./html-char-refs.js";

/** Plain text and entities (offsets in UTF-16 code units), as Telegram stores a message parsed with parse_mode HTML. */
export interface ParsedHtml {
  text: string;
  entities: MessageEntity[];
}

/** A parse failure; the message is TDLib's, which the Bot API prefixes with "can't parse entities: ". */
export class HtmlParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HtmlParseError";
  }
}

const SUPPORTED_TAGS = new Set([
  "a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins",
  "tg-spoiler", "tg-emoji", "span", "pre", "code", "blockquote",
]);

/** Sort order of entities starting at the same offset with the same length, from TDLib's type priorities. */
const TYPE_PRIORITY: Record<string, number> = {
  blockquote: 0, expandable_blockquote: 0, pre: 11, code: 20, text_link: 49, text_mention: 49,
  bold: 90, italic: 91, underline: 92, strikethrough: 93, spoiler: 94, custom_emoji: 99,
};

const SIMPLE_TAG_TYPES: Record<string, MessageEntity.CommonMessageEntity["type"]> = {
  b: "bold", strong: "bold", i: "italic", em: "italic", u: "underline", ins: "underline",
  s: "strikethrough", strike: "strikethrough", del: "strikethrough", "tg-spoiler": "spoiler",
};

interface OpenTag {
  name: string;
  argument: string;
  offset: number;
}

/** An entity while parsing; `argument` holds a code block's language until the enclosing pre claims it. */
interface DraftEntity {
  type: MessageEntity["type"];
  offset: number;
  length: number;
  argument: string;
}

/** TDLib's is_space; the end of the text counts as a space because TDLib reads the terminating NUL. */
function isSpace(ch: string | undefined): boolean {
  return ch === undefined || ch === " " || ch === "\t" || ch === "\r" || ch === "\n" || ch === "\v" || ch === "\f";
}

function byteOffset(text: string, index: number): number {
  return Buffer.byteLength(text.slice(0, index), "utf8");
}

/**
 * Telegram's HTML subset, following TDLib's parse_html: supported tags, attribute handling, the error
 * messages with UTF-8 byte offsets, and which mistakes are tolerated (a lone `&` stays text, `</>`
 * closes the innermost tag).
 */
export function parseTelegramHtml(html: string): ParsedHtml {
  let out = "";
  let decodedSurrogate = false;
  const drafts: DraftEntity[] = [];
  const open: OpenTag[] = [];

  for (let i = 0; i < html.length; i++) {
    const ch = html[i];
    if (ch === "&") {
      const ref = decodeCharRef(html, i);
      if (ref !== undefined) {
        if (ref.codePoint >= 0xd800 && ref.codePoint <= 0xdfff) decodedSurrogate = true;
        out += String.fromCodePoint(ref.codePoint);
        i = ref.next - 1;
        continue;
      }
    }
    if (ch !== "<") {
      out += ch;
      continue;
    }

    const begin = i++;
    if (html[i] !== "/") {
      while (!isSpace(html[i]) && html[i] !== ">") i++;
      if (i >= html.length) throw new HtmlParseError(`Unclosed start tag at byte offset ${byteOffset(html, begin)}`);
      const tag = html.slice(begin + 1, i).toLowerCase();
      if (!SUPPORTED_TAGS.has(tag)) {
        throw new HtmlParseError(`Unsupported start tag "${tag}" at byte offset ${byteOffset(html, begin)}`);
      }
      const parsed = parseAttributes(html, i, tag, begin);
      i = parsed.end;
      if (tag === "span" && parsed.argument !== "spoiler") {
        throw new HtmlParseError(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(html, begin)}`);
      }
      open.push({ name: tag, argument: parsed.argument, offset: out.length });
      continue;
    }

    const top = open.pop();
    if (top === undefined) throw new HtmlParseError(`Unexpected end tag at byte offset ${byteOffset(html, begin)}`);
    while (!isSpace(html[i]) && html[i] !== ">") i++;
    const endTag = html.slice(begin + 2, i).toLowerCase();
    while (i < html.length && isSpace(html[i])) i++;
    if (html[i] !== ">") throw new HtmlParseError(`Unclosed end tag at byte offset ${byteOffset(html, begin)}`);
    if (endTag !== "" && endTag !== top.name) {
      throw new HtmlParseError(
        `Unmatched end tag at byte offset ${byteOffset(html, begin)}, expected "</${top.name}>", found "</${endTag}>"`,
      );
    }
    if (out.length > top.offset) closeEntity(drafts, top, out);
  }

  const unclosed = open.at(-1);
  if (unclosed !== undefined) throw new HtmlParseError(`Can't find end tag corresponding to start tag ${unclosed.name}`);
  if (decodedSurrogate && /[\ud800-\udfff]/.test(out.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ""))) {
    throw new HtmlParseError(
      "Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units",
    );
  }
  return { text: out, entities: sortEntities(drafts.map(toMessageEntity)) };
}

function parseAttributes(html: string, start: number, tag: string, begin: number): { end: number; argument: string } {
  let i = start;
  let argument = "";
  const at = () => byteOffset(html, begin);
  while (html[i] !== ">") {
    while (i < html.length && isSpace(html[i])) i++;
    if (html[i] === ">") break;
    const nameStart = i;
    while (!isSpace(html[i]) && html[i] !== "=" && html[i] !== ">") i++;
    const name = html.slice(nameStart, i);
    if (name === "") throw new HtmlParseError(`Empty attribute name in the tag "${tag}" at byte offset ${at()}`);
    while (i < html.length && isSpace(html[i])) i++;
    if (html[i] !== "=") {
      if (tag === "blockquote" && name.toLowerCase() === "expandable") {
        argument = "expandable";
        continue;
      }
      throw new HtmlParseError(`Expected equal sign in declaration of an attribute of the tag "${tag}" at byte offset ${at()}`);
    }
    i++;
    while (i < html.length && isSpace(html[i])) i++;
    if (i >= html.length) throw new HtmlParseError(`Unclosed start tag "${tag}" at byte offset ${at()}`);

    let value = "";
    const quote = html[i];
    if (quote !== "'" && quote !== '"') {
      const tokenStart = i;
      while (i < html.length && /[a-zA-Z0-9.-]/.test(html[i] ?? "")) i++;
      value = html.slice(tokenStart, i).toLowerCase();
      if (!isSpace(html[i]) && html[i] !== ">") {
        throw new HtmlParseError(`Unexpected end of name token at byte offset ${byteOffset(html, tokenStart)}`);
      }
    } else {
      i++;
      while (i < html.length && html[i] !== quote) {
        const ref = html[i] === "&" ? decodeCharRef(html, i) : undefined;
        if (ref !== undefined) {
          value += String.fromCodePoint(ref.codePoint);
          i = ref.next;
        } else {
          value += html[i];
          i++;
        }
      }
      if (html[i] === quote) i++;
    }
    if (i >= html.length) throw new HtmlParseError(`Unclosed start tag at byte offset ${at()}`);

    const attribute = name.toLowerCase();
    if (tag === "a" && attribute === "href") argument = value;
    else if (tag === "code" && attribute === "class" && value.startsWith("language-")) argument = value.slice(9);
    else if (tag === "span" && attribute === "class" && value.startsWith("tg-")) argument = value.slice(3);
    else if (tag === "tg-emoji" && attribute === "emoji-id") argument = value;
  }
  return { end: i, argument };
}

function closeEntity(drafts: DraftEntity[], tag: OpenTag, out: string): void {
  const offset = tag.offset;
  const length = out.length - offset;
  const simple = SIMPLE_TAG_TYPES[tag.name];
  if (simple !== undefined || tag.name === "span") {
    drafts.push({ type: simple ?? "spoiler", offset, length, argument: "" });
    return;
  }
  const last = drafts.at(-1);
  const sameRange = last !== undefined && last.offset === offset && last.length === length;
  switch (tag.name) {
    case "tg-emoji":
      if (!/^\d+$/.test(tag.argument) || /^0+$/.test(tag.argument)) {
        throw new HtmlParseError("Invalid custom emoji identifier specified");
      }
      drafts.push({ type: "custom_emoji", offset, length, argument: tag.argument });
      return;
    case "a": {
      const url = checkedLink(tag.argument === "" ? out.slice(offset) : tag.argument);
      if (url !== undefined) drafts.push({ type: "text_link", offset, length, argument: url });
      return;
    }
    case "pre":
      if (sameRange && last.type === "code" && last.argument !== "") last.type = "pre";
      else drafts.push({ type: "pre", offset, length, argument: "" });
      return;
    case "code":
      if (sameRange && last.type === "pre" && tag.argument !== "") last.argument = tag.argument;
      else drafts.push({ type: "code", offset, length, argument: tag.argument });
      return;
    case "blockquote":
      drafts.push({
        type: tag.argument === "expandable" ? "expandable_blockquote" : "blockquote",
        offset,
        length,
        argument: "",
      });
      return;
  }
}

function toMessageEntity(draft: DraftEntity): MessageEntity {
  const { offset, length, argument } = draft;
  switch (draft.type) {
    case "pre":
      return argument === "" ? { type: "pre", offset, length } : { type: "pre", offset, length, language: argument };
    case "text_link":
      return { type: "text_link", offset, length, url: argument };
    case "custom_emoji":
      return { type: "custom_emoji", offset, length, custom_emoji_id: argument };
    default:
      return { type: draft.type as MessageEntity.CommonMessageEntity["type"], offset, length };
  }
}

/** A rough TDLib get_checked_link: http(s) URLs are normalized, scheme-less ones get http://, tg: stays. */
function checkedLink(raw: string): string | undefined {
  const link = raw.trim();
  if (link === "") return undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(link)?.[1]?.toLowerCase();
  if (scheme === "tg" || scheme === "ton") return link;
  if (scheme !== undefined && scheme !== "http" && scheme !== "https") return undefined;
  try {
    const url = new URL(scheme === undefined ? `http://${link}` : link);
    return url.hostname === "" ? undefined : url.href;
  } catch {
    return undefined;
  }
}

function sortEntities(entities: MessageEntity[]): MessageEntity[] {
  return [...entities].sort(
    (a, b) =>
      a.offset - b.offset ||
      b.length - a.length ||
      (TYPE_PRIORITY[a.type] ?? 50) - (TYPE_PRIORITY[b.type] ?? 50),
  );
}
