/** A broadcast's life: drafted by an admin, then sent, with pauses, until everyone is done or it is cancelled. */
export const BROADCAST_STATUS = {
  /** Content chosen, audience and button being chosen; nothing sent. */
  draft: "draft",
  /** Workers are sending. */
  running: "running",
  /** An admin paused it; resuming continues where it stopped. */
  paused: "paused",
  /** Every recipient is sent, blocked, failed or skipped. */
  completed: "completed",
  /** Stopped for good by an admin; recipients still pending get nothing. */
  cancelled: "cancelled",
} as const;

export type BroadcastStatus = (typeof BROADCAST_STATUS)[keyof typeof BROADCAST_STATUS];

/** Where one recipient is. Only `pending` rows are claimed; only `sending` rows are in a worker's hands. */
export const RECIPIENT_STATUS = {
  pending: "pending",
  sending: "sending",
  sent: "sent",
  /** 403: blocked the bot or deleted the account; the user is marked unreachable, never retried. */
  blocked: "blocked",
  /** Refused by Telegram for good, out of retries, or lost with a worker that died mid-send. */
  failed: "failed",
  /** No longer in the audience when their turn came (opted out, banned, blocked, deleted). */
  skipped: "skipped",
} as const;

export type RecipientStatus = (typeof RECIPIENT_STATUS)[keyof typeof RECIPIENT_STATUS];

/** The kinds of message an admin can broadcast; copyMessage sends each as it is. */
export const CONTENT_KINDS = ["text", "photo", "video", "animation", "document", "audio", "sticker"] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];
