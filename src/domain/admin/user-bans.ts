import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { users } from "../../db/schema/index.js";
import type { UserProfile } from "../users/user-profile.js";
import type { UserService } from "../users/user-service.js";
import { ADMIN_ACTIONS, recordAdminAction } from "./audit-log.js";
import { AdminUserNotFoundError, checkedReason, UserNotBannedError } from "./admin-errors.js";

export interface BanRequest {
  adminTelegramId: number;
  userId: number;
  reason: string;
}

/**
 * Bans a user with a reason (banning a banned user replaces the reason). Goes through UserService, so
 * the cached profile is dropped in every process and the ban guard sees it on the user's next update.
 * Returns the profile as it now is, for the notice the caller sends in the user's language.
 */
export async function banUser(db: Database, usersService: UserService, request: BanRequest): Promise<UserProfile> {
  const reason = checkedReason(request.reason);
  const before = await knownUser(db, request.userId);
  const after = await usersService.ban(before.telegramId, reason);
  if (!after) throw new AdminUserNotFoundError(request.userId);
  await recordAdminAction(db, {
    adminTelegramId: request.adminTelegramId,
    action: ADMIN_ACTIONS.userBanned,
    targetUserId: request.userId,
    before: { banned: before.banned },
    after: { banned: true },
    reason,
  });
  return after;
}

/** Lifts a ban, with a reason for the audit log and the user's notice. */
export async function unbanUser(db: Database, usersService: UserService, request: BanRequest): Promise<UserProfile> {
  const reason = checkedReason(request.reason);
  const before = await knownUser(db, request.userId);
  if (!before.banned) throw new UserNotBannedError(request.userId);
  const after = await usersService.unban(before.telegramId);
  if (!after) throw new AdminUserNotFoundError(request.userId);
  await recordAdminAction(db, {
    adminTelegramId: request.adminTelegramId,
    action: ADMIN_ACTIONS.userUnbanned,
    targetUserId: request.userId,
    before: { banned: true },
    after: { banned: false },
    reason,
  });
  return after;
}

async function knownUser(db: Database, userId: number): Promise<{ telegramId: number; banned: boolean }> {
  const rows = await db.select({ telegramId: users.telegramId, banned: users.banned }).from(users).where(eq(users.id, userId)).limit(1);
  const row = rows[0];
  if (!row || row.telegramId === null) throw new AdminUserNotFoundError(userId);
  return { telegramId: row.telegramId, banned: row.banned };
}
