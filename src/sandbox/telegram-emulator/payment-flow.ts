import type { SuccessfulPayment, User } from "grammy/types";
import type { ChatState } from "./chat-state.js";
import { unixNow } from "./clock.js";
import type { EmulatedBotImpl } from "./emulated-bot.js";
import { createNumericIdSource } from "./ids.js";
import type { InvoiceTerms } from "./invoices.js";
import type { PaymentOutcome } from "./types.js";

const preCheckoutQueryIds = createNumericIdSource();

/**
 * Telegram's checkout as the bot experiences it: a pre_checkout_query, then, only if the bot approved it
 * in time, the charge (recorded in the Stars ledger first, so a bot that reconciles on
 * successful_payment finds it) and a successful_payment message from the user.
 */
export async function runPayment(
  bot: EmulatedBotImpl,
  user: User,
  chat: ChatState,
  terms: InvoiceTerms,
  onPaid: () => void,
): Promise<PaymentOutcome> {
  const queryId = preCheckoutQueryIds();
  const answer = bot.preCheckoutQueries.waitForAnswer(queryId);
  bot.pushUpdate({
    pre_checkout_query: {
      id: queryId,
      from: user,
      currency: terms.currency,
      total_amount: terms.total_amount,
      invoice_payload: terms.payload,
    },
  });
  const result = await answer;
  if (result === "timeout") return { ok: false, timedOut: true };
  if (!result.ok) return result.errorMessage === undefined ? { ok: false } : { ok: false, errorMessage: result.errorMessage };

  const date = unixNow();
  const charge = bot.ledger.recordPayment(user, terms, date);
  onPaid();
  const payment: SuccessfulPayment = {
    currency: terms.currency,
    total_amount: terms.total_amount,
    invoice_payload: terms.payload,
    telegram_payment_charge_id: charge.id,
    provider_payment_charge_id: "",
  };
  if (terms.subscription_period !== undefined) {
    payment.subscription_expiration_date = date + terms.subscription_period;
    payment.is_recurring = true;
    payment.is_first_recurring = true;
  }
  const update = bot.receiveMessage(chat, user, { successful_payment: payment });
  return { ok: true, chargeId: charge.id, ...(update.message !== undefined ? { successfulPaymentMessage: update.message } : {}) };
}
