import { bigint, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./users.js";

/**
 * Every action an admin took, with who, what, on whom, and the state before and after (issue #8).
 * Written in the same transaction as the change when the change is ours alone (ledger, generations),
 * so a recorded action always happened and an action that happened is always recorded.
 */
export const adminAuditLog = pgTable(
  "admin_audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** The admin's Telegram id (admins are configured by Telegram id, not by users.id). */
    adminTelegramId: bigint("admin_telegram_id", { mode: "number" }).notNull(),
    /** One of ADMIN_ACTIONS (src/domain/admin/audit-log.ts). */
    action: text("action").notNull(),
    /** The user the action was about, if any. */
    targetUserId: bigint("target_user_id", { mode: "number" }).references(() => users.id),
    /** What else it was about, e.g. "generation:<id>", "star_payment:<charge id>", "broadcast:<id>". */
    target: text("target"),
    before: jsonb("before").$type<Record<string, unknown>>(),
    after: jsonb("after").$type<Record<string, unknown>>(),
    /** The admin's reason, where the action asks for one. */
    reason: text("reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("admin_audit_log_target_user_idx").on(t.targetUserId, t.createdAt),
    index("admin_audit_log_created_at_idx").on(t.createdAt),
  ],
);

export type AdminAuditRow = typeof adminAuditLog.$inferSelect;
