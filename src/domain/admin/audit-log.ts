import { desc, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { adminAuditLog, type AdminAuditRow } from "../../db/schema/index.js";

/** Every kind of admin action the audit log records; the admin screens and tests use the same names. */
export const ADMIN_ACTIONS = {
  creditsAdjusted: "credits_adjusted",
  userBanned: "user_banned",
  userUnbanned: "user_unbanned",
  generationRefunded: "generation_refunded",
  paymentRefunded: "payment_refunded",
  accountErased: "account_erased",
  broadcastStarted: "broadcast_started",
  broadcastPaused: "broadcast_paused",
  broadcastResumed: "broadcast_resumed",
  broadcastCancelled: "broadcast_cancelled",
  supportReplied: "support_replied",
  /** A runtime business setting changed or was reset to its env default (src/domain/settings). */
  settingChanged: "setting_changed",
  /** A model or tool was enabled, disabled, moved or repriced (src/domain/admin/model-edits.ts). */
  modelChanged: "model_changed",
  /** A broadcast drafted in the web panel (the bot's wizard audits only the start). */
  broadcastCreated: "broadcast_created",
  /** Web panel sign-ins and sign-outs: who held a session when. */
  adminSignedIn: "admin_signed_in",
  adminSignedOut: "admin_signed_out",
} as const;

export type AdminAction = (typeof ADMIN_ACTIONS)[keyof typeof ADMIN_ACTIONS];

export interface AuditRecord {
  adminTelegramId: number;
  action: AdminAction;
  targetUserId?: number | undefined;
  target?: string | undefined;
  before?: Record<string, unknown> | undefined;
  after?: Record<string, unknown> | undefined;
  reason?: string | undefined;
}

export type AuditEntry = AdminAuditRow;

/**
 * Records one admin action. Pass the transaction that made the change, so the record and the change
 * commit together; for changes made through Telegram first (a Stars refund), record right after.
 */
export async function recordAdminAction(db: Executor, record: AuditRecord): Promise<AuditEntry> {
  const rows = await db
    .insert(adminAuditLog)
    .values({
      adminTelegramId: record.adminTelegramId,
      action: record.action,
      targetUserId: record.targetUserId ?? null,
      target: record.target ?? null,
      before: record.before ?? null,
      after: record.after ?? null,
      reason: record.reason ?? null,
    })
    .returning();
  const entry = rows[0];
  if (!entry) throw new Error("audit insert returned no row");
  return entry;
}

/** The latest actions about one user, newest first (the user card shows a few). */
export async function auditEntriesFor(db: Executor, targetUserId: number, limit: number): Promise<AuditEntry[]> {
  return db
    .select()
    .from(adminAuditLog)
    .where(eq(adminAuditLog.targetUserId, targetUserId))
    .orderBy(desc(adminAuditLog.id))
    .limit(limit);
}
