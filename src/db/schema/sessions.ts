import { jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * grammY session storage for the embedded mode (no Redis): sessions survive a restart of the single
 * process. With Redis configured, sessions live there instead.
 */
export const botSessions = pgTable("bot_sessions", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
