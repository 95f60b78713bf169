import type { Translate } from "../payments/payment-notices.js";
import { BROADCAST_STATUS } from "./broadcast-status.js";
import type { Broadcast } from "./broadcast-lifecycle.js";
import type { RecipientCounts } from "./recipients.js";

/**
 * Callback data of the buttons under a broadcast's progress message ("bcast:<action>:<id>"). The
 * admin feature matches exactly these; the worker puts them under the message it edits.
 */
export const BROADCAST_CONTROL = {
  pause: (id: number) => `bcast:pause:${id}`,
  resume: (id: number) => `bcast:resume:${id}`,
  cancel: (id: number) => `bcast:cancel:${id}`,
  refresh: (id: number) => `bcast:refresh:${id}`,
} as const;

/** A button as plain data, so this view stays free of grammY. */
export interface ControlButton {
  text: string;
  callbackData: string;
}

export interface ProgressView {
  text: string;
  /** Rows of buttons; empty once the broadcast is over. */
  buttons: ControlButton[][];
}

const BAR_WIDTH = 10;

/** "▓▓▓▓░░░░░░": one block per tenth done. */
function progressBar(done: number, total: number): string {
  const filled = total <= 0 ? BAR_WIDTH : Math.min(BAR_WIDTH, Math.floor((done / total) * BAR_WIDTH));
  return "▓".repeat(filled) + "░".repeat(BAR_WIDTH - filled);
}

/** Done means settled either way (sent, blocked, failed, skipped): the bar reaches 100 % even when some failed. */
export function settledCount(counts: RecipientCounts): number {
  return counts.sent + counts.blocked + counts.failed + counts.skipped;
}

export function percentOf(part: number, total: number): number {
  return total <= 0 ? 100 : Math.floor((part / total) * 100);
}

/** The live progress message: a bar, the counts and the controls that fit the broadcast's state. */
export function progressView(t: Translate, broadcast: Broadcast, counts: RecipientCounts, updatedAt: string): ProgressView {
  const total = broadcast.total || counts.total;
  const settled = settledCount(counts);
  const text = t("broadcast-progress", {
    id: broadcast.id,
    status: t(`broadcast-status-${broadcast.status}`),
    bar: progressBar(settled, total),
    percent: percentOf(settled, total),
    sent: counts.sent,
    blocked: counts.blocked,
    failed: counts.failed,
    skipped: counts.skipped,
    pending: counts.pending + counts.sending,
    total,
    time: updatedAt,
  });
  const refresh = { text: t("broadcast-btn-refresh"), callbackData: BROADCAST_CONTROL.refresh(broadcast.id) };
  const cancel = { text: t("broadcast-btn-cancel"), callbackData: BROADCAST_CONTROL.cancel(broadcast.id) };
  if (broadcast.status === BROADCAST_STATUS.running) {
    return { text, buttons: [[{ text: t("broadcast-btn-pause"), callbackData: BROADCAST_CONTROL.pause(broadcast.id) }, cancel], [refresh]] };
  }
  if (broadcast.status === BROADCAST_STATUS.paused) {
    return { text, buttons: [[{ text: t("broadcast-btn-resume"), callbackData: BROADCAST_CONTROL.resume(broadcast.id) }, cancel], [refresh]] };
  }
  return { text, buttons: [] };
}

/** The summary the starting admin gets once the broadcast is over (completed or cancelled). */
export function summaryText(t: Translate, broadcast: Broadcast, counts: RecipientCounts): string {
  const total = broadcast.total || counts.total;
  const started = broadcast.startedAt?.getTime() ?? broadcast.createdAt.getTime();
  const finished = broadcast.finishedAt?.getTime() ?? Date.now();
  return t("broadcast-summary", {
    id: broadcast.id,
    outcome: t(`broadcast-outcome-${broadcast.status === BROADCAST_STATUS.cancelled ? "cancelled" : "completed"}`),
    sent: counts.sent,
    total,
    percent: percentOf(counts.sent, total),
    blocked: counts.blocked,
    failed: counts.failed,
    skipped: counts.skipped,
    unsent: counts.pending + counts.sending,
    seconds: Math.max(0, Math.round((finished - started) / 1000)),
  });
}
