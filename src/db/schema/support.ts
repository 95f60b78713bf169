import { bigint, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./users.js";

/**
 * The support inbox: what users wrote to support (/support, /paysupport) and what support answered.
 * Personal data: it belongs in the user's data export and goes with their account.
 */
export const supportMessages = pgTable(
  "support_messages",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** `in`: the user wrote to support; `out`: support answered the user. */
    direction: text("direction").notNull(),
    /** `support` (/support) or `payment` (/paysupport): payment questions carry the user's payments. */
    kind: text("kind").notNull(),
    /** The text, or a photo's caption. */
    text: text("text"),
    /** A photo's Telegram file id (the largest size). */
    fileId: text("file_id"),
    /** The message in the user's chat: theirs for `in`, our delivered copy for `out`. */
    userMessageId: integer("user_message_id"),
    /** Who answered, for `out`. */
    adminTelegramId: bigint("admin_telegram_id", { mode: "number" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("support_messages_user_idx").on(t.userId, t.createdAt)],
);

/**
 * Where a user's support message was relayed: a message in the support chat (or an admin's chat). A
 * reply to that message is the answer to this support message, which is how the answer finds its user.
 */
export const supportRelays = pgTable(
  "support_relays",
  {
    chatId: bigint("chat_id", { mode: "number" }).notNull(),
    messageId: integer("message_id").notNull(),
    supportMessageId: bigint("support_message_id", { mode: "number" })
      .notNull()
      .references(() => supportMessages.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.chatId, t.messageId] }), index("support_relays_message_idx").on(t.supportMessageId)],
);

export type SupportMessageRow = typeof supportMessages.$inferSelect;
