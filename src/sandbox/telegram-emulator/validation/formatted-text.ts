import type { MessageEntity } from "grammy/types";
import { badRequest } from "../api-error.js";
import { HtmlParseError, parseTelegramHtml } from "./html-parser.js";

/** Text after parse_mode handling, as stored in a message. */
export interface FormattedText {
  text: string;
  entities?: MessageEntity[];
}

const MAX_TEXT_LENGTH = 4096;
const MAX_CAPTION_LENGTH = 1024;

/**
 * Applies parse_mode like the Bot API: "HTML" runs the real parser; "Markdown" and "MarkdownV2" are
 * accepted but the text is kept literally (the emulator has no Markdown parser); without a parse mode
 * the explicit entities array is used.
 */
export function formatText(raw: string, parseMode: string | undefined, explicitEntities: unknown): FormattedText {
  const mode = parseMode?.trim().toLowerCase() ?? "";
  if (raw !== "" && mode !== "" && mode !== "none") {
    if (mode === "html") {
      try {
        const parsed = parseTelegramHtml(raw);
        return parsed.entities.length > 0 ? parsed : { text: parsed.text };
      } catch (error) {
        if (error instanceof HtmlParseError) throw badRequest(`can't parse entities: ${error.message}`);
        throw error;
      }
    }
    if (mode === "markdown" || mode === "markdownv2") return { text: raw };
    throw badRequest("unsupported parse_mode");
  }
  const entities = Array.isArray(explicitEntities) ? explicitEntities.filter(isEntity) : [];
  return entities.length > 0 ? { text: raw, entities } : { text: raw };
}

function isEntity(value: unknown): value is MessageEntity {
  if (typeof value !== "object" || value === null) return false;
  const entity = value as Record<string, unknown>;
  return typeof entity.type === "string" && Number.isInteger(entity.offset) && Number.isInteger(entity.length);
}

/** Telegram counts message length in Unicode characters, not UTF-16 units or bytes. */
export function characterCount(text: string): number {
  return Array.from(text).length;
}

/** Message text must be non-blank and at most 4096 characters after entity parsing. */
export function checkMessageText(formatted: FormattedText): void {
  if (formatted.text.trim() === "") throw badRequest("message text is empty");
  if (characterCount(formatted.text) > MAX_TEXT_LENGTH) throw badRequest("message is too long");
}

/** Captions may be empty (no caption) but at most 1024 characters after entity parsing. */
export function checkCaption(formatted: FormattedText): void {
  if (characterCount(formatted.text) > MAX_CAPTION_LENGTH) throw badRequest("message caption is too long");
}
