import { createHash } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../../../db/client.js";
import { adminSessions } from "../../../db/schema/index.js";

/** An admin session that is neither expired nor revoked. */
export interface AdminSession {
  adminTelegramId: number;
  expiresAt: Date;
}

/** Sessions this long past their end are deleted when someone signs in. */
const KEEP_EXPIRED_MS = 24 * 3600 * 1000;

/**
 * Admin sessions on the server side, so a logout (or an operator deleting rows) ends a session at
 * once, whatever cookie the browser still holds. Only the SHA-256 of a session id is stored.
 */
export class AdminSessionStore {
  constructor(private readonly db: Database) {}

  async create(sessionId: string, adminTelegramId: number, ttlSeconds: number): Promise<AdminSession> {
    const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
    await this.db.insert(adminSessions).values({ idHash: hashOf(sessionId), adminTelegramId, expiresAt });
    await this.db.delete(adminSessions).where(sql`${adminSessions.expiresAt} < ${new Date(Date.now() - KEEP_EXPIRED_MS)}`);
    return { adminTelegramId, expiresAt };
  }

  /** The session if it is still valid. */
  async find(sessionId: string): Promise<AdminSession | undefined> {
    const rows = await this.db
      .select({ adminTelegramId: adminSessions.adminTelegramId, expiresAt: adminSessions.expiresAt })
      .from(adminSessions)
      .where(and(eq(adminSessions.idHash, hashOf(sessionId)), isNull(adminSessions.revokedAt), sql`${adminSessions.expiresAt} > now()`))
      .limit(1);
    return rows[0];
  }

  /** Ends a session for good; true when it was still open. */
  async revoke(sessionId: string): Promise<boolean> {
    const rows = await this.db
      .update(adminSessions)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(adminSessions.idHash, hashOf(sessionId)), isNull(adminSessions.revokedAt)))
      .returning({ idHash: adminSessions.idHash });
    return rows.length > 0;
  }
}

function hashOf(sessionId: string): string {
  return createHash("sha256").update(sessionId).digest("hex");
}
