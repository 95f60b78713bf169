import type { CatalogModel } from "../catalog/catalog-model.js";
import { toolOptions } from "./tool-quote.js";

type Translate = (key: string) => string;

/** Tools with texts of their own in locales/<locale>/tools.ftl (name, description); others show the catalog name. */
const LOCALIZED_TOOLS: ReadonlySet<string> = new Set(["watermark", "upscale", "denoise", "restore", "enhance"]);

const TOOL_EMOJI: Readonly<Record<string, string>> = {
  watermark: "💧",
  upscale: "🔍",
  denoise: "🔇",
  restore: "🔧",
  enhance: "✨",
};

/** Option values translated in tools.ftl (`tool-value-<slug>`); Topaz's own variant names stay as they are. */
const LOCALIZED_VALUES: ReadonlySet<string> = new Set(["normal", "strong", "extreme", "dust-scratch", "dust-scratch-v2"]);

export function toolEmoji(tool: Pick<CatalogModel, "key">): string {
  return TOOL_EMOJI[tool.key] ?? "🛠";
}

/** The tool's name in the user's language, for buttons, statuses, captions and "My images". */
export function toolName(t: Translate, tool: Pick<CatalogModel, "key" | "name">): string {
  return LOCALIZED_TOOLS.has(tool.key) ? t(`tool-name-${tool.key}`) : tool.name;
}

/** What the tool does, one line; undefined for a tool without texts of its own. */
export function toolDescription(t: Translate, tool: Pick<CatalogModel, "key">): string | undefined {
  return LOCALIZED_TOOLS.has(tool.key) ? t(`tool-about-${tool.key}`) : undefined;
}

/** An option value as people read it: "4K", "1080×1080", "Strong" in the user's language. */
export function toolValueLabel(t: Translate, value: string): string {
  if (/^\d+\*\d+$/.test(value)) return value.replace("*", "×");
  if (/^\d+k$/.test(value)) return value.toUpperCase();
  const slug = value.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return LOCALIZED_VALUES.has(slug) ? t(`tool-value-${slug}`) : value;
}

/**
 * The chosen options of a run, e.g. "4K" or "CGI · 2048×2048"; empty for a tool without choices. Without
 * the catalog entry (a tool removed since) every stored value but the output format is shown.
 */
export function toolOptionsSummary(t: Translate, tool: CatalogModel | undefined, params: Readonly<Record<string, string>>): string {
  const names = tool ? toolOptions(tool).map((spec) => spec.name) : Object.keys(params).filter((name) => name !== "output_format");
  return names
    .flatMap((name) => {
      const value = params[name];
      return value === undefined ? [] : [toolValueLabel(t, value)];
    })
    .join(" · ");
}
