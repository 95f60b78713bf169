import type { BotContext } from "../../context.js";
import { AdjustmentReasonRequiredError, AdjustmentReasonTooLongError, InvalidAdjustmentAmountError } from "../../../domain/ledger/balance-adjustment.js";
import {
  AdminReasonRequiredError,
  AdminReasonTooLongError,
  AdminUserNotFoundError,
  GenerationAlreadyRefundedError,
  GenerationNotFoundError,
  GenerationStillRunningError,
  TrialGenerationRefundError,
  UserNotBannedError,
} from "../../../domain/admin/admin-errors.js";
import {
  BroadcastNotFoundError,
  BroadcastStateError,
  ButtonTextInvalidError,
  ButtonUrlInvalidError,
  EmptyAudienceError,
  ServiceNoticeContentError,
} from "../../../domain/broadcasts/broadcast-errors.js";
import { StarPaymentNotFoundError } from "../../../domain/payments/star-refund.js";

/** A person as admins see them: the name Telegram gave, else @username, else the id. Escape before HTML. */
export function personName(user: { id: number; telegramId: number | null; username: string | null; firstName: string | null; lastName: string | null }): string {
  const full = [user.firstName, user.lastName].filter((p) => p && p.trim() !== "").join(" ");
  if (full) return full;
  if (user.username) return `@${user.username}`;
  return user.telegramId === null ? `#${user.id}` : String(user.telegramId);
}

/**
 * One localized message per way an admin action can be refused. Anything else is a bug and propagates
 * to the bot's error boundary.
 */
export function adminErrorText(ctx: BotContext, error: unknown): string {
  if (error instanceof AdminUserNotFoundError) return ctx.tr("admin-error-user-not-found");
  if (error instanceof AdminReasonRequiredError || error instanceof AdjustmentReasonRequiredError) return ctx.tr("admin-error-reason-required");
  if (error instanceof AdminReasonTooLongError) return ctx.tr("admin-error-reason-too-long", { max: error.maxLength });
  if (error instanceof AdjustmentReasonTooLongError) return ctx.tr("admin-error-reason-too-long", { max: error.maxLength });
  if (error instanceof InvalidAdjustmentAmountError) return ctx.tr("admin-error-amount");
  if (error instanceof UserNotBannedError) return ctx.tr("admin-error-not-banned");
  if (error instanceof GenerationNotFoundError) return ctx.tr("admin-error-generation-not-found");
  if (error instanceof TrialGenerationRefundError) return ctx.tr("admin-error-trial-generation");
  if (error instanceof GenerationAlreadyRefundedError) return ctx.tr("admin-error-already-refunded");
  if (error instanceof GenerationStillRunningError) return ctx.tr("admin-error-generation-running");
  if (error instanceof StarPaymentNotFoundError) return ctx.tr("admin-error-payment-not-found");
  if (error instanceof BroadcastNotFoundError) return ctx.tr("broadcast-error-not-found");
  if (error instanceof BroadcastStateError) return ctx.tr("broadcast-error-state", { status: ctx.t(`broadcast-status-${error.status}`) });
  if (error instanceof EmptyAudienceError) return ctx.tr("broadcast-error-empty-audience");
  if (error instanceof ButtonTextInvalidError) return ctx.tr("broadcast-error-button-text", { max: error.maxLength });
  if (error instanceof ButtonUrlInvalidError) return ctx.tr("broadcast-error-button-url");
  if (error instanceof ServiceNoticeContentError) {
    return ctx.tr(`broadcast-error-service-notice-${error.reason.replaceAll("_", "-")}`, { max: error.maxLength });
  }
  throw error;
}
