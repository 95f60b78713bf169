import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../context.js";
import { acknowledge, showScreen } from "../../reply.js";
import { trustedHtml } from "../../../i18n/html.js";
import { refundGenerationByAdmin } from "../../../domain/admin/generation-refund.js";
import { recentGenerations } from "../../../domain/admin/user-card.js";
import { getGeneration } from "../../../domain/generation/generation-repository.js";
import { FINAL_STATUSES } from "../../../domain/generation/generation-status.js";
import type { GenerationRow } from "../../../db/schema/index.js";
import { adminId } from "./admin-access.js";
import { ADMIN, ADMIN_PATTERN } from "./admin-callbacks.js";
import { backToMenu } from "./admin-menu.js";
import { adminErrorText } from "./admin-text.js";

/** Generations listed for a refund: the latest ones are what complaints are about. */
const LISTED = 10;

/**
 * Refund a generation's credits by hand: a list of the user's latest generations, a confirmation, then
 * the refund under the same ledger key as the automatic one, so it can happen only once, never for a
 * trial and never while the generation still runs.
 */
export const generationRefunds = new Composer<BotContext>();

generationRefunds.callbackQuery(ADMIN_PATTERN.generations, async (ctx) => {
  await acknowledge(ctx);
  const userId = Number(ctx.match[1]);
  const rows = await recentGenerations(ctx.deps.db, userId, LISTED);
  const keyboard = new InlineKeyboard();
  for (const row of rows.filter(refundable)) {
    keyboard.text(ctx.tr("admin-btn-refund-generation", { id: row.id, credits: row.priceCredits }), ADMIN.refundGeneration(row.id)).row();
  }
  keyboard.text(ctx.tr("admin-btn-back-to-user"), ADMIN.user(userId));
  const lines = rows.map((row) => generationLine(ctx, row));
  const text = ctx.tr("admin-generations", { list: trustedHtml(lines.length > 0 ? lines.join("\n") : ctx.tr("admin-generations-none")) });
  await showScreen(ctx, text, backToMenu(ctx, keyboard));
});

generationRefunds.callbackQuery(ADMIN_PATTERN.refundGeneration, async (ctx) => {
  await acknowledge(ctx);
  const row = await getGeneration(ctx.deps.db, Number(ctx.match[1]));
  if (!row) return showScreen(ctx, ctx.tr("admin-error-generation-not-found"), backToMenu(ctx));
  const keyboard = new InlineKeyboard()
    .text(ctx.tr("admin-btn-confirm-refund"), ADMIN.confirmGenerationRefund(row.id))
    .row()
    .text(ctx.tr("admin-btn-back-to-user"), ADMIN.generations(row.userId));
  await showScreen(ctx, ctx.tr("admin-refund-generation-confirm", { id: row.id, credits: row.priceCredits, model: row.modelKey }), keyboard);
});

generationRefunds.callbackQuery(ADMIN_PATTERN.confirmGenerationRefund, async (ctx) => {
  await acknowledge(ctx);
  const generationId = Number(ctx.match[1]);
  try {
    const refund = await refundGenerationByAdmin(ctx.deps.db, { adminTelegramId: adminId(ctx), generationId });
    ctx.log.info({ generationId, credits: refund.refundedCredits, adminId: adminId(ctx) }, "admin refunded a generation");
    const keyboard = new InlineKeyboard().text(ctx.tr("admin-btn-back-to-user"), ADMIN.user(refund.generation.userId));
    await showScreen(ctx, ctx.tr("admin-refund-generation-done", { id: generationId, credits: refund.refundedCredits, balance: refund.balanceAfter }), backToMenu(ctx, keyboard));
  } catch (error) {
    await showScreen(ctx, adminErrorText(ctx, error), backToMenu(ctx));
  }
});

function refundable(row: GenerationRow): boolean {
  return (FINAL_STATUSES as readonly string[]).includes(row.status) && !row.paidWithTrial && row.priceCredits > 0 && row.refundedAt === null;
}

function generationLine(ctx: BotContext, row: GenerationRow): string {
  const paid = row.paidWithTrial ? ctx.t("admin-generation-trial") : ctx.t("admin-generation-price", { credits: row.priceCredits });
  return ctx.tr("admin-generation-line", {
    id: row.id,
    model: row.modelKey,
    status: row.status,
    paid,
    refunded: row.refundedAt ? ctx.t("admin-generation-refunded") : "",
    date: row.createdAt.getTime(),
  });
}
