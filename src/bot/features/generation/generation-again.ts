import { Composer } from "grammy";
import { getGenerationByPublicId } from "../../../domain/generation/generation-repository.js";
import { stripTags } from "../../middlewares/ban-guard.js";
import type { BotContext } from "../../context.js";
import { requireUser } from "../../context.js";
import { GENERATION_PATTERNS } from "./draft-callbacks.js";
import { beginDraftFromGeneration } from "./draft-flow.js";

/**
 * Retry (after a failure) and Regenerate (after a result): a new draft with the same prompt, model,
 * parameters and reference images, shown with its price — nothing is charged until Generate.
 */
export const generationAgain = new Composer<BotContext>();

generationAgain.callbackQuery([GENERATION_PATTERNS.retry, GENERATION_PATTERNS.again], async (ctx) => {
  const generation = await getGenerationByPublicId(ctx.deps.db, ctx.match[1] ?? "");
  if (!generation || generation.userId !== requireUser(ctx).id) {
    await ctx.answerCallbackQuery({ text: stripTags(ctx.tr("menu-expired")), show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  await beginDraftFromGeneration(ctx, generation);
});
