import type { StarTransaction, User } from "grammy/types";
import { badRequest } from "./api-error.js";
import { randomToken } from "./ids.js";
import type { InvoiceTerms } from "./invoices.js";

/** A completed payment, kept so it can be refunded. */
export interface Charge {
  id: string;
  user: User;
  terms: InvoiceTerms;
  refunded: boolean;
}

/**
 * The bot's Telegram Stars account: incoming invoice payments and refunds, in the order getStarTransactions
 * lists them. The transaction array is shared with EmulatedBot.starTransactions so tests see the same ledger.
 */
export class StarLedger {
  private readonly charges = new Map<string, Charge>();

  constructor(private readonly transactions: StarTransaction[]) {}

  /** Records a successful payment under a fresh charge id; only Stars payments enter the Stars ledger. */
  recordPayment(user: User, terms: InvoiceTerms, date: number): Charge {
    const charge: Charge = { id: `stx${randomToken(36)}`, user, terms, refunded: false };
    this.charges.set(charge.id, charge);
    if (terms.currency === "XTR") {
      this.transactions.push({
        id: charge.id,
        amount: terms.total_amount,
        date,
        source: {
          type: "user",
          transaction_type: "invoice_payment",
          user,
          invoice_payload: terms.payload,
          ...(terms.subscription_period !== undefined ? { subscription_period: terms.subscription_period } : {}),
        },
      });
    }
    return charge;
  }

  /** refundStarPayment: the charge must belong to that user and not be refunded yet. */
  refund(userId: number, chargeId: string, date: number): Charge {
    const charge = this.charges.get(chargeId);
    if (charge === undefined || charge.user.id !== userId || charge.terms.currency !== "XTR") {
      throw badRequest("CHARGE_NOT_FOUND");
    }
    if (charge.refunded) throw badRequest("CHARGE_ALREADY_REFUNDED");
    charge.refunded = true;
    this.transactions.push({
      id: charge.id,
      amount: charge.terms.total_amount,
      date,
      receiver: { type: "user", transaction_type: "invoice_payment", user: charge.user, invoice_payload: charge.terms.payload },
    });
    return charge;
  }

  /** Incoming minus outgoing Stars; may go negative like Telegram's balance after chargebacks. */
  balance(): number {
    return this.transactions.reduce((sum, tx) => sum + (tx.source !== undefined ? tx.amount : -tx.amount), 0);
  }
}
