import type { StarsGateway, StarTransactionRecord } from "../../../src/domain/payments/stars-gateway.js";

/** Telegram's side of Stars for domain tests: a transaction list and refunds that behave like the API. */
export class FakeStarsGateway implements StarsGateway {
  readonly transactions: StarTransactionRecord[] = [];
  readonly refundCalls: Array<{ payerTelegramId: number; chargeId: string }> = [];
  /** The next refund fails like a network or API error would. */
  failNextRefund: Error | undefined;
  private readonly refunded = new Set<string>();

  pay(chargeId: string, userTelegramId: number, payload: string, amount: number): void {
    this.transactions.push({ kind: "invoice_payment", id: chargeId, amount, date: 1, userTelegramId, payload });
  }

  async refundStarPayment(payerTelegramId: number, chargeId: string): Promise<"refunded" | "already_refunded"> {
    this.refundCalls.push({ payerTelegramId, chargeId });
    const failure = this.failNextRefund;
    this.failNextRefund = undefined;
    if (failure) throw failure;
    if (this.refunded.has(chargeId)) return "already_refunded";
    const paid = this.transactions.find((t) => t.kind === "invoice_payment" && t.id === chargeId);
    if (!paid || paid.kind === "other") throw new Error("CHARGE_NOT_FOUND");
    this.refunded.add(chargeId);
    this.transactions.push({ ...paid, kind: "invoice_refund" });
    return "refunded";
  }

  async getStarTransactions(offset: number, limit: number): Promise<StarTransactionRecord[]> {
    return this.transactions.slice(offset, offset + limit);
  }
}
