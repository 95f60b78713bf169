import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { starOrders, starPayments, users, type StarPaymentRow } from "../../db/schema/index.js";
import { LEDGER_KINDS } from "../ledger/ledger-kinds.js";
import { credit, debitAtMost } from "../ledger/ledger.js";
import { ORDER_STATUS } from "./orders.js";

/** What we know about a Stars charge. */
export const PAYMENT_STATUS = {
  /** The order's credits were granted. */
  credited: "credited",
  /** The Stars went back to the payer and the credits were taken back (as far as they were left). */
  refunded: "refunded",
  /** The charge matches no order of the payer for that amount: money arrived, nothing was granted. */
  unmatched: "unmatched",
} as const;

/** How a charge reached us: its successful_payment update, or reconciliation against Telegram's list. */
export type PaymentSource = "update" | "reconciliation";

export type StarPayment = StarPaymentRow;

/** A Stars charge as Telegram reports it (successful_payment, or an incoming StarTransaction). */
export interface IncomingPayment {
  chargeId: string;
  payerTelegramId: number;
  payload: string;
  currency: string;
  totalAmount: number;
  source: PaymentSource;
}

export type UnmatchedReason = "order_not_found" | "payer_mismatch" | "amount_mismatch";

export type PaymentRecordOutcome =
  | { status: "credited"; payment: StarPayment; userId: number; credits: number; balanceAfter: number }
  | { status: "duplicate"; payment: StarPayment }
  | { status: "unmatched"; payment: StarPayment; reason: UnmatchedReason };

/** A purchase as PurchaseHooks see it, inside the transaction that credits it. */
export interface CreditedPurchase {
  userId: number;
  /** Credits the purchase granted. */
  credits: number;
  chargeId: string;
}

/** A purchase being reversed, inside the transaction that takes its credits back. */
export interface ReversedPurchase {
  userId: number;
  chargeId: string;
}

/**
 * Money that moves with a purchase — the referral commission (src/domain/referrals) — run inside the
 * purchase's own transaction, so both commit or neither does. A port, so payments need not know the
 * referral program: every production caller passes the app's hooks (its ReferralProgram).
 */
export interface PurchaseHooks {
  purchaseCredited(tx: Executor, purchase: CreditedPurchase): Promise<void>;
  purchaseReversed(tx: Executor, purchase: ReversedPurchase): Promise<void>;
}

/** Hooks that move nothing else: for tests of payments on their own. */
export const NO_PURCHASE_HOOKS: PurchaseHooks = {
  purchaseCredited: async () => undefined,
  purchaseReversed: async () => undefined,
};

/**
 * Records a charge and grants the order's stored credits, exactly once per charge id: the charge id is
 * the primary key of star_payments and the ledger key is "purchase:<charge id>", so a redelivered
 * update, a retry or reconciliation racing the update all end in one credit. A charge that matches no
 * order is still recorded (as unmatched) so admins are alerted and nothing is silently lost. `hooks`
 * run once, with the credit, in the same transaction.
 */
export async function recordPayment(
  db: Executor,
  incoming: IncomingPayment,
  hooks: PurchaseHooks = NO_PURCHASE_HOOKS,
): Promise<PaymentRecordOutcome> {
  return db.transaction(async (tx) => {
    const known = await tx.select().from(starPayments).where(eq(starPayments.chargeId, incoming.chargeId)).limit(1);
    if (known[0]) return { status: "duplicate", payment: known[0] };

    // Locks the order, so two charges of one order (possible if two pre-checkouts were approved at once) take turns.
    const orderRows = await tx.select().from(starOrders).where(eq(starOrders.payload, incoming.payload)).for("update");
    const order = orderRows[0];
    const payerRows = await tx.select({ id: users.id }).from(users).where(eq(users.telegramId, incoming.payerTelegramId)).limit(1);
    const payerUserId = payerRows[0]?.id ?? null;
    const unmatched: UnmatchedReason | undefined = !order
      ? "order_not_found"
      : order.userId !== payerUserId
        ? "payer_mismatch"
        : incoming.currency !== "XTR" || incoming.totalAmount !== order.stars
          ? "amount_mismatch"
          : undefined;

    const inserted = await tx
      .insert(starPayments)
      .values({
        chargeId: incoming.chargeId,
        userId: payerUserId,
        payerTelegramId: incoming.payerTelegramId,
        orderId: order?.id ?? null,
        payload: incoming.payload,
        stars: incoming.totalAmount,
        credits: unmatched || !order ? 0 : order.credits,
        status: unmatched ? PAYMENT_STATUS.unmatched : PAYMENT_STATUS.credited,
        unmatchedReason: unmatched ?? null,
        source: incoming.source,
      })
      .onConflictDoNothing({ target: starPayments.chargeId })
      .returning();
    const payment = inserted[0];
    if (!payment) {
      // A concurrent delivery of the same charge committed first.
      const winner = await tx.select().from(starPayments).where(eq(starPayments.chargeId, incoming.chargeId)).limit(1);
      if (!winner[0]) throw new Error(`charge ${incoming.chargeId} conflicted but is not stored`);
      return { status: "duplicate", payment: winner[0] };
    }
    if (unmatched || !order) return { status: "unmatched", payment, reason: unmatched ?? "order_not_found" };

    const posted = await credit(tx, {
      userId: order.userId,
      amount: order.credits,
      kind: LEDGER_KINDS.purchase,
      reference: `star_payment:${incoming.chargeId}`,
      idempotencyKey: `purchase:${incoming.chargeId}`,
    });
    await tx
      .update(starOrders)
      .set({ status: ORDER_STATUS.paid, paidAt: sql`now()` })
      .where(and(eq(starOrders.id, order.id), eq(starOrders.status, ORDER_STATUS.pending)));
    await hooks.purchaseCredited(tx, { userId: order.userId, credits: order.credits, chargeId: incoming.chargeId });
    return { status: "credited", payment, userId: order.userId, credits: order.credits, balanceAfter: posted.balanceAfter };
  });
}

export type ReversalOutcome =
  | {
      status: "reversed";
      payment: StarPayment;
      userId: number;
      /** Credits taken back now. */
      deducted: number;
      /** Credits the payment granted that the user had already spent. */
      shortfall: number;
      balanceAfter: number;
    }
  | { status: "already_reversed"; payment: StarPayment }
  /** The charge had granted nothing (unmatched): it is marked refunded, no credits move. */
  | { status: "nothing_to_reverse"; payment: StarPayment }
  | { status: "not_found" };

/**
 * Takes back what a refunded charge granted, once (ledger key "payment_refund:<charge id>"), never
 * below zero: what the user already spent is recorded on the payment as the shortfall. Called for
 * refunded_payment updates, admin refunds and reconciliation alike. `hooks` run once, with the
 * reversal, in the same transaction.
 */
export async function reversePayment(
  db: Executor,
  chargeId: string,
  hooks: PurchaseHooks = NO_PURCHASE_HOOKS,
): Promise<ReversalOutcome> {
  return db.transaction(async (tx) => {
    const rows = await tx.select().from(starPayments).where(eq(starPayments.chargeId, chargeId)).for("update");
    const payment = rows[0];
    if (!payment) return { status: "not_found" };
    if (payment.refundedAt) return { status: "already_reversed", payment };
    if (payment.status === PAYMENT_STATUS.unmatched || payment.userId === null || payment.credits === 0) {
      const marked = await tx
        .update(starPayments)
        .set({ refundedAt: sql`now()`, refundedCredits: 0, refundShortfall: 0 })
        .where(eq(starPayments.chargeId, chargeId))
        .returning();
      return { status: "nothing_to_reverse", payment: marked[0] ?? payment };
    }
    const taken = await debitAtMost(tx, {
      userId: payment.userId,
      amount: payment.credits,
      kind: LEDGER_KINDS.paymentRefund,
      reference: `star_payment:${chargeId}`,
      idempotencyKey: `payment_refund:${chargeId}`,
    });
    const updated = await tx
      .update(starPayments)
      .set({
        status: PAYMENT_STATUS.refunded,
        refundedAt: sql`now()`,
        refundedCredits: taken.deducted,
        refundShortfall: taken.shortfall,
      })
      .where(eq(starPayments.chargeId, chargeId))
      .returning();
    if (payment.orderId !== null) {
      await tx.update(starOrders).set({ status: ORDER_STATUS.refunded }).where(eq(starOrders.id, payment.orderId));
    }
    await hooks.purchaseReversed(tx, { userId: payment.userId, chargeId });
    return {
      status: "reversed",
      payment: updated[0] ?? payment,
      userId: payment.userId,
      deducted: taken.deducted,
      shortfall: taken.shortfall,
      balanceAfter: taken.balanceAfter,
    };
  });
}

/**
 * Claims the one notice a user gets about a refund: true for exactly one caller, whichever path
 * reversed the payment (the refunded_payment update, an admin, reconciliation).
 */
export async function claimRefundNotice(db: Executor, chargeId: string): Promise<StarPayment | undefined> {
  const rows = await db
    .update(starPayments)
    .set({ refundNotifiedAt: sql`now()` })
    .where(and(eq(starPayments.chargeId, chargeId), isNotNull(starPayments.refundedAt), isNull(starPayments.refundNotifiedAt)))
    .returning();
  return rows[0];
}

/** The stored charge, for admin screens and refunds. */
export async function findPayment(db: Executor, chargeId: string): Promise<StarPayment | undefined> {
  const rows = await db.select().from(starPayments).where(eq(starPayments.chargeId, chargeId)).limit(1);
  return rows[0];
}

/**
 * Claims up to `limit` unmatched charges nobody was alerted about yet, marking them alerted in the same
 * statement, so two workers never alert twice about one charge.
 */
export async function claimUnalertedUnmatched(db: Executor, limit: number): Promise<StarPayment[]> {
  return db
    .update(starPayments)
    .set({ alertedAt: sql`now()` })
    .where(
      sql`${starPayments.chargeId} in (
        select ${starPayments.chargeId} from ${starPayments}
        where ${starPayments.status} = ${PAYMENT_STATUS.unmatched} and ${starPayments.alertedAt} is null
        order by ${starPayments.createdAt}
        limit ${limit}
        for update skip locked)`,
    )
    .returning();
}
