import { Composer, GrammyError, InlineKeyboard } from "grammy";
import type { GenerationRow } from "../../db/schema/index.js";
import { kindOf } from "../../domain/generation/generation-kind.js";
import { getGenerationByPublicId } from "../../domain/generation/generation-repository.js";
import { listDeliveredImages } from "../../domain/generation/image-history.js";
import { cutText, deliveryCaption } from "../../domain/generation/result-caption.js";
import { toolEmoji, toolName, toolOptionsSummary } from "../../domain/tools/tool-labels.js";
import { cb, cbPattern } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { requireUser } from "../context.js";
import { HOME } from "../keyboards/home-keyboard.js";
import { stripTags } from "../middlewares/ban-guard.js";
import { acknowledge, showScreen } from "../reply.js";

/** Images per page: five lines and five "send again" buttons fit one phone screen. */
const PAGE_SIZE = 5;
/** Characters of a prompt shown in the list; the full one comes with the image. */
const PROMPT_PREVIEW = 60;
/** Pages are numbered from 0 in callback data (page 0 is HOME.images); a forged huge number just shows the last page. */
const PAGE = cbPattern("img", "page", "\\d{1,6}");
const SEND = cbPattern("img", "send", "[0-9a-f-]{36}");

/**
 * /images and the "My images" button: the user's delivered generations and tool results, newest first,
 * page by page, each sent again on request by its stored Telegram file id — which keeps working after
 * the provider has deleted its copy (W41).
 */
export const myImages = new Composer<BotContext>();

myImages.command("images", (ctx) => showImages(ctx, 0));
myImages.callbackQuery(PAGE, async (ctx) => {
  await acknowledge(ctx);
  await showImages(ctx, Number(ctx.match[1]));
});

myImages.callbackQuery(SEND, async (ctx) => {
  const row = await getGenerationByPublicId(ctx.deps.db, ctx.match[1] ?? "");
  if (!row || row.userId !== requireUser(ctx).id || row.status !== "delivered" || row.resultFileIds.length === 0) {
    await ctx.answerCallbackQuery({ text: stripTags(ctx.tr("images-gone")), show_alert: true });
    return;
  }
  await acknowledge(ctx);
  await sendAgain(ctx, row);
});

async function showImages(ctx: BotContext, requestedPage: number): Promise<void> {
  const userId = requireUser(ctx).id;
  let page = requestedPage;
  let { rows, total } = await listDeliveredImages(ctx.deps.db, userId, { limit: PAGE_SIZE, offset: page * PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (total > 0 && rows.length === 0) {
    page = pages - 1;
    ({ rows, total } = await listDeliveredImages(ctx.deps.db, userId, { limit: PAGE_SIZE, offset: page * PAGE_SIZE }));
  }
  const footer = new InlineKeyboard().text(ctx.tr("btn-profile"), HOME.profile).text(ctx.tr("btn-home"), HOME.show);
  if (total === 0) {
    await showScreen(ctx, ctx.tr("images-empty"), footer);
    return;
  }
  const lines = await Promise.all(rows.map((row, index) => itemText(ctx, row, page * PAGE_SIZE + index + 1)));
  const text = [ctx.tr("images-title", { page: page + 1, pages }), "", lines.join("\n\n")].join("\n");
  const keyboard = new InlineKeyboard();
  rows.forEach((row, index) => keyboard.text(ctx.tr("btn-images-send", { number: page * PAGE_SIZE + index + 1 }), cb("img", "send", row.publicId)));
  keyboard.row();
  if (page > 0) keyboard.text(ctx.tr("btn-images-newer"), cb("img", "page", page - 1));
  if (page < pages - 1) keyboard.text(ctx.tr("btn-images-older"), cb("img", "page", page + 1));
  await showScreen(ctx, text, keyboard.row().append(footer));
}

/** "3. date · model" and a short prompt for a generation; "3. date · tool · options" for a tool run. */
async function itemText(ctx: BotContext, row: GenerationRow, number: number): Promise<string> {
  const model = await ctx.deps.generation.findModel(row.modelKey);
  const date = (row.deliveredAt ?? row.createdAt).getTime();
  if (kindOf(row) === "tool") {
    const tool = model ?? { key: row.modelKey, name: row.modelKey };
    const options = toolOptionsSummary(ctx.tr, model, row.params);
    return ctx.tr("images-item-tool", {
      number,
      date,
      emoji: toolEmoji(tool),
      tool: toolName(ctx.tr, tool),
      options: options === "" ? "" : ` · ${options}`,
    });
  }
  return ctx.tr("images-item", { number, date, model: model?.name ?? row.modelKey, prompt: cutText(row.prompt.trim(), PROMPT_PREVIEW) });
}

/** Every result of the run again, as documents by file id, the first with its original caption. */
async function sendAgain(ctx: BotContext, row: GenerationRow): Promise<void> {
  const caption = deliveryCaption(ctx.tr, row, await ctx.deps.generation.findModel(row.modelKey));
  try {
    for (const [index, fileId] of row.resultFileIds.entries()) {
      await ctx.replyWithDocument(fileId, index === 0 ? { caption } : {});
    }
  } catch (error) {
    // Telegram no longer knows the file (it never forgets a bot's own file ids, but a copied database might).
    if (error instanceof GrammyError && error.error_code === 400) {
      ctx.log.warn({ generationId: row.id, description: error.description }, "a stored result could not be sent again");
      await ctx.reply(ctx.tr("images-gone"));
      return;
    }
    throw error;
  }
}
