import { Composer } from "grammy";
import type { BotContext } from "../../context.js";
import { acknowledge, showScreen } from "../../reply.js";
import { adjustCredits } from "../../../domain/admin/adjust-credits.js";
import { adminId } from "./admin-access.js";
import { ADMIN_PATTERN } from "./admin-callbacks.js";
import { answering, askFor, forgetInput } from "./admin-input.js";
import { cancelKeyboard } from "./admin-menu.js";
import { adminErrorText } from "./admin-text.js";
import { showUserCard } from "./user-screens.js";

/** "+500 compensation for the outage": a signed whole number, then the reason. */
const ADJUSTMENT = /^([+-]?\d{1,9})(?:\s+([\s\S]*))?$/;

/**
 * Adjust credits: the admin sends the amount and the reason in one message; the change goes through
 * the ledger (admin_adjustment) and the audit log in one transaction. The message id names the
 * request, so a redelivered update applies it once.
 */
export const creditAdjustment = new Composer<BotContext>();

creditAdjustment.callbackQuery(ADMIN_PATTERN.adjust, async (ctx) => {
  await acknowledge(ctx);
  askFor(ctx, "adm:adjust", { userId: Number(ctx.match[1]) });
  await showScreen(ctx, ctx.tr("admin-adjust-ask"), cancelKeyboard(ctx));
});

creditAdjustment.on("message:text", async (ctx, next) => {
  const data = answering(ctx, "adm:adjust");
  if (!data) return next();
  const userId = Number(data.userId);
  const parsed = ADJUSTMENT.exec(ctx.message.text.trim());
  if (!parsed) {
    await ctx.reply(ctx.tr("admin-adjust-format"), { reply_markup: cancelKeyboard(ctx) });
    return;
  }
  const delta = Number(parsed[1]);
  let result: Awaited<ReturnType<typeof adjustCredits>>;
  try {
    result = await adjustCredits(ctx.deps.db, {
      adminTelegramId: adminId(ctx),
      userId,
      delta,
      reason: parsed[2] ?? "",
      requestKey: `msg:${ctx.message.message_id}`,
    });
  } catch (error) {
    await ctx.reply(adminErrorText(ctx, error), { reply_markup: cancelKeyboard(ctx) });
    return;
  }
  forgetInput(ctx);
  if (!result.ok) {
    await ctx.reply(ctx.tr("admin-adjust-insufficient", { amount: Math.abs(delta), balance: result.balance }));
  } else {
    ctx.log.info({ userId, delta, adminId: adminId(ctx) }, "admin adjusted a balance");
    await ctx.reply(ctx.tr("admin-adjust-done", { delta: delta > 0 ? `+${delta}` : `−${Math.abs(delta)}`, balance: result.balanceAfter }));
  }
  await showUserCard(ctx, userId);
});
