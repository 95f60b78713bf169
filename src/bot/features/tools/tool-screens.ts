import { InlineKeyboard } from "grammy";
import type { GenerationDraftRow } from "../../../db/schema/index.js";
import type { CatalogModel } from "../../../domain/catalog/catalog-model.js";
import { TOOL_PRICING_MODE } from "../../../domain/catalog/catalog-model.js";
import { priceRange } from "../../../domain/catalog/pricing.js";
import { loadWallet } from "../../../domain/generation/wallet.js";
import { creditsText } from "../../../domain/payments/payment-notices.js";
import { toolDescription, toolEmoji, toolName, toolValueLabel } from "../../../domain/tools/tool-labels.js";
import { quoteTool, toolOptions } from "../../../domain/tools/tool-quote.js";
import type { BotContext } from "../../context.js";
import { requireUser } from "../../context.js";
import { TOOL_CB } from "./tool-callbacks.js";
import { encodeChoices } from "./tool-choices.js";

export interface ToolScreen {
  text: string;
  keyboard: InlineKeyboard;
}

/** Option buttons per row: "2K · 60" fits three across a phone. */
const OPTIONS_PER_ROW = 3;

/**
 * Whether a picture sent without a prompt can be given to a tool: tools take exactly one image, so an
 * album only gets the request for a prompt.
 */
export function offersTools(draft: Pick<GenerationDraftRow, "prompt" | "references">): boolean {
  return draft.prompt === null && draft.references.length === 1;
}

/**
 * The answer to a picture without a prompt: the request for one (`generation-ask-prompt`, unchanged)
 * and, for a single picture, a button per enabled tool with its price ("from N" when options change it).
 */
export async function promptRequestScreen(ctx: BotContext, draft: GenerationDraftRow): Promise<{ text: string; keyboard: InlineKeyboard | undefined }> {
  const ask = ctx.tr("generation-ask-prompt", { count: draft.references.length });
  const tools = offersTools(draft) ? await ctx.deps.generation.listTools() : [];
  if (tools.length === 0) return { text: ask, keyboard: undefined };
  const pricing = ctx.deps.generation.pricing();
  const keyboard = new InlineKeyboard();
  for (const tool of tools) {
    const { min, max } = priceRange(tool, TOOL_PRICING_MODE, pricing);
    const price = min === max ? ctx.tr("tool-price", { credits: min }) : ctx.tr("tool-price-from", { credits: min });
    keyboard.text(ctx.tr("btn-tool", { emoji: toolEmoji(tool), tool: toolName(ctx.tr, tool), price }), TOOL_CB.open(draft.id, tool.key, encodeChoices(tool, {}))).row();
  }
  return { text: ask, keyboard };
}

/**
 * One tool's screen: what it does, the chosen options, the exact price (the function the charge uses)
 * and the balance; a button per option value with the price it would cost, Start and Back.
 */
export async function toolScreen(ctx: BotContext, draftId: number, tool: CatalogModel, params: Readonly<Record<string, string>>): Promise<ToolScreen> {
  const pricing = ctx.deps.generation.pricing();
  const offer = quoteTool(tool, params, pricing);
  const wallet = await loadWallet(ctx.deps.db, requireUser(ctx).id, ctx.config.generationLimits.trialGenerations);
  const name = toolName(ctx.tr, tool);
  const options = toolOptions(tool);
  const lines = [ctx.tr("tool-screen-title", { emoji: toolEmoji(tool), tool: name })];
  const about = toolDescription(ctx.tr, tool);
  if (about !== undefined) lines.push(about);
  lines.push("");
  for (const spec of options) {
    const value = offer.params[spec.name];
    if (value !== undefined) lines.push(ctx.tr("tool-option-line", { name: ctx.tr(`tool-param-${spec.name}`), value: toolValueLabel(ctx.tr, value) }));
  }
  lines.push(ctx.tr("tool-screen-price", { price: creditsText(ctx.tr, offer.price), balance: creditsText(ctx.tr, wallet.balance) }));

  const keyboard = new InlineKeyboard();
  for (const spec of options) {
    spec.values.forEach((value, index) => {
      const variant = { ...offer.params, [spec.name]: value };
      const selected = offer.params[spec.name] === value ? "✅ " : "";
      const price = quoteTool(tool, variant, pricing).price;
      keyboard.text(`${selected}${toolValueLabel(ctx.tr, value)} · ${price}`, TOOL_CB.open(draftId, tool.key, encodeChoices(tool, variant)));
      if (index % OPTIONS_PER_ROW === OPTIONS_PER_ROW - 1) keyboard.row();
    });
    if (spec.values.length % OPTIONS_PER_ROW !== 0) keyboard.row();
  }
  keyboard.text(ctx.tr("btn-tool-start", { price: creditsText(ctx.tr, offer.price) }), TOOL_CB.start(draftId, tool.key, encodeChoices(tool, offer.params), offer.price)).row();
  keyboard.text(ctx.tr("btn-back"), TOOL_CB.back(draftId));
  return { text: lines.join("\n"), keyboard };
}

/** The "queued" status a tool screen turns into when Start is pressed (the worker edits it from then on). */
export function toolQueuedText(ctx: BotContext, tool: CatalogModel): string {
  return ctx.tr("tool-status-queued", { tool: toolName(ctx.tr, tool) });
}
