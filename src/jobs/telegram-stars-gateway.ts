import { GrammyError, type Api } from "grammy";
import type { StarTransaction } from "grammy/types";
import type { StarsGateway, StarTransactionRecord } from "../domain/payments/stars-gateway.js";

/**
 * The payments domain's Stars port over the Bot API. Lives with the jobs because the worker is its main
 * user (reconciliation); admin screens get the same adapter from the composition root.
 */
export function telegramStarsGateway(api: Api): StarsGateway {
  return {
    async refundStarPayment(payerTelegramId, chargeId) {
      try {
        await api.refundStarPayment(payerTelegramId, chargeId);
        return "refunded";
      } catch (error) {
        // Already refunded (by us earlier, or by Telegram after a dispute): the Stars are back either way.
        if (error instanceof GrammyError && error.description.includes("CHARGE_ALREADY_REFUNDED")) return "already_refunded";
        throw error;
      }
    },
    async getStarTransactions(offset, limit) {
      const page = await api.getStarTransactions({ offset, limit });
      return page.transactions.map(toRecord);
    },
  };
}

/** Incoming invoice payments from users and their refunds; everything else (withdrawals, ads, gifts) is "other". */
function toRecord(transaction: StarTransaction): StarTransactionRecord {
  const { id, amount, date, source, receiver } = transaction;
  if (source?.type === "user" && source.transaction_type === "invoice_payment") {
    return { kind: "invoice_payment", id, amount, date, userTelegramId: source.user.id, payload: source.invoice_payload ?? "" };
  }
  if (receiver?.type === "user" && receiver.transaction_type === "invoice_payment") {
    return { kind: "invoice_refund", id, amount, date, userTelegramId: receiver.user.id, payload: receiver.invoice_payload ?? "" };
  }
  return { kind: "other", id, amount, date };
}
