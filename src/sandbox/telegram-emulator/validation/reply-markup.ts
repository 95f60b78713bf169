import type { InlineKeyboardMarkup } from "grammy/types";
import { badRequest } from "../api-error.js";
import type { AnyReplyMarkup } from "../types.js";
import type { Params } from "./params.js";

/** Fields that give an inline button its action; Telegram's docs require exactly one of them. */
const BUTTON_ACTIONS = [
  "url",
  "callback_data",
  "web_app",
  "login_url",
  "switch_inline_query",
  "switch_inline_query_current_chat",
  "switch_inline_query_chosen_chat",
  "copy_text",
  "callback_game",
  "pay",
  "disabled",
] as const;

const MAX_INLINE_BUTTONS = 100;
const MAX_CALLBACK_DATA_BYTES = 64;

/**
 * Reads and checks reply_markup like the Bot API server (messages from its get_reply_markup), plus the
 * documented rules it leaves to Telegram's servers: callback_data of 1–64 bytes, http(s)/tg URLs,
 * at most 100 buttons and exactly one action per button.
 * Returns undefined when there is no markup, or an empty inline keyboard (which means "no keyboard").
 */
export function readReplyMarkup(params: Params, options: { inlineOnly: boolean }): AnyReplyMarkup | undefined {
  const value = params.json("reply_markup", "can't parse reply keyboard markup JSON object");
  if (value === undefined) return undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw badRequest("object expected as reply markup");
  }
  const markup = value as Record<string, unknown>;
  if ("inline_keyboard" in markup) {
    const keyboard = checkInlineKeyboard(markup.inline_keyboard);
    return keyboard.inline_keyboard.length > 0 ? keyboard : undefined;
  }
  if (options.inlineOnly) throw badRequest("inline keyboard expected");
  if ("keyboard" in markup) {
    checkReplyKeyboard(markup.keyboard);
    return markup as unknown as AnyReplyMarkup;
  }
  if (markup.remove_keyboard === true || markup.force_reply === true) return markup as unknown as AnyReplyMarkup;
  return undefined;
}

function checkInlineKeyboard(rows: unknown): InlineKeyboardMarkup {
  if (!Array.isArray(rows)) {
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array');
  }
  let count = 0;
  for (const row of rows) {
    if (!Array.isArray(row)) {
      throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
    }
    for (const button of row) {
      checkInlineButton(button);
      count++;
    }
  }
  if (count > MAX_INLINE_BUTTONS) throw badRequest("reply markup is too long");
  return { inline_keyboard: rows.filter((row: unknown[]) => row.length > 0) } as InlineKeyboardMarkup;
}

function checkInlineButton(button: unknown): void {
  const fail = (message: string) => badRequest(`can't parse inline keyboard button: ${message}`);
  if (typeof button !== "object" || button === null || Array.isArray(button)) {
    throw fail("InlineKeyboardButton must be an Object");
  }
  const fields = button as Record<string, unknown>;
  if (typeof fields.text !== "string") throw fail('Can\'t find field "text"');
  const actions = BUTTON_ACTIONS.filter((action) => fields[action] !== undefined);
  if (actions.length === 0) throw fail("Text buttons are unallowed in the inline keyboard");
  if (actions.length > 1) {
    throw fail(`a button must have exactly one of ${BUTTON_ACTIONS.join(", ")}; found ${actions.join(", ")}`);
  }
  if (actions[0] === "callback_data") {
    const data = fields.callback_data;
    const bytes = typeof data === "string" ? Buffer.byteLength(data, "utf8") : 0;
    if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) throw badRequest("BUTTON_DATA_INVALID");
  }
  if (actions[0] === "url" && !isButtonUrl(fields.url)) throw badRequest("BUTTON_URL_INVALID");
}

function isButtonUrl(url: unknown): boolean {
  if (typeof url !== "string") return false;
  try {
    const parsed = new URL(url);
    if (parsed.protocol === "tg:") return true;
    return (parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.hostname !== "";
  } catch {
    return false;
  }
}

function checkReplyKeyboard(rows: unknown): void {
  if (!Array.isArray(rows)) {
    throw badRequest('field "keyboard" of the ReplyKeyboardMarkup must be an Array');
  }
  for (const row of rows) {
    if (!Array.isArray(row)) {
      throw badRequest('field "keyboard" of the ReplyKeyboardMarkup must be an Array of Arrays');
    }
    for (const button of row) {
      const text = typeof button === "string" ? button : (button as { text?: unknown } | null)?.text;
      if (typeof text !== "string") {
        throw badRequest("can't parse keyboard button: KeyboardButton must be a String or an Object");
      }
    }
  }
}
