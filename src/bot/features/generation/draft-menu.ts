import { Composer, InlineKeyboard } from "grammy";
import type { GenerationDraftRow } from "../../../db/schema/index.js";
import type { CatalogModel, ParameterName } from "../../../domain/catalog/catalog-model.js";
import { parametersFor, resolveParameters } from "../../../domain/catalog/parameters.js";
import { priceInCredits } from "../../../domain/catalog/pricing.js";
import { findOpenDraft, updateOpenDraft } from "../../../domain/generation/draft-repository.js";
import { modeOf } from "../../../domain/generation/start-generation.js";
import { loadPreference, savePreference } from "../../../domain/generation/preferences.js";
import { stripTags } from "../../middlewares/ban-guard.js";
import type { BotContext } from "../../context.js";
import { requireUser } from "../../context.js";
import { DRAFT_CB, DRAFT_PATTERNS } from "./draft-callbacks.js";
import { editDraftMenu, editQuietly } from "./draft-flow.js";
import { modelEmoji, parameterValueLabel, qualityStars, typicalTime } from "./model-presentation.js";
import { pressGenerate } from "./generate-press.js";

/** The draft menu's buttons: model list, parameter lists, Back and Generate; every screen edits in place. */
export const draftMenu = new Composer<BotContext>();

draftMenu.callbackQuery(DRAFT_PATTERNS.models, async (ctx) => {
  const draft = await draftOrExpired(ctx, Number(ctx.match[1]));
  if (!draft) return;
  await ctx.answerCallbackQuery();
  const models = await ctx.deps.generation.listModels();
  const pricing = ctx.deps.generation.pricing();
  const lines = [ctx.tr("generation-choose-model"), ""];
  const keyboard = new InlineKeyboard();
  for (const model of models) {
    const price = priceIfSwitched(model, draft, pricing);
    lines.push(
      ctx.tr("generation-model-line", {
        emoji: modelEmoji(model),
        name: model.name,
        stars: qualityStars(model.qualityStars),
        time: typicalTime(ctx, model),
        price: price ?? "—",
      }),
    );
    const mark = model.key === draft.modelKey ? "✅ " : "";
    keyboard.text(`${mark}${modelEmoji(model)} ${model.name}`, DRAFT_CB.setModel(draft.id, model.key)).row();
  }
  keyboard.text(ctx.tr("btn-back"), DRAFT_CB.back(draft.id));
  await editQuietly(ctx, lines.join("\n"), keyboard);
});

draftMenu.callbackQuery(DRAFT_PATTERNS.setModel, async (ctx) => {
  const draft = await draftOrExpired(ctx, Number(ctx.match[1]));
  if (!draft) return;
  const model = await ctx.deps.generation.findModel(ctx.match[2] ?? "");
  if (!model?.enabled) {
    await ctx.answerCallbackQuery({ text: stripTags(ctx.tr("generation-model-unavailable")), show_alert: true });
    return;
  }
  // Each model keeps its own last parameters; a model never chosen before starts from its defaults.
  const preference = await loadPreference(ctx.deps.db, draft.userId);
  const params = preference?.params[model.key] ?? {};
  const updated = await updateOpenDraft(ctx.deps.db, draft.userId, draft.id, { modelKey: model.key, params });
  if (updated) await savePreference(ctx.deps.db, draft.userId, model.key, params);
  await ctx.answerCallbackQuery();
  if (updated) await editDraftMenu(ctx, updated, model);
});

draftMenu.callbackQuery(DRAFT_PATTERNS.param, async (ctx) => {
  const draft = await draftOrExpired(ctx, Number(ctx.match[1]));
  if (!draft) return;
  const model = await ctx.deps.generation.findModel(draft.modelKey);
  const spec = model ? parametersFor(model, modeOf(draft)).find((p) => p.name === ctx.match[2]) : undefined;
  if (!model || !spec) {
    await ctx.answerCallbackQuery({ text: stripTags(ctx.tr("menu-expired")), show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  const current = draft.params[spec.name];
  const keyboard = new InlineKeyboard();
  const choices: Array<{ label: string; choice: number | "d"; selected: boolean }> = [];
  if (spec.default === null) choices.push({ label: ctx.tr("btn-param-default"), choice: "d", selected: current === undefined });
  spec.values.forEach((value, index) =>
    choices.push({ label: parameterValueLabel(ctx, value), choice: index, selected: current === value || (current === undefined && spec.default === value) }),
  );
  choices.forEach((c, i) => {
    keyboard.text(`${c.selected ? "✅ " : ""}${c.label}`, DRAFT_CB.setParam(draft.id, spec.name, c.choice));
    if (i % 2 === 1) keyboard.row();
  });
  if (choices.length % 2 === 1) keyboard.row();
  keyboard.text(ctx.tr("btn-back"), DRAFT_CB.back(draft.id));
  await editQuietly(ctx, ctx.tr("generation-choose-param", { name: ctx.tr(`generation-param-${spec.name}`) }), keyboard);
});

draftMenu.callbackQuery(DRAFT_PATTERNS.setParam, async (ctx) => {
  const draft = await draftOrExpired(ctx, Number(ctx.match[1]));
  if (!draft) return;
  const model = await ctx.deps.generation.findModel(draft.modelKey);
  const spec = model ? parametersFor(model, modeOf(draft)).find((p) => p.name === ctx.match[2]) : undefined;
  const choice = ctx.match[3];
  const value = choice === "d" ? undefined : spec?.values[Number(choice)];
  if (!model || !spec || (choice !== "d" && value === undefined) || (choice === "d" && spec.default !== null)) {
    await ctx.answerCallbackQuery({ text: stripTags(ctx.tr("menu-expired")), show_alert: true });
    return;
  }
  const params: Record<string, string> = { ...draft.params };
  if (value === undefined) delete params[spec.name as ParameterName];
  else params[spec.name] = value;
  const updated = await updateOpenDraft(ctx.deps.db, draft.userId, draft.id, { params });
  if (updated) await savePreference(ctx.deps.db, draft.userId, model.key, params);
  await ctx.answerCallbackQuery();
  if (updated) await editDraftMenu(ctx, updated, model);
});

draftMenu.callbackQuery(DRAFT_PATTERNS.back, async (ctx) => {
  const draft = await draftOrExpired(ctx, Number(ctx.match[1]));
  if (!draft) return;
  const model = await ctx.deps.generation.findModel(draft.modelKey);
  await ctx.answerCallbackQuery();
  if (model) await editDraftMenu(ctx, draft, model);
});

draftMenu.callbackQuery(DRAFT_PATTERNS.generate, async (ctx) => {
  const draftId = Number(ctx.match[1]);
  const shown = ctx.match[2] === "trial" ? 0 : Number(ctx.match[2]);
  await pressGenerate(ctx, draftId, shown);
});

/** The user's open draft, or undefined after telling them the menu is stale (old, forged or someone else's). */
async function draftOrExpired(ctx: BotContext, draftId: number): Promise<GenerationDraftRow | undefined> {
  const draft = await findOpenDraft(ctx.deps.db, requireUser(ctx).id, draftId);
  if (!draft) await ctx.answerCallbackQuery({ text: stripTags(ctx.tr("generation-draft-expired")), show_alert: true });
  return draft;
}

function priceIfSwitched(model: CatalogModel, draft: GenerationDraftRow, pricing: ReturnType<BotContext["deps"]["generation"]["pricing"]>): number | undefined {
  try {
    const mode = modeOf(draft);
    return priceInCredits(model, mode, resolveParameters(model, mode, {}), pricing);
  } catch {
    return undefined;
  }
}
