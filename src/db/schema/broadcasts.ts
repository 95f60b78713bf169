import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./users.js";

/** A Telegram MessageEntity as stored (bold, link…): its type, where it is, and its own fields (url…). */
export interface TextEntity {
  type: string;
  /** In UTF-16 code units, as Telegram counts. */
  offset: number;
  length: number;
  [field: string]: unknown;
}

/**
 * A message an admin sends to many users: a copy of the admin's own message (copyMessage keeps its
 * formatting and media exactly), an audience and an optional link button. See src/domain/broadcasts.
 */
export const broadcasts = pgTable(
  "broadcasts",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** Who made it; the progress message and the summary go to this admin. */
    adminTelegramId: bigint("admin_telegram_id", { mode: "number" }).notNull(),
    /** The admin's message that every recipient gets a copy of. */
    sourceChatId: bigint("source_chat_id", { mode: "number" }).notNull(),
    sourceMessageId: integer("source_message_id").notNull(),
    /**
     * The source message's text (or caption) and its entities, kept because a service notice is sent
     * with a marking line above the admin's text, which copyMessage cannot add to a text message. Null
     * for drafts made before it was kept; those can only be sent as ordinary broadcasts.
     */
    sourceText: text("source_text"),
    sourceEntities: jsonb("source_entities").$type<TextEntity[]>(),
    /** text, photo, video, animation, document, audio or sticker: for the admin screens only. */
    contentKind: text("content_kind").notNull(),
    /** One of AUDIENCE_KINDS; null while the admin has not chosen yet. */
    audience: text("audience"),
    /** For the "language" audience: uz, ru or en. */
    audienceLocale: text("audience_locale"),
    /**
     * An essential service notice (policy 6.3): it also reaches users who turned broadcasts off, and
     * arrives marked as a service notice. Set only after the admin confirmed it explicitly; the start
     * is audited with it.
     */
    essential: boolean("essential").notNull().default(false),
    buttonText: text("button_text"),
    buttonUrl: text("button_url"),
    /** draft → running ⇄ paused → completed | cancelled; see BROADCAST_STATUS. */
    status: text("status").notNull().default("draft"),
    /** Recipients when it started. */
    total: integer("total").notNull().default(0),
    /** The admin's live progress message, edited every few seconds. */
    progressChatId: bigint("progress_chat_id", { mode: "number" }),
    progressMessageId: integer("progress_message_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    /** Set by whoever sends the summary, so the admin gets it once. */
    summarySentAt: timestamp("summary_sent_at", { withTimezone: true }),
  },
  (t) => [index("broadcasts_status_idx").on(t.status, t.createdAt)],
);

/**
 * One row per recipient of a broadcast, written when it starts. The row's status is the truth about
 * that user: a worker claims pending rows atomically, and marks each sent right after Telegram
 * accepted it, so a restart resumes where it stopped and never sends twice.
 */
export const broadcastRecipients = pgTable(
  "broadcast_recipients",
  {
    broadcastId: bigint("broadcast_id", { mode: "number" })
      .notNull()
      .references(() => broadcasts.id, { onDelete: "cascade" }),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** pending → sending → sent | blocked | failed | skipped; see RECIPIENT_STATUS. */
    status: text("status").notNull().default("pending"),
    /** Sends tried that ended in an error other than a rate limit. */
    attempts: smallint("attempts").notNull().default(0),
    /** A pending row is not claimed before this (retry back-off). */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** When a worker claimed it; a claim much older than any send means that worker died mid-send. */
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    /** The copy in the user's chat. */
    messageId: integer("message_id"),
    /** Telegram's description of the last error. */
    error: text("error"),
  },
  (t) => [
    primaryKey({ columns: [t.broadcastId, t.userId] }),
    index("broadcast_recipients_claim_idx").on(t.broadcastId, t.status, t.nextAttemptAt),
    check("broadcast_recipients_attempts_non_negative", sql`${t.attempts} >= 0`),
  ],
);

export type BroadcastRow = typeof broadcasts.$inferSelect;
export type BroadcastRecipientRow = typeof broadcastRecipients.$inferSelect;
