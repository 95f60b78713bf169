import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../context.js";
import { requireUser } from "../../context.js";
import { homeKeyboard } from "../../keyboards/home-keyboard.js";
import { acknowledge, showScreen } from "../../reply.js";
import { getBalance } from "../../../domain/ledger/ledger.js";
import { creditsText } from "../../../domain/payments/payment-notices.js";
import { DELETION_REASONS, isCancellableByUser, type UserDeletionReason } from "../../../domain/privacy/deletion-reasons.js";
import type { UserProfile } from "../../../domain/users/user-profile.js";
import { PRIVACY } from "./privacy-buttons.js";

/**
 * /deleteme and "Withdraw consent" in the settings (policy 4.3, 6.2, 6.4, 6.5): first what deletion
 * means (the date, the forfeited balance, the anonymized records that stay), then a confirmation that
 * marks the account. From then on the deletion-pending middleware answers every update.
 */
export const accountDeletion = new Composer<BotContext>();

accountDeletion.command("deleteme", (ctx) => explainDeletion(ctx, "delete"));
accountDeletion.callbackQuery(PRIVACY.deleteAsk, async (ctx) => {
  await acknowledge(ctx);
  await explainDeletion(ctx, "delete");
});
accountDeletion.callbackQuery(PRIVACY.withdrawAsk, async (ctx) => {
  await acknowledge(ctx);
  await explainDeletion(ctx, "withdraw");
});
accountDeletion.callbackQuery(PRIVACY.deleteConfirm, (ctx) => confirmDeletion(ctx, DELETION_REASONS.userRequest));
accountDeletion.callbackQuery(PRIVACY.withdrawConfirm, (ctx) => confirmDeletion(ctx, DELETION_REASONS.consentWithdrawn));
accountDeletion.callbackQuery(PRIVACY.keep, async (ctx) => {
  await acknowledge(ctx);
  await showScreen(ctx, ctx.tr("privacy-delete-kept"), homeKeyboard(ctx));
});
// Reached only when nothing is pending (the middleware takes it otherwise): a Cancel button from before.
accountDeletion.callbackQuery(PRIVACY.cancelDeletion, (ctx) => acknowledge(ctx, ctx.tr("privacy-deletion-not-pending")));

async function explainDeletion(ctx: BotContext, variant: "delete" | "withdraw"): Promise<void> {
  const user = requireUser(ctx);
  const balance = await getBalance(ctx.deps.db, user.id);
  const date = ctx.deps.privacy.dueDateForNewRequest().getTime();
  const text = [
    ctx.tr(variant === "withdraw" ? "privacy-withdraw-title" : "privacy-delete-title"),
    "",
    ctx.tr("privacy-delete-consequences", { date, balance: creditsText(ctx.tr, balance) }),
    "",
    ctx.tr("privacy-delete-export-hint"),
  ].join("\n");
  const keyboard = new InlineKeyboard()
    .text(ctx.tr(variant === "withdraw" ? "btn-withdraw-confirm" : "btn-delete-confirm"), variant === "withdraw" ? PRIVACY.withdrawConfirm : PRIVACY.deleteConfirm)
    .row()
    .text(ctx.tr("btn-delete-keep"), PRIVACY.keep);
  await showScreen(ctx, text, keyboard);
}

async function confirmDeletion(ctx: BotContext, reason: UserDeletionReason): Promise<void> {
  const requested = await ctx.deps.privacy.requestDeletion(requireUser(ctx).id, reason);
  if (requested.profile) ctx.user = requested.profile;
  await acknowledge(ctx);
  const user = requireUser(ctx);
  if (!user.deletionDueAt) throw new Error(`user ${user.id} was not marked for deletion`);
  const text = [
    ctx.tr("privacy-deletion-scheduled", { date: user.deletionDueAt }),
    ...(requested.galleryPostsRemoving > 0 ? ["", ctx.tr("privacy-deletion-gallery-removing")] : []),
  ].join("\n");
  await showScreen(ctx, text, cancelDeletionKeyboard(ctx));
}

/** What a user waiting for deletion is told on every update: the date and, when it is theirs to take back, Cancel. */
export function deletionNotice(ctx: BotContext, user: UserProfile): { text: string; keyboard: InlineKeyboard | undefined } {
  if (user.deletionDueAt && isCancellableByUser(user.deletionReason)) {
    return { text: ctx.tr("privacy-deletion-pending", { date: user.deletionDueAt }), keyboard: cancelDeletionKeyboard(ctx) };
  }
  return { text: ctx.tr("privacy-deletion-in-progress"), keyboard: undefined };
}

/** The Cancel button of a pending deletion; the deletion-pending middleware handles it. */
export async function cancelPendingDeletion(ctx: BotContext): Promise<void> {
  const updated = await ctx.deps.privacy.cancelDeletion(requireUser(ctx).id);
  if (!updated) {
    await acknowledge(ctx, ctx.tr("privacy-deletion-not-pending"));
    return;
  }
  ctx.user = updated;
  await acknowledge(ctx, ctx.tr("privacy-deletion-cancelled"));
  await showScreen(ctx, ctx.tr("privacy-deletion-cancelled"), homeKeyboard(ctx));
}

function cancelDeletionKeyboard(ctx: BotContext): InlineKeyboard {
  return new InlineKeyboard().text(ctx.tr("btn-deletion-cancel"), PRIVACY.cancelDeletion);
}
