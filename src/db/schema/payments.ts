import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./users.js";

/**
 * A top-up the user confirmed: what they will pay and what they will get, fixed when the invoice is
 * made. The invoice payload names the order, and credits are granted from this row, never recomputed
 * from the exchange rate at payment time.
 */
export const starOrders = pgTable(
  "star_orders",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** The invoice payload: random, so it cannot be guessed, and at most 128 bytes. */
    payload: text("payload").notNull().unique(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id),
    stars: integer("stars").notNull(),
    credits: integer("credits").notNull(),
    /** pending → paid → (refunded); see ORDER_STATUS. */
    status: text("status").notNull().default("pending"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** After this, pre-checkout refuses the invoice: the price the user saw may be outdated. */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    paidAt: timestamp("paid_at", { withTimezone: true }),
  },
  (t) => [
    index("star_orders_user_id_idx").on(t.userId),
    check("star_orders_stars_positive", sql`${t.stars} > 0`),
    check("star_orders_credits_positive", sql`${t.credits} > 0`),
  ],
);

/**
 * One row per Telegram Stars charge we know of, keyed by `telegram_payment_charge_id`: the primary key
 * is what makes crediting happen exactly once, whether the charge reached us as a successful_payment
 * update (any number of times) or through reconciliation. Also the audit trail refunds need.
 */
export const starPayments = pgTable(
  "star_payments",
  {
    chargeId: text("charge_id").primaryKey(),
    /** Null only for an unmatched charge from someone who never used the bot. */
    userId: bigint("user_id", { mode: "number" }).references(() => users.id),
    /** refundStarPayment needs the payer's Telegram id; kept even if the account is later erased. */
    payerTelegramId: bigint("payer_telegram_id", { mode: "number" }).notNull(),
    orderId: bigint("order_id", { mode: "number" }).references(() => starOrders.id),
    payload: text("payload").notNull(),
    stars: integer("stars").notNull(),
    /** Credits granted for this charge (0 when unmatched). */
    credits: integer("credits").notNull(),
    /** credited | refunded | unmatched; see PAYMENT_STATUS. */
    status: text("status").notNull(),
    /** Why an unmatched charge matched nothing (order_not_found, payer_mismatch, amount_mismatch). */
    unmatchedReason: text("unmatched_reason"),
    /** update | reconciliation: how we learned about the charge. */
    source: text("source").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    refundedAt: timestamp("refunded_at", { withTimezone: true }),
    /** Credits actually taken back on refund, and what the user had already spent. */
    refundedCredits: integer("refunded_credits"),
    refundShortfall: integer("refund_shortfall"),
    /** Set when the user was told about the refund, so they are told once. */
    refundNotifiedAt: timestamp("refund_notified_at", { withTimezone: true }),
    /** Set when admins were alerted about an unmatched charge, so they are alerted once. */
    alertedAt: timestamp("alerted_at", { withTimezone: true }),
  },
  (t) => [
    index("star_payments_user_id_idx").on(t.userId),
    index("star_payments_order_id_idx").on(t.orderId),
    index("star_payments_unalerted_idx")
      .on(t.createdAt)
      .where(sql`${t.status} = 'unmatched' and ${t.alertedAt} is null`),
  ],
);

/**
 * How far reconciliation has read the bot's Stars transactions (getStarTransactions pages forward in
 * chronological order), so each run reads only what is new plus a small overlap.
 */
export const starReconciliationCursor = pgTable("star_reconciliation_cursor", {
  name: text("name").primaryKey(),
  nextOffset: integer("next_offset").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type StarOrderRow = typeof starOrders.$inferSelect;
export type StarPaymentRow = typeof starPayments.$inferSelect;
