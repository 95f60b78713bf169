import { GrammyError, type InlineKeyboard } from "grammy";
import type { GenerationDraftRow, GenerationRow, StoredReference } from "../../../db/schema/index.js";
import type { CatalogModel } from "../../../domain/catalog/catalog-model.js";
import { openDraft, updateOpenDraft, type NewDraft } from "../../../domain/generation/draft-repository.js";
import { loadPreference } from "../../../domain/generation/preferences.js";
import { loadWallet } from "../../../domain/generation/wallet.js";
import { kindOf } from "../../../domain/generation/generation-kind.js";
import { promptRequestScreen, sendToolScreen } from "../tools/index.js";
import type { BotContext } from "../../context.js";
import { requireUser } from "../../context.js";
import { renderDraft } from "./draft-view.js";

/** The model a new draft starts with: the user's last choice if still enabled, else the first in the menu. */
export async function initialModel(ctx: BotContext, userId: number): Promise<{ model: CatalogModel; params: Record<string, string> } | undefined> {
  const [preference, models] = await Promise.all([loadPreference(ctx.deps.db, userId), ctx.deps.generation.listModels()]);
  const preferred = preference ? models.find((m) => m.key === preference.modelKey) : undefined;
  const model = preferred ?? models[0];
  if (!model) return undefined;
  return { model, params: preference?.params[model.key] ?? {} };
}

/**
 * Starts a new draft from what the user just sent (it replaces any open draft, whose menu is closed)
 * and shows its menu as a reply to the user's message. Without a prompt (images with no caption) the
 * user is asked for one instead, and a single picture is also offered the image tools; that message
 * is then the draft's menu, closed like one when something replaces it.
 */
export async function beginDraft(
  ctx: BotContext,
  input: { prompt: string | null; references: StoredReference[]; promptMessageId: number; chatId: number },
): Promise<void> {
  const user = requireUser(ctx);
  const start = await initialModel(ctx, user.id);
  if (!start) {
    await ctx.reply(ctx.tr("generation-model-unavailable"));
    return;
  }
  const draft = await replaceDraft(ctx, {
    userId: user.id,
    chatId: input.chatId,
    prompt: input.prompt,
    references: input.references,
    promptMessageId: input.promptMessageId,
    modelKey: start.model.key,
    params: start.params,
  });
  if (draft.prompt === null) {
    const screen = await promptRequestScreen(ctx, draft);
    const sent = await ctx.api.sendMessage(input.chatId, screen.text, {
      reply_parameters: { message_id: input.promptMessageId, allow_sending_without_reply: true },
      ...(screen.keyboard ? { reply_markup: screen.keyboard } : {}),
    });
    if (screen.keyboard) await updateOpenDraft(ctx.deps.db, user.id, draft.id, { menuMessageId: sent.message_id });
    return;
  }
  await sendDraftMenu(ctx, draft, start.model);
}

/**
 * Sends the menu as a new message replying to the prompt and remembers it as the draft's menu. The
 * draft's earlier menu (the tool offer of a picture that has now got its prompt) loses its buttons.
 */
export async function sendDraftMenu(ctx: BotContext, draft: GenerationDraftRow, model: CatalogModel): Promise<void> {
  await closeMenu(ctx, draft);
  const screen = renderDraft(ctx, draft, model, await walletOf(ctx));
  const sent = await ctx.api.sendMessage(draft.chatId, screen.text, {
    reply_markup: screen.keyboard,
    ...(draft.promptMessageId ? { reply_parameters: { message_id: draft.promptMessageId, allow_sending_without_reply: true } } : {}),
  });
  await updateOpenDraft(ctx.deps.db, draft.userId, draft.id, { menuMessageId: sent.message_id });
}

/** Re-renders the menu in place (after a model or parameter change, or Back). */
export async function editDraftMenu(ctx: BotContext, draft: GenerationDraftRow, model: CatalogModel): Promise<void> {
  const screen = renderDraft(ctx, draft, model, await walletOf(ctx));
  await editQuietly(ctx, screen.text, screen.keyboard);
}

export async function walletOf(ctx: BotContext): Promise<{ balance: number; trialsLeft: number }> {
  return loadWallet(ctx.deps.db, requireUser(ctx).id, ctx.config.generationLimits.trialGenerations);
}

/** Edits the pressed message; an unchanged screen or a vanished message is not an error worth a reply. */
export async function editQuietly(ctx: BotContext, text: string, keyboard?: InlineKeyboard): Promise<void> {
  try {
    await ctx.editMessageText(text, keyboard ? { reply_markup: keyboard } : {});
  } catch (error) {
    if (error instanceof GrammyError && /message is not modified|message to edit not found/.test(error.description)) return;
    throw error;
  }
}

async function closeMenu(ctx: BotContext, draft: GenerationDraftRow): Promise<void> {
  if (!draft.menuMessageId) return;
  await ctx.api
    .editMessageReplyMarkup(draft.chatId, draft.menuMessageId, { reply_markup: { inline_keyboard: [] } })
    .catch(() => undefined);
}

/**
 * A new draft repeating a past generation's settings (Retry / Regenerate), shown with today's price.
 * A tool run's Retry shows the tool's screen for the same picture and options instead.
 */
export async function beginDraftFromGeneration(ctx: BotContext, generation: GenerationRow): Promise<void> {
  if (kindOf(generation) === "tool") return beginToolDraftFromRun(ctx, generation);
  const model = await ctx.deps.generation.findModel(generation.modelKey);
  if (!model?.enabled) {
    await ctx.reply(ctx.tr("generation-model-unavailable"));
    return;
  }
  const draft = await replaceDraft(ctx, {
    userId: generation.userId,
    chatId: generation.chatId,
    prompt: generation.prompt,
    // Uploaded copies expire at the provider; the worker uploads again from the Telegram file ids.
    references: generation.references.map(({ uploadedUrl: _expired, ...rest }) => rest),
    promptMessageId: generation.promptMessageId,
    modelKey: generation.modelKey,
    params: generation.params,
  });
  await sendDraftMenu(ctx, draft, model);
}

async function beginToolDraftFromRun(ctx: BotContext, run: GenerationRow): Promise<void> {
  const tool = await ctx.deps.generation.findModel(run.modelKey);
  const start = await initialModel(ctx, run.userId);
  if (!tool?.enabled || tool.kind !== "tool" || !start) {
    await ctx.reply(ctx.tr("tool-unavailable"));
    return;
  }
  // The draft carries a model like any picture without a prompt: a prompt sent now makes it a generation.
  const draft = await replaceDraft(ctx, {
    userId: run.userId,
    chatId: run.chatId,
    prompt: null,
    references: run.references.map(({ uploadedUrl: _expired, ...rest }) => rest),
    promptMessageId: run.promptMessageId,
    modelKey: start.model.key,
    params: start.params,
  });
  await sendToolScreen(ctx, draft, tool, run.params);
}

/** Opens the new draft and takes the buttons off the menu of the one it replaces. */
async function replaceDraft(ctx: BotContext, input: NewDraft): Promise<GenerationDraftRow> {
  const { draft, replaced } = await openDraft(ctx.deps.db, input);
  if (replaced?.menuMessageId) await closeMenu(ctx, replaced);
  return draft;
}
