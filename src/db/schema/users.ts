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
    /**
     * Non-essential broadcasts (policy 2.3, 6.3). On by default: the policy a user accepts describes
     * them; the settings toggle turns them off. Essential service notifications ignore it.
     */
    broadcastOptIn: boolean("broadcast_opt_in").notNull().default(true),
    /** Whether the user's results may appear in the public gallery (a later issue); off until they say so. */
    galleryOptIn: boolean("gallery_opt_in").notNull().default(false),
    /** Whether the reference images of published results may be shown with them; off until they say so. */
    galleryReferencesOptIn: boolean("gallery_references_opt_in").notNull().default(false),
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
    /** When the account was marked for deletion (/deleteme, consent withdrawn, or an admin); null otherwise. */
    deletionRequestedAt: timestamp("deletion_requested_at", { withTimezone: true }),
    /**
     * When the purge job erases the account. Fixed at the request, so the date the user was told stays
     * true even if ACCOUNT_DELETION_GRACE_DAYS changes; "now" for an admin's immediate erasure.
     */
    deletionDueAt: timestamp("deletion_due_at", { withTimezone: true }),
    /** One of DELETION_REASONS (src/domain/privacy/deletion-reasons.ts); only the user's own can be cancelled. */
    deletionReason: text("deletion_reason"),
    /** Set by the purge: from then on this row is a pseudonym that only ledger and payment rows point to. */
    erasedAt: timestamp("erased_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("users_created_at_idx").on(t.createdAt),
    index("users_last_seen_at_idx").on(t.lastSeenAt),
    index("users_username_lower_idx").on(sql`lower(${t.username})`),
    // The purge job's scan: accounts waiting for erasure, by due date.
    index("users_deletion_due_idx").on(t.deletionDueAt).where(sql`${t.deletionDueAt} is not null and ${t.erasedAt} is null`),
    // The last guard against overdrafts: a debit that slipped past its conditional UPDATE fails here.
    check("users_balance_non_negative", sql`${t.balance} >= 0`),
  ],
);

export type UserRow = typeof users.$inferSelect;
