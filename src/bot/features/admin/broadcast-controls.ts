import { Composer, GrammyError, InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import type { BotContext } from "../../context.js";
import { acknowledge } from "../../reply.js";
import { stripTags } from "../../middlewares/ban-guard.js";
import { cbPattern } from "../../callback-data.js";
import { clockTime } from "../../../domain/admin/time-zone.js";
import { cancelBroadcast, getBroadcast, pauseBroadcast, resumeBroadcast, type Broadcast } from "../../../domain/broadcasts/broadcast-lifecycle.js";
import { progressView, type ProgressView } from "../../../domain/broadcasts/progress-view.js";
import { recipientCounts } from "../../../domain/broadcasts/recipients.js";
import { adminId } from "./admin-access.js";
import { adminErrorText } from "./admin-text.js";

const ID = "\\d{1,15}";
const PAUSE = cbPattern("bcast", "pause", ID);
const RESUME = cbPattern("bcast", "resume", ID);
const CANCEL = cbPattern("bcast", "cancel", ID);
const REFRESH = cbPattern("bcast", "refresh", ID);

/**
 * The buttons under a broadcast's progress message: pause, resume, cancel (all audited) and refresh.
 * Resume and cancel wake a worker: to continue sending, or to send the summary.
 */
export const broadcastControls = new Composer<BotContext>();

broadcastControls.callbackQuery(PAUSE, (ctx) =>
  control(ctx, Number(ctx.match[1]), (id) => pauseBroadcast(ctx.deps.db, { id, adminTelegramId: adminId(ctx) }), false),
);
broadcastControls.callbackQuery(RESUME, (ctx) =>
  control(ctx, Number(ctx.match[1]), (id) => resumeBroadcast(ctx.deps.db, { id, adminTelegramId: adminId(ctx) }), true),
);
broadcastControls.callbackQuery(CANCEL, (ctx) =>
  control(ctx, Number(ctx.match[1]), (id) => cancelBroadcast(ctx.deps.db, { id, adminTelegramId: adminId(ctx) }), true),
);
broadcastControls.callbackQuery(REFRESH, (ctx) => control(ctx, Number(ctx.match[1]), (id) => getBroadcast(ctx.deps.db, id), false));

async function control(ctx: BotContext, id: number, change: (id: number) => Promise<Broadcast>, wake: boolean): Promise<void> {
  let broadcast: Broadcast;
  try {
    broadcast = await change(id);
  } catch (error) {
    await acknowledge(ctx, stripTags(adminErrorText(ctx, error)));
    return;
  }
  await acknowledge(ctx);
  if (wake) await ctx.deps.admin.kickBroadcast(id);
  const view = await viewOf(ctx, broadcast);
  try {
    await ctx.editMessageText(view.text, { reply_markup: keyboardOf(view) });
  } catch (error) {
    if (error instanceof GrammyError && error.description.includes("message is not modified")) return;
    if (!(error instanceof GrammyError)) throw error;
    await ctx.reply(view.text, { reply_markup: keyboardOf(view) });
  }
}

/** The first progress message, right after the start; the workers edit it from then on. */
export async function sendProgressMessage(ctx: BotContext, broadcast: Broadcast): Promise<Message.TextMessage> {
  const view = await viewOf(ctx, broadcast);
  return ctx.reply(view.text, { reply_markup: keyboardOf(view) });
}

async function viewOf(ctx: BotContext, broadcast: Broadcast): Promise<ProgressView> {
  const counts = await recipientCounts(ctx.deps.db, broadcast.id);
  return progressView(ctx.tr, broadcast, counts, clockTime(new Date(), ctx.config.dailyReport.timeZone));
}

function keyboardOf(view: ProgressView): InlineKeyboard {
  return InlineKeyboard.from(view.buttons.map((row) => row.map((b) => InlineKeyboard.text(b.text, b.callbackData))));
}
