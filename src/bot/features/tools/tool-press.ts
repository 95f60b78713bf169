import { InlineKeyboard } from "grammy";
import type { CatalogModel } from "../../../domain/catalog/catalog-model.js";
import { findOpenDraft } from "../../../domain/generation/draft-repository.js";
import { creditsText } from "../../../domain/payments/payment-notices.js";
import type { StartRefusal } from "../../../domain/generation/start-generation.js";
import { stripTags } from "../../middlewares/ban-guard.js";
import { showScreen } from "../../reply.js";
import type { BotContext } from "../../context.js";
import { requireUser } from "../../context.js";
import { toolQueuedText, toolScreen } from "./tool-screens.js";

/**
 * Start on a tool screen: exactly like Generate (pressGenerate) — the screen becomes the status message
 * first, then startGeneration charges, writes the run and its job in one transaction, consuming the
 * draft so a second press starts nothing. A refusal shows the screen again and says why.
 */
export async function pressToolStart(
  ctx: BotContext,
  input: { draftId: number; tool: CatalogModel; params: Record<string, string>; shownPrice: number },
): Promise<void> {
  const user = requireUser(ctx);
  if ((await ctx.deps.generation.providerStatus()) === "paused") {
    await ctx.answerCallbackQuery({ text: stripTags(ctx.tr("generation-provider-paused")), show_alert: true });
    return;
  }
  if (!(await findOpenDraft(ctx.deps.db, user.id, input.draftId))) {
    await ctx.answerCallbackQuery({ text: stripTags(ctx.tr("tool-already-started")), show_alert: true });
    return;
  }
  // Before the charge commits: once it does, the worker may edit this message at any moment.
  await showScreen(ctx, toolQueuedText(ctx, input.tool), new InlineKeyboard());
  const restoreScreen = async () => {
    if (!(await findOpenDraft(ctx.deps.db, user.id, input.draftId))) return;
    const screen = await toolScreen(ctx, input.draftId, input.tool, input.params);
    await showScreen(ctx, screen.text, screen.keyboard);
  };
  let result: Awaited<ReturnType<BotContext["deps"]["generation"]["start"]>>;
  try {
    result = await ctx.deps.generation.start({
      userId: user.id,
      draftId: input.draftId,
      expectedPrice: input.shownPrice,
      source: "bot",
      tool: { key: input.tool.key, params: input.params },
    });
  } catch (error) {
    await restoreScreen().catch(() => undefined);
    throw error;
  }
  if (result.ok) {
    await ctx.answerCallbackQuery();
    return;
  }
  await restoreScreen();
  await explainRefusal(ctx, result);
}

async function explainRefusal(ctx: BotContext, refusal: StartRefusal): Promise<void> {
  const alert = (key: string, variables?: Record<string, number>) =>
    ctx.answerCallbackQuery({ text: stripTags(ctx.tr(key, variables)), show_alert: true });
  switch (refusal.reason) {
    case "draft_gone":
      await alert("tool-already-started");
      return;
    case "model_unavailable":
      await alert("tool-unavailable");
      return;
    case "prompt_missing":
    case "invalid_parameters":
    case "too_many_references":
      await alert("menu-expired");
      return;
    case "parallel_limit":
      await alert("generation-parallel-limit", { limit: refusal.limit });
      return;
    case "insufficient_funds":
      await ctx.answerCallbackQuery();
      await ctx.reply(ctx.tr("tool-insufficient-credits", { price: creditsText(ctx.tr, refusal.price), balance: creditsText(ctx.tr, refusal.balance) }));
      return;
    case "price_changed":
      // The screen shown again carries the new price; the user presses again knowingly.
      await ctx.answerCallbackQuery();
      return;
  }
}
