import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { supportMessages, supportRelays, users, type SupportMessageRow, type UserRow } from "../../db/schema/index.js";

/** /support or /paysupport: payment questions travel with the user's recent payments. */
export const SUPPORT_KINDS = ["support", "payment"] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];

export type SupportMessage = SupportMessageRow;

export function isSupportKind(value: unknown): value is SupportKind {
  return typeof value === "string" && (SUPPORT_KINDS as readonly string[]).includes(value);
}

/** What the user wrote: text, or a photo with an optional caption. */
export interface SupportContent {
  text: string | null;
  /** The photo's file id (largest size). */
  fileId: string | null;
}

/** Stores a user's message to support before it is relayed, so nothing is lost if relaying fails. */
export async function recordIncoming(
  db: Executor,
  message: { userId: number; kind: SupportKind; content: SupportContent; userMessageId: number },
): Promise<SupportMessage> {
  return insert(db, {
    userId: message.userId,
    direction: "in",
    kind: message.kind,
    text: message.content.text,
    fileId: message.content.fileId,
    userMessageId: message.userMessageId,
  });
}

/** Stores support's answer once it was delivered into the user's chat. */
export async function recordOutgoing(
  db: Executor,
  message: { userId: number; kind: SupportKind; content: SupportContent; userMessageId: number; adminTelegramId: number },
): Promise<SupportMessage> {
  return insert(db, {
    userId: message.userId,
    direction: "out",
    kind: message.kind,
    text: message.content.text,
    fileId: message.content.fileId,
    userMessageId: message.userMessageId,
    adminTelegramId: message.adminTelegramId,
  });
}

/** Remembers a copy in the support chat (or an admin's chat), so a reply to it finds the user. */
export async function recordRelay(db: Executor, relay: { chatId: number; messageId: number; supportMessageId: number }): Promise<void> {
  await db.insert(supportRelays).values(relay).onConflictDoNothing();
}

/** The support message a relayed copy stands for, with its author; undefined for any other message. */
export async function findRelayed(
  db: Executor,
  chatId: number,
  messageId: number,
): Promise<{ message: SupportMessage; user: UserRow } | undefined> {
  const rows = await db
    .select({ message: supportMessages, user: users })
    .from(supportRelays)
    .innerJoin(supportMessages, eq(supportMessages.id, supportRelays.supportMessageId))
    .innerJoin(users, eq(users.id, supportMessages.userId))
    .where(and(eq(supportRelays.chatId, chatId), eq(supportRelays.messageId, messageId)))
    .limit(1);
  return rows[0];
}

/** Support's answer the user is replying to in their chat, so the follow-up keeps its kind. */
export async function findAnswer(db: Executor, userId: number, userMessageId: number): Promise<SupportMessage | undefined> {
  const rows = await db
    .select()
    .from(supportMessages)
    .where(and(eq(supportMessages.userId, userId), eq(supportMessages.direction, "out"), eq(supportMessages.userMessageId, userMessageId)))
    .limit(1);
  return rows[0];
}

async function insert(db: Executor, values: typeof supportMessages.$inferInsert): Promise<SupportMessage> {
  const rows = await db.insert(supportMessages).values(values).returning();
  if (!rows[0]) throw new Error("support message insert returned no row");
  return rows[0];
}
