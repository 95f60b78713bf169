import { InlineKeyboard } from "grammy";
import type { GenerationDraftRow } from "../../../db/schema/index.js";
import type { CatalogModel } from "../../../domain/catalog/catalog-model.js";
import { parametersFor } from "../../../domain/catalog/parameters.js";
import { modeOf, quote, type Quote } from "../../../domain/generation/start-generation.js";
import { trustedHtml } from "../../../i18n/html.js";
import type { BotContext } from "../../context.js";
import { DRAFT_CB } from "./draft-callbacks.js";
import { parameterValueLabel } from "./model-presentation.js";

export interface DraftScreen {
  text: string;
  keyboard: InlineKeyboard;
}

export interface Wallet {
  balance: number;
  trialsLeft: number;
}

/**
 * The draft menu: mode, the prompt as a quote, model and parameter buttons (only those the model takes
 * in this mode), and Generate with the exact price — computed by the same function the charge uses.
 */
export function renderDraft(ctx: BotContext, draft: GenerationDraftRow, model: CatalogModel, wallet: Wallet): DraftScreen {
  const offer: Quote = quote(model, draft, ctx.deps.generation.pricing());
  const mode = modeOf(draft);
  const specs = parametersFor(model, mode);
  const paramLines = specs.map((spec) =>
    ctx.tr("generation-param-line", {
      name: ctx.tr(`generation-param-${spec.name}`),
      value: valueText(ctx, offer.params[spec.name]),
    }),
  );
  const lines = [
    ctx.tr("generation-draft", {
      mode: trustedHtml(
        mode === "edit" ? ctx.tr("generation-mode-edit", { count: draft.references.length }) : ctx.tr("generation-mode-text"),
      ),
      prompt: draft.prompt ?? "",
      model: model.name,
      params: trustedHtml(paramLines.join("\n")),
    }),
  ];
  if (draft.references.length > model.maxReferences) {
    lines.push("", ctx.tr("generation-references-over-limit", { model: model.name, limit: model.maxReferences, count: draft.references.length }));
  }
  const trial = wallet.trialsLeft > 0;
  lines.push("", trial ? ctx.tr("generation-draft-trial", { count: wallet.trialsLeft }) : ctx.tr("generation-draft-balance", { balance: wallet.balance }));

  const keyboard = new InlineKeyboard().text(ctx.tr("btn-model", { model: model.name }), DRAFT_CB.models(draft.id)).row();
  specs.forEach((spec, index) => {
    keyboard.text(
      ctx.tr("btn-param", { name: ctx.tr(`generation-param-${spec.name}`), value: valueText(ctx, offer.params[spec.name]) }),
      DRAFT_CB.param(draft.id, spec.name),
    );
    if (index % 2 === 1) keyboard.row();
  });
  if (specs.length % 2 === 1) keyboard.row();
  keyboard.text(
    trial ? ctx.tr("btn-generate-trial") : ctx.tr("btn-generate", { price: offer.price }),
    DRAFT_CB.generate(draft.id, trial ? "trial" : offer.price),
  );
  return { text: lines.join("\n"), keyboard };
}

function valueText(ctx: BotContext, value: string | undefined): string {
  return value === undefined ? ctx.tr("btn-param-default") : parameterValueLabel(ctx, value);
}
