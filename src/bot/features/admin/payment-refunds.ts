import { createHash } from "node:crypto";
import { Composer, GrammyError, InlineKeyboard } from "grammy";
import type { BotContext } from "../../context.js";
import { acknowledge, showScreen } from "../../reply.js";
import { trustedHtml } from "../../../i18n/html.js";
import { refundPaymentByAdmin } from "../../../domain/admin/payment-refund.js";
import { recentPayments } from "../../../domain/admin/user-card.js";
import { PAYMENT_STATUS } from "../../../domain/payments/star-payments.js";
import type { StarPaymentRow } from "../../../db/schema/index.js";
import { adminId } from "./admin-access.js";
import { ADMIN, ADMIN_PATTERN } from "./admin-callbacks.js";
import { backToMenu } from "./admin-menu.js";
import { adminErrorText } from "./admin-text.js";

/** Payments listed for a refund. */
const LISTED = 10;

/**
 * Refund a Stars payment: the payments issue's operation (Telegram returns the Stars, the credits are
 * taken back, never below zero), audited. The user is told by the refunded_payment update Telegram
 * sends, once, like every other refund.
 */
export const paymentRefunds = new Composer<BotContext>();

paymentRefunds.callbackQuery(ADMIN_PATTERN.payments, async (ctx) => {
  await acknowledge(ctx);
  const userId = Number(ctx.match[1]);
  const rows = await recentPayments(ctx.deps.db, userId, LISTED);
  const keyboard = new InlineKeyboard();
  for (const row of rows.filter((p) => p.status === PAYMENT_STATUS.credited)) {
    keyboard.text(ctx.tr("admin-btn-refund-payment", { stars: row.stars, credits: row.credits }), ADMIN.refundPayment(userId, paymentToken(row.chargeId))).row();
  }
  keyboard.text(ctx.tr("admin-btn-back-to-user"), ADMIN.user(userId));
  const lines = rows.map((row) => paymentLine(ctx, row));
  const text = ctx.tr("admin-payments", { list: trustedHtml(lines.length > 0 ? lines.join("\n") : ctx.tr("admin-payments-none")) });
  await showScreen(ctx, text, backToMenu(ctx, keyboard));
});

paymentRefunds.callbackQuery(ADMIN_PATTERN.refundPayment, async (ctx) => {
  await acknowledge(ctx);
  const userId = Number(ctx.match[1]);
  const payment = await paymentByToken(ctx, userId, ctx.match[2] ?? "");
  if (!payment) return showScreen(ctx, ctx.tr("admin-error-payment-not-found"), backToMenu(ctx));
  const keyboard = new InlineKeyboard()
    .text(ctx.tr("admin-btn-confirm-refund"), ADMIN.confirmPaymentRefund(userId, paymentToken(payment.chargeId)))
    .row()
    .text(ctx.tr("admin-btn-back-to-user"), ADMIN.payments(userId));
  await showScreen(ctx, ctx.tr("admin-refund-payment-confirm", { stars: payment.stars, credits: payment.credits, chargeId: payment.chargeId }), keyboard);
});

paymentRefunds.callbackQuery(ADMIN_PATTERN.confirmPaymentRefund, async (ctx) => {
  await acknowledge(ctx);
  const userId = Number(ctx.match[1]);
  const payment = await paymentByToken(ctx, userId, ctx.match[2] ?? "");
  if (!payment) return showScreen(ctx, ctx.tr("admin-error-payment-not-found"), backToMenu(ctx));
  const back = new InlineKeyboard().text(ctx.tr("admin-btn-back-to-user"), ADMIN.user(userId));
  try {
    const refund = await refundPaymentByAdmin(ctx.deps.db, ctx.deps.admin.stars, ctx.deps.referrals, {
      adminTelegramId: adminId(ctx),
      chargeId: payment.chargeId,
    });
    ctx.log.info({ chargeId: payment.chargeId, deducted: refund.deducted, shortfall: refund.shortfall }, "admin refunded a Stars payment");
    const key = refund.telegram === "already_refunded" ? "admin-refund-payment-already" : "admin-refund-payment-done";
    await showScreen(ctx, ctx.tr(key, { stars: payment.stars, deducted: refund.deducted, shortfall: refund.shortfall }), backToMenu(ctx, back));
  } catch (error) {
    // Telegram refused (the Stars did not move, so neither did the credits): show its words.
    if (error instanceof GrammyError) {
      await showScreen(ctx, ctx.tr("admin-refund-payment-failed", { description: error.description }), backToMenu(ctx, back));
      return;
    }
    await showScreen(ctx, adminErrorText(ctx, error), backToMenu(ctx, back));
  }
});

/**
 * Charge ids are too long for callback data (64 bytes); buttons carry a digest of it instead, resolved
 * among that user's own payments, so a forged one matches nothing.
 */
export function paymentToken(chargeId: string): string {
  return createHash("sha256").update(chargeId).digest("base64url").slice(0, 16);
}

async function paymentByToken(ctx: BotContext, userId: number, token: string): Promise<StarPaymentRow | undefined> {
  const rows = await recentPayments(ctx.deps.db, userId, 100);
  return rows.find((row) => paymentToken(row.chargeId) === token);
}

function paymentLine(ctx: BotContext, row: StarPaymentRow): string {
  return ctx.tr("admin-payment-line", {
    date: row.createdAt.getTime(),
    stars: row.stars,
    credits: row.credits,
    status: row.status,
    chargeId: row.chargeId,
  });
}
