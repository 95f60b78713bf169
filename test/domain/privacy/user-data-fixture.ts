import { sql } from "drizzle-orm";
import { createConfig } from "../../../src/config.js";
import type { Database } from "../../../src/db/client.js";
import {
  adminAuditLog,
  broadcastRecipients,
  broadcasts,
  generationDrafts,
  generationPreferences,
  generations,
  referrals,
  supportMessages,
  users,
} from "../../../src/db/schema/index.js";
import { adjustBalance } from "../../../src/domain/ledger/balance-adjustment.js";
import { createOrder } from "../../../src/domain/payments/orders.js";
import { recordPayment } from "../../../src/domain/payments/star-payments.js";
import { quoteTopUp } from "../../../src/domain/payments/top-up-amount.js";
import { ensureReferralCode } from "../../../src/domain/referrals/referral-codes.js";

const payments = createConfig({}).payments;

/** Everything personal a seeded user has, to search for after an erasure. */
export interface SeededUser {
  userId: number;
  telegramId: number;
  firstName: string;
  lastName: string;
  username: string;
  prompt: string;
  draftPrompt: string;
  fileIds: string[];
  urls: string[];
  referralCode: string;
  adminNote: string;
  supportText: string;
  banReasonNote: string;
  /** The user who invited this one, and the one this user invited. */
  referrerUserId: number;
  inviteeUserId: number;
  /** The personal values, as they could appear in a text dump of the database. */
  personalValues(): string[];
}

let next = 0;

/** Ten digits that cannot be mistaken for anything else in a dump (ids, amounts, timestamps). */
function distinctTelegramId(): number {
  return 8_410_000_000 + Math.floor(Math.random() * 1_000_000) * 10 + (next++ % 10);
}

/** Inserts a plain user row (a referrer, a friend) and returns its id. */
export async function plainUser(db: Database, firstName: string): Promise<{ userId: number; telegramId: number }> {
  const telegramId = distinctTelegramId();
  const rows = await db.insert(users).values({ telegramId, firstName }).returning({ id: users.id });
  return { userId: rows[0]!.id, telegramId };
}

/**
 * A user with a row in every table with user data, through the same functions the service uses where
 * there is one: a paid top-up, an admin's adjustment, a delivered edit with a reference image, an open
 * draft, saved preferences, a referral code, a referrer and an invited friend, a support conversation,
 * an audited admin action and a broadcast received. Every personal value is
 * distinctive, so a text dump of the database can be searched for it.
 */
export async function seedUserWithData(db: Database, label = "Zelda"): Promise<SeededUser> {
  const n = ++next;
  const referrer = await plainUser(db, `Referrer${n}`);
  const telegramId = distinctTelegramId();
  const firstName = `${label}First${n}x`;
  const lastName = `${label}Last${n}x`;
  const username = `${label.toLowerCase()}_user_${n}x`;
  const inserted = await db
    .insert(users)
    .values({ telegramId, firstName, lastName, username, languageCode: "en-GB", locale: "en", acceptedPolicyVersion: 1, acceptedPolicyAt: sql`now()` })
    .returning({ id: users.id });
  const userId = inserted[0]!.id;
  await db.insert(referrals).values({ inviteeUserId: userId, referrerUserId: referrer.userId, joinedAt: sql`now()` });
  const invitee = await plainUser(db, `Friend${n}`);
  await db.insert(referrals).values({ inviteeUserId: invitee.userId, referrerUserId: userId });

  const order = await createOrder(db, { userId, quote: quoteTopUp(70, payments) }, payments);
  await recordPayment(db, {
    chargeId: `stxPRIV${n}charge${Math.random().toString(36).slice(2, 10)}`,
    payerTelegramId: telegramId,
    payload: order.payload,
    currency: "XTR",
    totalAmount: 70,
    source: "update",
  });
  const adminNote = `goodwill for ${firstName} ${username}`;
  await adjustBalance(db, { userId, delta: 250, reason: adminNote, adminTelegramId: 42, idempotencyKey: `priv-${n}` });

  const prompt = `a secret garden painted by ${firstName} number ${n}`;
  const draftPrompt = `an unfinished draft of ${firstName} ${n}`;
  const fileIds = [`AgACREF${n}fileidREFERENCE`, `BQACRESULT${n}fileidRESULT`, `AgACDRAFT${n}fileidDRAFT`];
  const urls = [`https://media.example.test/${n}/uploaded-reference.png`, `https://cdn.example.test/${n}/output.png`];
  const reference = { fileId: fileIds[0]!, fileUniqueId: `uniqREF${n}`, kind: "photo" as const, uploadedUrl: urls[0]! };
  await db.insert(generations).values({
    userId,
    modelKey: "nano-banana",
    mode: "edit",
    providerModelId: "google/nano-banana/edit",
    prompt,
    params: { aspect_ratio: "1:1" },
    references: [reference],
    priceCredits: 78,
    status: "delivered",
    providerTaskId: `task-${n}-${telegramId}`,
    outputs: [urls[1]!],
    resultFileIds: [fileIds[1]!],
    chatId: telegramId,
    promptMessageId: 11,
    statusMessageId: 12,
    deadlineAt: sql`now() + interval '10 minutes'`,
    deliveredAt: sql`now()`,
  });
  await db.insert(generationDrafts).values({
    userId,
    prompt: draftPrompt,
    modelKey: "nano-banana",
    references: [{ fileId: fileIds[2]!, fileUniqueId: `uniqDRAFT${n}`, kind: "photo" }],
    chatId: telegramId,
  });
  await db.insert(generationPreferences).values({ userId, modelKey: "nano-banana", params: { "nano-banana": { aspect_ratio: "1:1" } } });
  const referralCode = await ensureReferralCode(db, userId);

  const supportText = `hello support, this is ${firstName} ${lastName}, my payment ${n} is missing`;
  fileIds.push(`AgACSUPPORT${n}fileidSUPPORT`);
  await db.insert(supportMessages).values([
    { userId, direction: "in", kind: "payment", text: supportText, fileId: fileIds[3]!, userMessageId: 31 },
    { userId, direction: "out", kind: "payment", text: `dear ${firstName}, we found it`, adminTelegramId: 42, userMessageId: 32 },
  ]);
  const banReasonNote = `spam from ${username} reported by a friend`;
  await db.insert(adminAuditLog).values({
    adminTelegramId: 42,
    action: "user_banned",
    targetUserId: userId,
    before: { banned: false },
    after: { banned: true },
    reason: banReasonNote,
  });
  const [broadcast] = await db
    .insert(broadcasts)
    .values({ adminTelegramId: 42, sourceChatId: 42, sourceMessageId: 1, contentKind: "text", audience: "all", status: "completed" })
    .returning({ id: broadcasts.id });
  await db.insert(broadcastRecipients).values({ broadcastId: broadcast!.id, userId, status: "sent", messageId: 77, sentAt: sql`now()` });

  return {
    userId,
    telegramId,
    firstName,
    lastName,
    username,
    prompt,
    draftPrompt,
    fileIds,
    urls,
    referralCode,
    adminNote,
    supportText,
    banReasonNote,
    referrerUserId: referrer.userId,
    inviteeUserId: invitee.userId,
    personalValues() {
      return [String(telegramId), firstName, lastName, username, prompt, draftPrompt, ...fileIds, ...urls, referralCode, adminNote, supportText, banReasonNote];
    },
  };
}

/** Every row of every table (all schemas but PostgreSQL's own) as text, for searching a value anywhere. */
export async function dumpDatabase(db: Database): Promise<string> {
  const tables = await db.execute<{ table_schema: string; table_name: string }>(sql`
    select table_schema, table_name from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
    order by 1, 2`);
  const parts: string[] = [];
  for (const { table_schema, table_name } of rowsOf<{ table_schema: string; table_name: string }>(tables)) {
    const rows = await db.execute<{ row: string }>(
      sql`select t::text as row from ${sql.identifier(table_schema)}.${sql.identifier(table_name)} as t`,
    );
    for (const { row } of rowsOf<{ row: string }>(rows)) parts.push(`${table_schema}.${table_name}: ${row}`);
  }
  return parts.join("\n");
}

/** node-postgres returns `{ rows }`, PGlite too; both through Drizzle's execute. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
