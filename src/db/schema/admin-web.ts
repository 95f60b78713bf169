import { bigint, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Business numbers an admin changed at runtime (src/domain/settings/settings-service.ts). A row
 * overrides the env value (or code default) of its key; no row means the env value applies. Every
 * change is audited in admin_audit_log in the same transaction.
 */
export const settings = pgTable("settings", {
  /** One of SETTING_KEYS (src/domain/settings/setting-definitions.ts). */
  key: text("key").primaryKey(),
  /** The value as JSON, validated by the key's schema before it is written and again when it is read. */
  value: jsonb("value").$type<unknown>().notNull(),
  /** The admin's Telegram id. */
  updatedBy: bigint("updated_by", { mode: "number" }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Signed-in sessions of the web admin panel (src/http/routes/admin/session-store.ts). The browser holds
 * the random session id in a signed httpOnly cookie; only its SHA-256 is stored, so a copy of this table
 * opens no session. A session ends at `expires_at` or when revoked (logout), whichever comes first.
 */
export const adminSessions = pgTable(
  "admin_sessions",
  {
    /** SHA-256 (hex) of the session id in the cookie. */
    idHash: text("id_hash").primaryKey(),
    adminTelegramId: bigint("admin_telegram_id", { mode: "number" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("admin_sessions_expires_at_idx").on(t.expiresAt), index("admin_sessions_admin_idx").on(t.adminTelegramId)],
);

export type SettingRow = typeof settings.$inferSelect;
export type AdminSessionRow = typeof adminSessions.$inferSelect;
