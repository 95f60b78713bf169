import { Composer, InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import type { BotContext } from "../context.js";
import { requireUser } from "../context.js";
import { cb, cbPattern } from "../callback-data.js";
import { HOME } from "../keyboards/home-keyboard.js";
import { acknowledge, showScreen } from "../reply.js";
import { getBalance } from "../../domain/ledger/ledger.js";
import { estimatedGenerations } from "../../domain/ledger/generation-estimate.js";
import { creditsForStars } from "../../domain/payments/exchange-rate.js";
import { createOrder } from "../../domain/payments/orders.js";
import { creditsText } from "../../domain/payments/payment-notices.js";
import {
  parseCustomStars,
  PaymentsDisabledError,
  quoteTopUp,
  TopUpAmountNotANumberError,
  TopUpAmountTooLargeError,
  TopUpAmountTooSmallError,
  type TopUpQuote,
} from "../../domain/payments/top-up-amount.js";

export const TOP_UP = {
  show: cb("topup", "show"),
  custom: cb("topup", "custom"),
  cancel: cb("topup", "cancel"),
} as const;
const PICK = cbPattern("topup", "pick", "\\d{1,9}");
const PAY = cbPattern("topup", "pay", "\\d{1,9}");

/** The session `awaiting` kind while the bot waits for a typed amount. */
const AWAITING_AMOUNT = "topup-amount";
/** A question older than this is forgotten: the user's next text is probably about something else. */
const AWAITING_TTL_MS = 10 * 60_000;

/** Telegram's limits for Stars invoices (characters). */
const INVOICE_TITLE_MAX = 32;
const INVOICE_DESCRIPTION_MAX = 255;

/**
 * /topup: presets or a typed amount → a confirmation "X credits for Y ⭐" → an XTR invoice naming a
 * stored order. The amount is checked again at every step, because callback data can be forged.
 */
export const topUp = new Composer<BotContext>();

// First, so a typed amount is taken before any other text handler, and a command cancels the question.
topUp.on("message:text", async (ctx, next) => {
  const awaiting = ctx.session.awaiting;
  if (awaiting?.kind !== AWAITING_AMOUNT) return next();
  if (isCommand(ctx.message) || Date.now() - awaiting.since > AWAITING_TTL_MS) {
    ctx.session.awaiting = undefined;
    return next();
  }
  let quote: TopUpQuote;
  try {
    quote = parseCustomStars(ctx.message.text, ctx.deps.settings.payments());
  } catch (error) {
    if (error instanceof PaymentsDisabledError) ctx.session.awaiting = undefined;
    const keyboard = error instanceof PaymentsDisabledError ? undefined : cancelKeyboard(ctx);
    await ctx.reply(topUpErrorText(ctx, error), keyboard ? { reply_markup: keyboard } : {});
    return;
  }
  ctx.session.awaiting = undefined;
  await ctx.reply(confirmationText(ctx, quote), { reply_markup: confirmationKeyboard(ctx, quote) });
});

topUp.command("topup", (ctx) => showTopUp(ctx));
topUp.callbackQuery([HOME.topUp, TOP_UP.show], async (ctx) => {
  await acknowledge(ctx);
  await showTopUp(ctx);
});

topUp.callbackQuery(TOP_UP.custom, async (ctx) => {
  await acknowledge(ctx);
  const payments = ctx.deps.settings.payments();
  if (!payments.enabled) return showScreen(ctx, ctx.tr("topup-disabled"), homeKeyboard(ctx));
  ctx.session.awaiting = { kind: AWAITING_AMOUNT, since: Date.now() };
  const question = ctx.tr("topup-custom-ask", { min: payments.customMinStars, max: payments.customMaxStars });
  await showScreen(ctx, question, cancelKeyboard(ctx));
});

topUp.callbackQuery(TOP_UP.cancel, async (ctx) => {
  ctx.session.awaiting = undefined;
  await acknowledge(ctx, ctx.tr("topup-cancelled"));
  await showTopUp(ctx);
});

topUp.callbackQuery(PICK, async (ctx) => {
  await acknowledge(ctx);
  const quote = await quoteOrExplain(ctx, Number(ctx.match[1]));
  if (quote) await showScreen(ctx, confirmationText(ctx, quote), confirmationKeyboard(ctx, quote));
});

topUp.callbackQuery(PAY, async (ctx) => {
  await acknowledge(ctx);
  const quote = await quoteOrExplain(ctx, Number(ctx.match[1]));
  if (!quote) return;
  const payments = ctx.deps.settings.payments();
  const order = await createOrder(ctx.deps.db, { userId: requireUser(ctx).id, quote }, payments);
  await showScreen(ctx, ctx.tr("topup-invoice-sent"));
  // Invoice texts are plain text (no HTML), so they come from ctx.t, not ctx.tr.
  const credits = creditsText(ctx.t, quote.credits);
  const title = clamp(ctx.t("topup-invoice-title", { credits }), INVOICE_TITLE_MAX);
  const description = clamp(ctx.t("topup-invoice-description", { credits }), INVOICE_DESCRIPTION_MAX);
  await ctx.replyWithInvoice(title, description, order.payload, "XTR", [{ label: title, amount: quote.stars }]);
  ctx.log.info({ orderId: order.id, stars: quote.stars, credits: quote.credits }, "top-up invoice sent");
});

async function showTopUp(ctx: BotContext): Promise<void> {
  const payments = ctx.deps.settings.payments();
  if (!payments.enabled) return showScreen(ctx, ctx.tr("topup-disabled"), homeKeyboard(ctx));
  const balance = await getBalance(ctx.deps.db, requireUser(ctx).id);
  const text = ctx.tr("topup-title", {
    rateStars: payments.exchangeRate.stars,
    rateCredits: creditsText(ctx.tr, payments.exchangeRate.credits),
    balance: creditsText(ctx.tr, balance),
  });
  const keyboard = new InlineKeyboard();
  payments.presetStars.forEach((stars, index) => {
    const credits = creditsText(ctx.tr, creditsForStars(stars, payments.exchangeRate));
    keyboard.text(ctx.t("topup-preset", { stars, credits }), cb("topup", "pick", stars));
    if (index % 2 === 1) keyboard.row();
  });
  keyboard.row().text(ctx.tr("btn-topup-custom"), TOP_UP.custom).row().text(ctx.tr("btn-home"), HOME.show);
  await showScreen(ctx, text, keyboard);
}

/** The quote for a chosen amount, or undefined after telling the user why there is none. */
async function quoteOrExplain(ctx: BotContext, stars: number): Promise<TopUpQuote | undefined> {
  try {
    return quoteTopUp(stars, ctx.deps.settings.payments());
  } catch (error) {
    await showScreen(ctx, topUpErrorText(ctx, error), homeKeyboard(ctx));
    return undefined;
  }
}

function confirmationText(ctx: BotContext, quote: TopUpQuote): string {
  const generations = estimatedGenerations(quote.credits, ctx.deps.settings.payments());
  return ctx.tr("topup-confirm", {
    credits: creditsText(ctx.tr, quote.credits),
    stars: quote.stars,
    generations: ctx.tr("profile-generations", { count: generations }),
  });
}

function confirmationKeyboard(ctx: BotContext, quote: TopUpQuote): InlineKeyboard {
  return new InlineKeyboard()
    .text(ctx.tr("btn-topup-pay", { stars: quote.stars }), cb("topup", "pay", quote.stars))
    .row()
    .text(ctx.tr("btn-back"), TOP_UP.show);
}

function cancelKeyboard(ctx: BotContext): InlineKeyboard {
  return new InlineKeyboard().text(ctx.tr("btn-topup-cancel"), TOP_UP.cancel);
}

function homeKeyboard(ctx: BotContext): InlineKeyboard {
  return new InlineKeyboard().text(ctx.tr("btn-home"), HOME.show);
}

/** One localized message per way an amount can be refused. */
function topUpErrorText(ctx: BotContext, error: unknown): string {
  if (error instanceof PaymentsDisabledError) return ctx.tr("topup-disabled");
  if (error instanceof TopUpAmountNotANumberError) return ctx.tr("topup-error-not-a-number");
  if (error instanceof TopUpAmountTooSmallError) return ctx.tr("topup-error-too-small", { min: error.minStars });
  if (error instanceof TopUpAmountTooLargeError) return ctx.tr("topup-error-too-large", { max: error.maxStars });
  throw error;
}

function isCommand(message: Message): boolean {
  return message.entities?.some((e) => e.type === "bot_command" && e.offset === 0) ?? false;
}

/** Translations are checked against the limits in tests; this keeps a future long one from breaking invoices. */
function clamp(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}
