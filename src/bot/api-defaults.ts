import type { Transformer } from "grammy";

const HTML_TEXT_METHODS = new Set(["sendMessage", "editMessageText"]);
const HTML_CAPTION_METHODS = new Set(["sendPhoto", "sendDocument", "editMessageCaption", "copyMessage", "sendVideo", "sendAnimation"]);

/**
 * Every message is written in Telegram HTML (texts come from Fluent with escaped variables), and link
 * previews are off unless a feature asks for one. Setting it here keeps each call site short and makes
 * a forgotten parse_mode impossible.
 */
export const htmlByDefault: Transformer = (prev, method, payload, signal) => {
  if (HTML_TEXT_METHODS.has(method) && payload && !("parse_mode" in payload)) {
    const withDefaults = { parse_mode: "HTML", link_preview_options: { is_disabled: true }, ...payload };
    return prev(method, withDefaults as typeof payload, signal);
  }
  if (HTML_CAPTION_METHODS.has(method) && payload && "caption" in payload && !("parse_mode" in payload)) {
    return prev(method, { parse_mode: "HTML", ...payload } as typeof payload, signal);
  }
  return prev(method, payload, signal);
};
