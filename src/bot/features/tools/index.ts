import { Composer } from "grammy";
import type { GenerationDraftRow } from "../../../db/schema/index.js";
import type { CatalogModel } from "../../../domain/catalog/catalog-model.js";
import { findOpenDraft, updateOpenDraft } from "../../../domain/generation/draft-repository.js";
import { stripTags } from "../../middlewares/ban-guard.js";
import { acknowledge, showScreen } from "../../reply.js";
import type { BotContext } from "../../context.js";
import { requireUser } from "../../context.js";
import { TOOL_PATTERNS } from "./tool-callbacks.js";
import { decodeChoices } from "./tool-choices.js";
import { pressToolStart } from "./tool-press.js";
import { offersTools, promptRequestScreen, toolScreen } from "./tool-screens.js";

export { offersTools, promptRequestScreen } from "./tool-screens.js";

/**
 * Image tools (F15, F32–F35b) for a picture sent without a prompt: the tool buttons on the request
 * for a prompt, each tool's screen with its options and price, and Start — which charges and runs
 * the tool through the generation pipeline. Every screen edits the same message in place.
 */
export const tools = new Composer<BotContext>();

tools.callbackQuery(TOOL_PATTERNS.open, async (ctx) => {
  const draft = await pictureOrExpired(ctx, Number(ctx.match[1]));
  const tool = draft && (await toolOrUnavailable(ctx, ctx.match[2] ?? ""));
  if (!draft || !tool) return;
  const params = decodeChoices(tool, ctx.match[3] ?? "");
  if (!params) {
    await ctx.answerCallbackQuery({ text: stripTags(ctx.tr("menu-expired")), show_alert: true });
    return;
  }
  await acknowledge(ctx);
  const screen = await toolScreen(ctx, draft.id, tool, params);
  await showScreen(ctx, screen.text, screen.keyboard);
});

tools.callbackQuery(TOOL_PATTERNS.back, async (ctx) => {
  const draft = await pictureOrExpired(ctx, Number(ctx.match[1]));
  if (!draft) return;
  await acknowledge(ctx);
  const screen = await promptRequestScreen(ctx, draft);
  await showScreen(ctx, screen.text, screen.keyboard);
});

tools.callbackQuery(TOOL_PATTERNS.start, async (ctx) => {
  const draftId = Number(ctx.match[1]);
  const tool = await toolOrUnavailable(ctx, ctx.match[2] ?? "");
  if (!tool) return;
  const params = decodeChoices(tool, ctx.match[3] ?? "");
  if (!params) {
    await ctx.answerCallbackQuery({ text: stripTags(ctx.tr("menu-expired")), show_alert: true });
    return;
  }
  await pressToolStart(ctx, { draftId, tool, params, shownPrice: Number(ctx.match[4]) });
});

/**
 * Shows a tool's screen as a new message replying to the picture, and makes it the draft's menu (so a
 * newer draft closes it, and Start turns it into the status message): Retry of a failed tool run.
 */
export async function sendToolScreen(ctx: BotContext, draft: GenerationDraftRow, tool: CatalogModel, params: Record<string, string>): Promise<void> {
  const screen = await toolScreen(ctx, draft.id, tool, params);
  const sent = await ctx.api.sendMessage(draft.chatId, screen.text, {
    reply_markup: screen.keyboard,
    ...(draft.promptMessageId ? { reply_parameters: { message_id: draft.promptMessageId, allow_sending_without_reply: true } } : {}),
  });
  await updateOpenDraft(ctx.deps.db, draft.userId, draft.id, { menuMessageId: sent.message_id });
}

/** The user's open draft of one picture without a prompt, or undefined after saying the screen is stale. */
async function pictureOrExpired(ctx: BotContext, draftId: number): Promise<GenerationDraftRow | undefined> {
  const draft = await findOpenDraft(ctx.deps.db, requireUser(ctx).id, draftId);
  if (draft && offersTools(draft)) return draft;
  await ctx.answerCallbackQuery({ text: stripTags(ctx.tr("generation-draft-expired")), show_alert: true });
  return undefined;
}

/** An enabled tool, or undefined after saying it is not available (an admin turned it off meanwhile). */
async function toolOrUnavailable(ctx: BotContext, key: string): Promise<CatalogModel | undefined> {
  const tool = await ctx.deps.generation.findModel(key);
  if (tool?.enabled && tool.kind === "tool") return tool;
  await ctx.answerCallbackQuery({ text: stripTags(ctx.tr("tool-unavailable")), show_alert: true });
  return undefined;
}
