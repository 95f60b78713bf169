/**
 * One entry of the bot's Stars account, reduced to what reconciliation needs. Only invoice payments
 * from users (and their refunds) concern us; everything else is `other`.
 */
export type StarTransactionRecord =
  | {
      kind: "invoice_payment" | "invoice_refund";
      /** The charge id (a refund carries the id of the charge it refunds). */
      id: string;
      amount: number;
      /** Unix seconds. */
      date: number;
      userTelegramId: number;
      payload: string;
    }
  | { kind: "other"; id: string; amount: number; date: number };

/**
 * The Telegram Stars operations the payments domain needs, so the domain stays free of grammY. The
 * adapter over the Bot API lives in src/jobs/telegram-stars-gateway.ts.
 */
export interface StarsGateway {
  /** Refunds a charge; "already_refunded" when Telegram says CHARGE_ALREADY_REFUNDED. */
  refundStarPayment(payerTelegramId: number, chargeId: string): Promise<"refunded" | "already_refunded">;
  /** A page of the bot's Stars transactions, oldest first, like getStarTransactions. */
  getStarTransactions(offset: number, limit: number): Promise<StarTransactionRecord[]>;
}
