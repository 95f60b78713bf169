import type { PgTable, PgUpdateSetSource } from "drizzle-orm/pg-core";
import {
  adminAuditLog,
  broadcastRecipients,
  generationDrafts,
  generationPreferences,
  generations,
  ledgerEntries,
  referralCodes,
  referrals,
  starOrders,
  starPayments,
  supportMessages,
} from "../../db/schema/index.js";
import { USER_DATA_TABLES, type UserDataTable } from "./user-data-tables.js";

/**
 * Stands in for a Telegram id in NOT NULL columns that held the erased person's id (a chat id, a
 * payer id). Telegram ids start at 1, so 0 names nobody.
 */
export const ERASED_TELEGRAM_ID = 0;

/**
 * What erasing an account does to a table's rows that belong to the user (policy 4.3):
 * - `delete`: the rows go; nothing else needs them.
 * - `anonymize`: the rows stay, with `set` applied: the personal columns emptied. What remains points
 *   to the user only through users.id, which after erasure is a pseudonym.
 * - `keep`: the rows stay unchanged because they hold nothing personal beyond users.id.
 * `why` is the reason, kept next to the rule so reviewers and docs/privacy.md can check it.
 */
export type PurgeRule<T extends PgTable = PgTable> =
  | { readonly action: "delete"; readonly why: string }
  | { readonly action: "anonymize"; readonly set: PgUpdateSetSource<T>; readonly why: string }
  | { readonly action: "keep"; readonly why: string };

export interface TablePurgeRule {
  readonly table: PgTable;
  readonly rule: PurgeRule;
}

/** Binds a rule to its table, so `set` is checked against that table's columns. */
function purge<T extends PgTable>(table: T, rule: PurgeRule<T>): TablePurgeRule {
  // Checked above against T; stored against the common base type so rules of all tables share a list.
  return { table, rule: rule as unknown as PurgeRule };
}

/**
 * One rule per table with user data. A table that gains a foreign key to users.id without a rule here
 * makes the privacy tests fail, and the purge refuse to run, until someone decides what erasure does
 * to it.
 */
export const PURGE_RULES: readonly TablePurgeRule[] = [
  purge(generationDrafts, { action: "delete", why: "unfinished prompts and reference file ids; nothing refers to a draft" }),
  purge(generationPreferences, { action: "delete", why: "the last model and options chosen; only useful to the person" }),
  purge(generations, {
    action: "anonymize",
    set: {
      prompt: "",
      references: [],
      outputs: [],
      resultFileIds: [],
      chatId: ERASED_TELEGRAM_ID,
      promptMessageId: null,
      statusMessageId: null,
      failureDetail: null,
      providerTaskId: null,
      // Erasure waits until the posts are out of the gallery channel; ids still here belong to a channel no longer configured.
      galleryMessageId: null,
      galleryReferencesMessageId: null,
    },
    why:
      "prompts, file ids, result URLs, the chat, the provider's task (which leads to the prompt) and the gallery post ids go; " +
      "model, parameters, price, status and times stay for disputes and statistics, and ledger entries name the generation",
  }),
  purge(ledgerEntries, {
    action: "anonymize",
    set: { note: null },
    why: "the ledger is accounting and must keep summing; free-text notes may name the person, so they go",
  }),
  purge(starOrders, { action: "keep", why: "top-up amounts and dates are accounting records; nothing in them is personal" }),
  purge(starPayments, {
    action: "anonymize",
    set: { payerTelegramId: ERASED_TELEGRAM_ID },
    why:
      "charges stay for accounting, refund disputes and fraud checks (policy 4.3), under the pseudonym; " +
      "the payer's Telegram id goes, so the record no longer identifies the person",
  }),
  purge(referralCodes, { action: "delete", why: "the referral link is removed: nobody can join through it any more" }),
  purge(referrals, {
    action: "keep",
    why: "who invited whom, between pseudonymous ids: the other person's counts and bonuses rest on it",
  }),
  purge(adminAuditLog, {
    action: "anonymize",
    set: { reason: null },
    why:
      "what an admin did, when and to which pseudonym stays as the audit trail (policy 5); " +
      "the admin's free-text reason may name the person, so it goes",
  }),
  purge(broadcastRecipients, {
    action: "keep",
    why: "which broadcast reached which pseudonym, and with what result: the broadcasts' statistics; nothing personal",
  }),
  purge(supportMessages, {
    action: "delete",
    why: "what the person wrote to support and what support answered (their relays go with them)",
  }),
];

/** Tables with user data but no rule: must be empty, or erasure would leave data behind. */
export function tablesWithoutPurgeRule(tables: readonly UserDataTable[] = USER_DATA_TABLES): UserDataTable[] {
  return tables.filter((t) => !PURGE_RULES.some((r) => r.table === t.table));
}

/** The rule of a table, or undefined when it has none. */
export function purgeRuleFor(table: PgTable): PurgeRule | undefined {
  return PURGE_RULES.find((r) => r.table === table)?.rule;
}

/** Thrown before anything is erased when a table with user data has no purge rule. */
export class MissingPurgeRuleError extends Error {
  constructor(readonly tables: readonly string[]) {
    super(`no purge rule for table(s) ${tables.join(", ")}: add one to src/domain/privacy/purge-rules.ts`);
    this.name = "MissingPurgeRuleError";
  }
}
