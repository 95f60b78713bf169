import { eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { starReconciliationCursor } from "../../db/schema/index.js";
import type { StarsGateway } from "./stars-gateway.js";
import {
  NO_PURCHASE_HOOKS,
  recordPayment,
  reversePayment,
  type PaymentRecordOutcome,
  type PurchaseHooks,
  type ReversalOutcome,
} from "./star-payments.js";

const CURSOR_NAME = "stars";
/** getStarTransactions returns at most 100 per call. */
const PAGE_SIZE = 100;
/** Re-read this many already-seen transactions each run: cheap insurance against ordering surprises. */
const OVERLAP = 100;

export interface ReconciliationReport {
  /** Transactions read in this run. */
  scanned: number;
  /** Charges we had missed and credited now (their users should be told). */
  credited: Array<Extract<PaymentRecordOutcome, { status: "credited" }>>;
  /** Charges that match no order; stored as unmatched for the admin alert. */
  unmatched: Array<Extract<PaymentRecordOutcome, { status: "unmatched" }>>;
  /** Refunds whose update we had missed, reversed now. */
  reversed: Array<Extract<ReversalOutcome, { status: "reversed" }>>;
  /** Refunds of charges we never recorded (before our time, or already unmatched elsewhere). */
  unknownRefunds: string[];
}

/**
 * Compares the bot's Stars transactions with our payments and repairs what is missing: a paid charge
 * whose successful_payment never reached our database (a crash between Telegram's message and our
 * commit) is credited, once, through the same path as the update; a refund whose update was missed is
 * reversed. Every step is idempotent, so overlapping runs and the late update itself change nothing.
 * `hooks` are the ones the update path uses, so a repaired purchase moves the same money (the referral
 * commission) as one that arrived on time.
 */
export async function reconcileStarTransactions(
  db: Executor,
  gateway: StarsGateway,
  hooks: PurchaseHooks = NO_PURCHASE_HOOKS,
): Promise<ReconciliationReport> {
  const report: ReconciliationReport = { scanned: 0, credited: [], unmatched: [], reversed: [], unknownRefunds: [] };
  const cursorRows = await db.select().from(starReconciliationCursor).where(eq(starReconciliationCursor.name, CURSOR_NAME));
  let offset = Math.max(0, (cursorRows[0]?.nextOffset ?? 0) - OVERLAP);
  for (;;) {
    const page = await gateway.getStarTransactions(offset, PAGE_SIZE);
    for (const transaction of page) {
      if (transaction.kind === "invoice_payment") {
        const outcome = await recordPayment(db, {
          chargeId: transaction.id,
          payerTelegramId: transaction.userTelegramId,
          payload: transaction.payload,
          currency: "XTR",
          totalAmount: transaction.amount,
          source: "reconciliation",
        }, hooks);
        if (outcome.status === "credited") report.credited.push(outcome);
        if (outcome.status === "unmatched") report.unmatched.push(outcome);
      } else if (transaction.kind === "invoice_refund") {
        const outcome = await reversePayment(db, transaction.id, hooks);
        if (outcome.status === "reversed") report.reversed.push(outcome);
        if (outcome.status === "not_found") report.unknownRefunds.push(transaction.id);
      }
    }
    report.scanned += page.length;
    offset += page.length;
    if (page.length < PAGE_SIZE) break;
  }
  await db
    .insert(starReconciliationCursor)
    .values({ name: CURSOR_NAME, nextOffset: offset })
    .onConflictDoUpdate({
      target: starReconciliationCursor.name,
      set: { nextOffset: sql`greatest(${starReconciliationCursor.nextOffset}, excluded.next_offset)`, updatedAt: sql`now()` },
    });
  return report;
}
