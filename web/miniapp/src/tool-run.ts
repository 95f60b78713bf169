import type { GenerationView } from "../../../src/http/routes/miniapp/api-types.js";

/** Only what these names need of the app's translator (i18n/messages.ts), so tests can pass one over the same files. */
type Translate = (key: string) => string;

/** The message when the locale has it, else undefined (the app's translator answers a missing id with the id). */
function optional(t: Translate, key: string): string | undefined {
  const text = t(key);
  return text === key ? undefined : text;
}

/**
 * What a history item is called: a generation by its prompt, an image tool's run (which has none) by the
 * tool's own name in the user's language, else its catalog name ("🔍 Upscale").
 */
export function itemTitle(t: Translate, item: Pick<GenerationView, "prompt" | "tool" | "model">): string {
  if (item.tool === null) return item.prompt;
  return `${item.tool.emoji} ${optional(t, `miniapp-tool-${item.tool.key}`) ?? item.model.name}`;
}

/**
 * A tool run's options as people read them ("8K", "Strong", "2048×2048"), as the bot's tool captions
 * show them (src/domain/tools/tool-labels.ts): words from miniapp-tool-value-<slug>, Topaz's own names as they are.
 */
export function toolOptions(t: Translate, tool: NonNullable<GenerationView["tool"]>): string {
  return tool.options
    .map((value) => {
      if (/^\d+\*\d+$/.test(value)) return value.replace("*", "×");
      if (/^\d+k$/.test(value)) return value.toUpperCase();
      return optional(t, `miniapp-tool-value-${value.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`) ?? value;
    })
    .join(" · ");
}
