import type { RefundedPayment, StarAmount, StarTransactions } from "grammy/types";
import { badRequest } from "../api-error.js";
import { unixNow } from "../clock.js";
import { readInvoiceTerms } from "../invoices.js";
import { readReplyMarkup } from "../validation/reply-markup.js";
import { readReplyTarget, sendBotMessage } from "./bot-message.js";
import type { MethodHandler } from "./method-context.js";

/** Invoices, the pre-checkout answer, refunds and the Stars ledger. */
export const paymentMethods: Record<string, MethodHandler> = {
  sendInvoice: ({ bot, params }) => {
    const terms = readInvoiceTerms(params);
    const markup = readReplyMarkup(params, { inlineOnly: true });
    const chat = bot.chats.resolveWritable(params.chatId());
    const invoice = {
      title: terms.title,
      description: terms.description,
      start_parameter: terms.start_parameter ?? "",
      currency: terms.currency,
      total_amount: terms.total_amount,
    };
    const message = sendBotMessage(bot, chat, { invoice, ...readReplyTarget(params, chat) }, markup);
    bot.invoices.rememberMessage(chat.chat.id, message.message_id, terms);
    return message;
  },

  createInvoiceLink: ({ bot, params }) => bot.invoices.createLink(readInvoiceTerms(params)),

  answerPreCheckoutQuery: ({ bot, params }) => {
    const queryId = params.requiredString("pre_checkout_query_id");
    if (params.boolean("ok")) {
      bot.preCheckoutQueries.answer(queryId, { ok: true });
    } else {
      const errorMessage = params.string("error_message");
      bot.preCheckoutQueries.answer(queryId, errorMessage === undefined ? { ok: false } : { ok: false, errorMessage });
    }
    return true;
  },

  refundStarPayment: ({ bot, params }) => {
    const userId = params.integer("user_id");
    if (userId === undefined) throw badRequest("user_id is empty");
    const charge = bot.ledger.refund(userId, params.requiredString("telegram_payment_charge_id"), unixNow());
    const refunded: RefundedPayment = {
      currency: "XTR",
      total_amount: charge.terms.total_amount,
      invoice_payload: charge.terms.payload,
      telegram_payment_charge_id: charge.id,
    };
    const chat = bot.chats.get(userId);
    if (chat !== undefined) bot.receiveMessage(chat, charge.user, { refunded_payment: refunded });
    return true;
  },

  getStarTransactions: ({ bot, params }): StarTransactions => {
    const offset = Math.max(0, params.integer("offset") ?? 0);
    const requested = params.integer("limit") ?? 100;
    const limit = requested < 1 || requested > 100 ? 100 : requested;
    return { transactions: bot.starTransactions.slice(offset, offset + limit) };
  },

  getMyStarBalance: ({ bot }): StarAmount => ({ amount: bot.ledger.balance() }),
};
