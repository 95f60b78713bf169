import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../context.js";
import { acknowledge, showScreen } from "../../reply.js";
import { eraseAccountByAdmin } from "../../../domain/admin/account-erasure.js";
import { loadUserCard } from "../../../domain/admin/user-card.js";
import { DELETION_REASONS, type AdminDeletionReason } from "../../../domain/privacy/deletion-reasons.js";
import { adminId } from "./admin-access.js";
import { ADMIN, ADMIN_PATTERN } from "./admin-callbacks.js";
import { backToMenu } from "./admin-menu.js";
import { personName } from "./admin-text.js";

/** Short names in callback data for the two reasons an admin may erase an account for. */
const REASONS: Record<string, AdminDeletionReason> = {
  request: DELETION_REASONS.adminRequest,
  child: DELETION_REASONS.childAccount,
};

/**
 * "Delete account": a deletion request support verified (policy 6.2) or an account reported as a
 * child's (policy 7). Reason first, then a confirmation naming what is lost, then the privacy
 * capability's immediate erasure, audited.
 */
export const accountDeletion = new Composer<BotContext>();

accountDeletion.callbackQuery(ADMIN_PATTERN.deleteAccount, async (ctx) => {
  await acknowledge(ctx);
  const userId = Number(ctx.match[1]);
  const keyboard = new InlineKeyboard()
    .text(ctx.tr("admin-btn-delete-request"), ADMIN.deleteReason(userId, "request"))
    .row()
    .text(ctx.tr("admin-btn-delete-child"), ADMIN.deleteReason(userId, "child"))
    .row()
    .text(ctx.tr("admin-btn-back-to-user"), ADMIN.user(userId));
  await showScreen(ctx, ctx.tr("admin-delete-choose"), keyboard);
});

accountDeletion.callbackQuery(ADMIN_PATTERN.deleteReason, async (ctx) => {
  await acknowledge(ctx);
  const userId = Number(ctx.match[1]);
  const reason = REASONS[ctx.match[2] ?? ""];
  const card = await loadUserCard(ctx.deps.db, userId);
  if (!reason || !card || card.user.telegramId === null) return showScreen(ctx, ctx.tr("admin-error-user-not-found"), backToMenu(ctx));
  const keyboard = new InlineKeyboard()
    .text(ctx.tr("admin-btn-delete-confirm"), ADMIN.confirmDelete(userId, ctx.match[2] ?? ""))
    .row()
    .text(ctx.tr("admin-btn-back-to-user"), ADMIN.user(userId));
  const text = ctx.tr("admin-delete-confirm", {
    name: personName(card.user),
    balance: card.user.balance,
    reason: ctx.t(`admin-delete-reason-${reason.replaceAll("_", "-")}`),
  });
  await showScreen(ctx, text, keyboard);
});

accountDeletion.callbackQuery(ADMIN_PATTERN.confirmDelete, async (ctx) => {
  await acknowledge(ctx);
  const userId = Number(ctx.match[1]);
  const reason = REASONS[ctx.match[2] ?? ""];
  if (!reason) return;
  const outcome = await eraseAccountByAdmin(ctx.deps.db, ctx.deps.privacy, { adminTelegramId: adminId(ctx), userId, reason });
  ctx.log.info({ userId, reason, status: outcome.status, adminId: adminId(ctx) }, "admin erased an account");
  const text =
    outcome.status === "erased"
      ? ctx.tr("admin-delete-done", { forfeited: outcome.forfeitedCredits })
      : outcome.status === "deferred"
        ? ctx.tr("admin-delete-deferred", { count: outcome.activeGenerations, posts: outcome.galleryPosts })
        : ctx.tr("admin-error-user-not-found");
  await showScreen(ctx, text, backToMenu(ctx));
});
