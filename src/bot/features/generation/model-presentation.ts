import type { CatalogModel } from "../../../domain/catalog/catalog-model.js";
import type { BotContext } from "../../context.js";

const MODEL_EMOJI: Record<string, string> = {
  "nano-banana": "🍌",
  "nano-banana-pro": "🔥",
  "nano-banana-2": "🍌",
  "seedream-v4": "☁️",
  "seedream-v4.5": "☁️",
  "qwen-image": "🔮",
  "gpt-image-1.5": "🧠",
};

export function modelEmoji(model: Pick<CatalogModel, "key">): string {
  return MODEL_EMOJI[model.key] ?? "✨";
}

export function qualityStars(stars: number): string {
  const n = Math.max(0, Math.min(5, Math.round(stars)));
  return "★".repeat(n) + "☆".repeat(5 - n);
}

/** "10–30 s", or minutes once a run may take a minute or more. */
export function typicalTime(ctx: BotContext, model: Pick<CatalogModel, "typicalSeconds">): string {
  const { min, max } = model.typicalSeconds;
  if (max >= 60) return ctx.tr("generation-time-minutes", { min: Math.max(1, Math.round(min / 60)), max: Math.ceil(max / 60) });
  return ctx.tr("generation-time-seconds", { min, max });
}

/** Values as users read them: sizes with a multiplication sign, words translated. */
export function parameterValueLabel(ctx: BotContext, value: string): string {
  if (/^\d+\*\d+$/.test(value)) return value.replace("*", "×");
  if (["auto", "low", "medium", "high"].includes(value)) return ctx.tr(`generation-value-${value}`);
  return value.toUpperCase() === value.toLowerCase() ? value : value.replace(/^(\d+)k$/, "$1K");
}
