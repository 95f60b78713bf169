import { Composer } from "grammy";
import type { BotContext } from "../../context.js";
import { requireUser } from "../../context.js";
import { findCurrentDraft, updateOpenDraft } from "../../../domain/generation/draft-repository.js";
import { beginDraft, sendDraftMenu } from "./draft-flow.js";

/**
 * Any text in a private chat that is not a command is a prompt: it starts a new draft (replacing the
 * previous one), or completes a draft of images that were sent without a caption. A prompt that is too
 * long is refused with its length, never cut silently.
 */
export const promptIntake = new Composer<BotContext>();

promptIntake.on("message:text", async (ctx, next) => {
  const isCommand = ctx.message.entities?.some((e) => e.type === "bot_command" && e.offset === 0) ?? false;
  if (isCommand) return next();
  const prompt = await checkedPrompt(ctx, ctx.message.text);
  if (prompt === undefined) return;
  const user = requireUser(ctx);
  const waiting = await findCurrentDraft(ctx.deps.db, user.id);
  if (waiting && waiting.prompt === null && waiting.references.length > 0) {
    const completed = await updateOpenDraft(ctx.deps.db, user.id, waiting.id, { prompt, promptMessageId: ctx.message.message_id });
    const model = completed ? await ctx.deps.generation.findModel(completed.modelKey) : undefined;
    if (completed && model) return sendDraftMenu(ctx, completed, model);
  }
  await beginDraft(ctx, { prompt, references: [], promptMessageId: ctx.message.message_id, chatId: ctx.chat.id });
});

/** The prompt as the user wrote it (trimmed), or undefined after telling them why it cannot be used. */
export async function checkedPrompt(ctx: BotContext, raw: string): Promise<string | undefined> {
  // NUL cannot be stored in PostgreSQL text; it carries no meaning in a prompt either.
  const prompt = raw.replaceAll("\u0000", "").trim();
  // Only whitespace and invisible format characters (zero-width spaces, direction marks): nothing to draw.
  if (/^[\s\p{Cf}]*$/u.test(prompt)) {
    await ctx.reply(ctx.tr("generation-prompt-empty"));
    return undefined;
  }
  const limit = ctx.config.generationLimits.promptMaxLength;
  // Characters as people count them (code points), not UTF-16 units.
  const length = [...prompt].length;
  if (length > limit) {
    await ctx.reply(ctx.tr("generation-prompt-too-long", { length, limit }));
    return undefined;
  }
  return prompt;
}
