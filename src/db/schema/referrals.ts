import { sql } from "drizzle-orm";
import { bigint, check, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./users.js";

/**
 * Each user's referral code, made on first need (src/domain/referrals/referral-codes.ts). Random, so a
 * link reveals nothing about its owner and cannot be guessed; unique, so it names one referrer.
 */
export const referralCodes = pgTable("referral_codes", {
  userId: bigint("user_id", { mode: "number" })
    .primaryKey()
    .references(() => users.id),
  code: text("code").notNull().unique(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Who invited whom. The invitee is the primary key, so a user is referred at most once; the row is
 * written by the same statement that creates the invitee's user row, so only a brand-new user can be
 * referred (docs/decisions/referral-binding.md).
 */
export const referrals = pgTable(
  "referrals",
  {
    inviteeUserId: bigint("invitee_user_id", { mode: "number" })
      .primaryKey()
      .references(() => users.id),
    referrerUserId: bigint("referrer_user_id", { mode: "number" })
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * When the invitee accepted the terms: from then on they count as joined. Set once, together with
     * the join and welcome bonuses, so the bonuses are paid once however often the terms are accepted.
     */
    joinedAt: timestamp("joined_at", { withTimezone: true }),
  },
  (t) => [
    // The /referral screen counts a referrer's joined invitees.
    index("referrals_referrer_user_id_idx").on(t.referrerUserId, t.joinedAt),
    check("referrals_not_self", sql`${t.inviteeUserId} <> ${t.referrerUserId}`),
  ],
);

export type ReferralRow = typeof referrals.$inferSelect;
