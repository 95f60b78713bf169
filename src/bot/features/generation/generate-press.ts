import { InlineKeyboard } from "grammy";
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
  const draft = await findOpenDraft(ctx.deps.db, user.id, draftId);
  if (!draft) {
    await ctx.answerCallbackQuery({ text: stripTags(ctx.tr("generation-already-started")), show_alert: true });
    return;
  }
  // The menu becomes the status message BEFORE the charge commits: once it commits the worker may
  // edit this message at any moment, and a later "queued" edit would hide its news.
  const model = await ctx.deps.generation.findModel(draft.modelKey);
  await editQuietly(ctx, ctx.tr("generation-status-queued", { model: model?.name ?? draft.modelKey }), new InlineKeyboard());
  const restoreMenu = async () => {
    // Nothing was charged and the draft is still open (unless a concurrent press won): show it again.
    const stillOpen = await findOpenDraft(ctx.deps.db, user.id, draftId);
    if (stillOpen && model) await editDraftMenu(ctx, stillOpen, model);
  };
  let result: Awaited<ReturnType<BotContext["deps"]["generation"]["start"]>>;
  try {
    result = await ctx.deps.generation.start({ userId: user.id, draftId, expectedPrice: shownPrice, source: "bot" });
  } catch (error) {
    await restoreMenu().catch(() => undefined);
    throw error;
  }
  if (result.ok) {
    await ctx.answerCallbackQuery();
    return;
  }
  await restoreMenu();
  await explainRefusal(ctx, result);
}

async function explainRefusal(ctx: BotContext, refusal: StartRefusal): Promise<void> {
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
    case "price_changed":
      // The re-shown menu carries the new price; the user presses again knowingly.
      await ctx.answerCallbackQuery();
      return;
  }
}
