import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { adminAuditLog } from "../../db/schema/index.js";
import type { AuditEntry } from "./audit-log.js";

export interface AuditLogRequest {
  action?: string | undefined;
  adminTelegramId?: number | undefined;
  targetUserId?: number | undefined;
  limit: number;
  offset: number;
}

/** The audit log newest first, a page at a time, narrowed by action, admin or user. */
export async function listAuditLog(db: Executor, request: AuditLogRequest): Promise<{ items: AuditEntry[]; total: number }> {
  const conditions: SQL[] = [];
  if (request.action !== undefined) conditions.push(eq(adminAuditLog.action, request.action));
  if (request.adminTelegramId !== undefined) conditions.push(eq(adminAuditLog.adminTelegramId, request.adminTelegramId));
  if (request.targetUserId !== undefined) conditions.push(eq(adminAuditLog.targetUserId, request.targetUserId));
  const where = conditions.length > 0 ? and(...conditions) : sql`true`;
  const [items, counted] = await Promise.all([
    db.select().from(adminAuditLog).where(where).orderBy(desc(adminAuditLog.id)).limit(request.limit).offset(request.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(adminAuditLog).where(where),
  ]);
  return { items, total: counted[0]?.n ?? 0 };
}
