import type { GenerationRow } from "../../db/schema/index.js";
import type { CatalogModel } from "../catalog/catalog-model.js";
import { toolEmoji, toolName, toolOptionsSummary } from "../tools/tool-labels.js";
import { kindOf } from "./generation-kind.js";

/** A translation function of the reader's language (the bot's ctx.tr, or a worker's translator). */
type Translate = (key: string, variables?: Record<string, string | number>) => string;

/** Telegram's limit for a caption, counted after entity parsing. */
export const CAPTION_LIMIT = 1024;

/**
 * The model name as a hashtag, so a user's results are searchable per model: words are capitalised
 * and everything but letters and digits dropped ("Nano Banana Pro" → "NanoBananaPro",
 * "Seedream v4.5" → "SeedreamV45").
 */
export function modelHashtag(modelName: string): string {
  return modelName
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== "")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}

/**
 * The result's caption (`generation-result-caption`): the model's hashtag and the prompt. The prompt is
 * cut as plain text before it is escaped, so an escape sequence is never cut in half and the caption
 * stays within {@link CAPTION_LIMIT} characters as Telegram counts them (UTF-16 units, which is never
 * fewer than the code points some clients count).
 */
export function resultCaption(translate: Translate, modelName: string, prompt: string): string {
  return promptCaption(translate, "generation-result-caption", modelName, prompt);
}

/**
 * A caption of a message with `hashtag` and `prompt` placeholders (a result, a gallery post), the
 * prompt cut so the whole caption fits {@link CAPTION_LIMIT}.
 */
export function promptCaption(translate: Translate, key: string, modelName: string, prompt: string): string {
  const hashtag = modelHashtag(modelName) || "Bananapics";
  const frame = visibleLength(translate(key, { hashtag, prompt: "" }));
  return translate(key, { hashtag, prompt: cutText(prompt.trim(), CAPTION_LIMIT - frame) });
}

/**
 * The caption of a delivered result, as first sent and as "My images" sends it again: a generation's
 * model hashtag and prompt, or a tool's name and options. `model` is undefined when the catalog entry
 * is gone; the stored key stands in for its name.
 */
export function deliveryCaption(translate: Translate, row: GenerationRow, model: CatalogModel | undefined): string {
  if (kindOf(row) === "generation") return resultCaption(translate, model?.name ?? row.modelKey, row.prompt);
  const tool = model ?? { key: row.modelKey, name: row.modelKey };
  const options = toolOptionsSummary((key) => translate(key), model, row.params);
  return translate("tool-result-caption", {
    emoji: toolEmoji(tool),
    tool: toolName((key) => translate(key), tool),
    options: options === "" ? "" : ` · ${options}`,
  });
}

/** Cuts to at most `limit` UTF-16 units, never inside a surrogate pair, marking the cut with "…". */
export function cutText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  if (limit <= 0) return "";
  let out = "";
  for (const char of text) {
    if (out.length + char.length > limit - 1) break;
    out += char;
  }
  return `${out}…`;
}

/** Length of Telegram HTML as the user sees it: tags removed, entities decoded to one character each. */
function visibleLength(html: string): number {
  return html.replace(/<[^>]*>/g, "").replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, "_").length;
}
