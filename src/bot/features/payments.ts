import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { stripTags } from "../middlewares/ban-guard.js";
import { getBalance } from "../../domain/ledger/ledger.js";
import { checkPreCheckout } from "../../domain/payments/pre-checkout.js";
import { paymentCreditedNotice, paymentRefundedNotice } from "../../domain/payments/payment-notices.js";
import { claimRefundNotice, recordPayment, reversePayment } from "../../domain/payments/star-payments.js";

/**
 * Telegram's payment updates. Registered before the consent gate and reachable for everyone: a payment
 * in flight must complete whatever happened to the policy or the ban meanwhile (the ban guard already
 * refuses a banned user's pre-checkout query with the ban notice, before this runs).
 */
export const payments = new Composer<BotContext>();

// Telegram cancels the payment if this is not answered within 10 s: one indexed query, then the answer.
payments.on("pre_checkout_query", async (ctx) => {
  const query = ctx.preCheckoutQuery;
  const user = ctx.user;
  const verdict = user
    ? await checkPreCheckout(ctx.deps.db, ctx.deps.settings.payments(), {
        payload: query.invoice_payload,
        payerUserId: user.id,
        currency: query.currency,
        totalAmount: query.total_amount,
      })
    : ({ ok: false, reason: "order_not_found" } as const);
  if (verdict.ok) {
    await ctx.answerPreCheckoutQuery(true);
  } else {
    const message = stripTags(ctx.t(`payment-refused-${verdict.reason.replaceAll("_", "-")}`));
    await ctx.answerPreCheckoutQuery(false, { error_message: message });
  }
  const reason = verdict.ok ? undefined : verdict.reason;
  ctx.log.info({ ok: verdict.ok, reason, stars: query.total_amount }, "pre-checkout answered");
});

// Credits exactly once per charge id, however often Telegram delivers the message.
payments.on("message:successful_payment", async (ctx) => {
  const paid = ctx.message.successful_payment;
  const outcome = await recordPayment(
    ctx.deps.db,
    {
      chargeId: paid.telegram_payment_charge_id,
      payerTelegramId: ctx.from.id,
      payload: paid.invoice_payload,
      currency: paid.currency,
      totalAmount: paid.total_amount,
      source: "update",
    },
    ctx.deps.referrals,
  );
  const log = ctx.log.child({ chargeId: paid.telegram_payment_charge_id, stars: paid.total_amount });
  if (outcome.status === "credited") {
    log.info({ credits: outcome.credits, userId: outcome.userId }, "payment credited");
    const balance = outcome.balanceAfter;
    await ctx.reply(paymentCreditedNotice(ctx.tr, { credits: outcome.credits, stars: paid.total_amount, balance }));
  } else if (outcome.status === "unmatched") {
    // Money arrived but granted nothing: reconciliation alerts the admins about this row.
    log.error({ reason: outcome.reason, payload: paid.invoice_payload }, "payment matches no order");
    await ctx.reply(ctx.tr("payment-unmatched", { stars: paid.total_amount }));
  } else {
    log.info("payment delivered again; already recorded");
  }
});

// A refund (ours or Telegram's) takes back what that charge granted, once; the user is told once.
payments.on("message:refunded_payment", async (ctx) => {
  const refunded = ctx.message.refunded_payment;
  const chargeId = refunded.telegram_payment_charge_id;
  const outcome = await reversePayment(ctx.deps.db, chargeId, ctx.deps.referrals);
  const log = ctx.log.child({ chargeId, stars: refunded.total_amount });
  if (outcome.status === "not_found") {
    log.error("refund of a charge we never recorded");
    return;
  }
  if (outcome.status === "reversed") {
    const level = outcome.shortfall > 0 ? "warn" : "info";
    log[level]({ deducted: outcome.deducted, shortfall: outcome.shortfall, userId: outcome.userId }, "refunded payment reversed");
  }
  const notice = await claimRefundNotice(ctx.deps.db, chargeId);
  if (!notice || notice.userId === null) return;
  const balance = await getBalance(ctx.deps.db, notice.userId);
  await ctx.reply(paymentRefundedNotice(ctx.tr, { stars: notice.stars, deducted: notice.refundedCredits ?? 0, balance }));
});
