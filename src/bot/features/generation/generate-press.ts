import { InlineKeyboard } from "grammy";
import { patchGeneration } from "../../../domain/generation/generation-repository.js";
import type { StartRefusal } from "../../../domain/generation/start-generation.js";
import { findOpenDraft } from "../../../domain/generation/draft-repository.js";
import { stripTags } from "../../middlewares/ban-guard.js";
import type { BotContext } from "../../context.js";
import { requireUser } from "../../context.js";
import { editDraftMenu, editQuietly } from "./draft-flow.js";

/**
 * Generate: charge and start in one transaction (startGeneration), then turn the menu into the status
 * message the worker keeps editing. A refusal leaves the draft open and tells the user why.
 */
export async function pressGenerate(ctx: BotContext, draftId: number, shownPrice: number): Promise<void> {
  const user = requireUser(ctx);
  if ((await ctx.deps.generation.providerStatus()) === "paused") {
    await ctx.answerCallbackQuery({ text: stripTags(ctx.tr("generation-provider-paused")), show_alert: true });
    return;
  }
  const result = await ctx.deps.generation.start({ userId: user.id, draftId, expectedPrice: shownPrice, source: "bot" });
  if (!result.ok) {
    await explainRefusal(ctx, draftId, result);
    return;
  }
  await ctx.answerCallbackQuery();
  const model = await ctx.deps.generation.findModel(result.generation.modelKey);
  await editQuietly(ctx, ctx.tr("generation-status-queued", { model: model?.name ?? result.generation.modelKey }), new InlineKeyboard());
  await patchGeneration(ctx.deps.db, result.generation.id, { statusShown: "queued" });
}

async function explainRefusal(ctx: BotContext, draftId: number, refusal: StartRefusal): Promise<void> {
  switch (refusal.reason) {
    case "draft_gone":
      await ctx.answerCallbackQuery({ text: stripTags(ctx.tr("generation-already-started")), show_alert: true });
      return;
    case "prompt_missing":
    case "invalid_parameters":
      await ctx.answerCallbackQuery({ text: stripTags(ctx.tr("menu-expired")), show_alert: true });
      return;
    case "model_unavailable":
      await ctx.answerCallbackQuery({ text: stripTags(ctx.tr("generation-model-unavailable")), show_alert: true });
      return;
    case "too_many_references":
      await ctx.answerCallbackQuery({
        text: stripTags(ctx.tr("generation-too-many-references", { model: refusal.model.name, limit: refusal.limit, count: refusal.count })),
        show_alert: true,
      });
      return;
    case "parallel_limit":
      await ctx.answerCallbackQuery({ text: stripTags(ctx.tr("generation-parallel-limit", { limit: refusal.limit })), show_alert: true });
      return;
    case "insufficient_funds":
      await ctx.answerCallbackQuery();
      await ctx.reply(ctx.tr("generation-insufficient-credits", { price: refusal.price, balance: refusal.balance }));
      return;
    case "price_changed": {
      // Show the new price on the button; the user presses again knowingly.
      await ctx.answerCallbackQuery();
      const draft = await findOpenDraft(ctx.deps.db, requireUser(ctx).id, draftId);
      const model = draft ? await ctx.deps.generation.findModel(draft.modelKey) : undefined;
      if (draft && model) await editDraftMenu(ctx, draft, model);
      return;
    }
  }
}
