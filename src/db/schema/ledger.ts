import { sql } from "drizzle-orm";
import { bigint, check, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./users.js";

/**
 * The credits ledger: one row per change of `users.balance`, written in the same transaction as the
 * change (src/domain/ledger). The idempotency key is unique, so a retried or concurrent duplicate of
 * the same business event can never apply twice.
 */
export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id),
    /** Signed change in credits; 0 only for a reversal that found nothing left to take back. */
    delta: bigint("delta", { mode: "number" }).notNull(),
    balanceAfter: bigint("balance_after", { mode: "number" }).notNull(),
    /** One of LEDGER_KINDS (src/domain/ledger/ledger-kinds.ts); statistics filter on the same constants. */
    kind: text("kind").notNull(),
    /** What the change is about, e.g. "star_payment:<charge id>" or "generation:<id>". */
    reference: text("reference").notNull(),
    /** Free text for people: an admin's reason for an adjustment, a refund's shortfall. */
    note: text("note"),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("ledger_entries_user_id_idx").on(t.userId, t.id),
    index("ledger_entries_kind_created_at_idx").on(t.kind, t.createdAt),
    check("ledger_entries_balance_after_non_negative", sql`${t.balanceAfter} >= 0`),
  ],
);

export type LedgerEntryRow = typeof ledgerEntries.$inferSelect;
