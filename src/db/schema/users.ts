import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * One row per Telegram user who ever reached the bot. `id` is our own key so that ledger and payment
 * rows can outlive the person's identity: erasing an account clears `telegram_id` and the names, and
 * what remains is a pseudonym.
 */
export const users = pgTable(
  "users",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    telegramId: bigint("telegram_id", { mode: "number" }).unique(),
    username: text("username"),
    firstName: text("first_name"),
    lastName: text("last_name"),
    /** What Telegram reports, e.g. "en-GB"; only a hint for the first locale. */
    languageCode: text("language_code"),
    /** The interface language the user chose; null until they pick one. */
    locale: text("locale"),
    acceptedPolicyVersion: integer("accepted_policy_version"),
    acceptedPolicyAt: timestamp("accepted_policy_at", { withTimezone: true }),
    ageConfirmedAt: timestamp("age_confirmed_at", { withTimezone: true }),
    broadcastOptIn: boolean("broadcast_opt_in").notNull().default(false),
    banned: boolean("banned").notNull().default(false),
    banReason: text("ban_reason"),
    /** Set when the user blocks the bot (my_chat_member), cleared when they unblock it. */
    blockedAt: timestamp("blocked_at", { withTimezone: true }),
    /**
     * Credits, always equal to the sum of the user's ledger_entries deltas. Written only by
     * src/domain/ledger, in the same transaction as the ledger row; never cached in the profile.
     */
    balance: bigint("balance", { mode: "number" }).notNull().default(0),
    /** Free generations used; a failed trial generation gives one back. */
    trialUsed: integer("trial_used").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("users_created_at_idx").on(t.createdAt),
    index("users_last_seen_at_idx").on(t.lastSeenAt),
    index("users_username_lower_idx").on(sql`lower(${t.username})`),
    // The last guard against overdrafts: a debit that slipped past its conditional UPDATE fails here.
    check("users_balance_non_negative", sql`${t.balance} >= 0`),
  ],
);

export type UserRow = typeof users.$inferSelect;
