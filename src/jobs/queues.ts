import type { QueueSettings } from "./job-queue.js";

/** Names of every durable queue; one place so producers and consumers cannot drift apart. */
export const QUEUES = {
  heartbeat: "heartbeat",
  /** Compares Telegram's Stars transactions with our payments (src/jobs/payment-reconciliation.ts). */
  paymentReconciliation: "payment-reconciliation",
  /** Uploads a generation's references and submits it to the provider, once (src/jobs/generation). */
  generationSubmit: "generation-submit",
  /** One look at a submitted generation; re-enqueues itself with a growing delay until it settles. */
  generationPoll: "generation-poll",
  /** Every minute: settles generations past their deadline and restarts lost job chains. */
  generationSweep: "generation-sweep",
  /** Posts a delivered generation to the gallery channel, for users who opted in (src/jobs/gallery). */
  galleryPost: "gallery-post",
  /** Takes a user's posts out of the gallery channel once their consent or account went (src/jobs/gallery). */
  galleryRemoval: "gallery-removal",
  /** Tells a referrer about a join or a bonus, after the reward committed (src/jobs/referral-notices.ts). */
  referralNotice: "referral-notice",
  /** Every 15 minutes: erases the accounts whose deletion fell due (src/jobs/privacy/account-purge.ts). */
  accountPurge: "account-purge",
  /** One short step of a broadcast; re-enqueues itself until everyone is done (src/jobs/broadcasts). */
  broadcastStep: "broadcast-step",
  /** Every minute: restarts the step chain of a running broadcast whose worker died. */
  broadcastSweep: "broadcast-sweep",
  /** The admins' daily report, at DAILY_REPORT_TIME in DAILY_REPORT_TZ (src/jobs/daily-report.ts). */
  dailyReport: "daily-report",
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const ALL_QUEUES: readonly QueueName[] = Object.values(QUEUES);

/**
 * Policies of queues that need one. `short` keeps at most one waiting job per generation (singleton
 * key = generation id), so the sweeper, a webhook and the poll chain never pile up duplicates.
 */
export const QUEUE_SETTINGS: Readonly<Partial<Record<QueueName, QueueSettings>>> = {
  [QUEUES.generationSubmit]: { policy: "short" },
  [QUEUES.generationPoll]: { policy: "short" },
  [QUEUES.galleryPost]: { policy: "short" },
  // One waiting removal per user (singleton key = user id): it reads the consent when it runs, so one is enough.
  [QUEUES.galleryRemoval]: { policy: "short" },
  // One waiting step per broadcast (singleton key = broadcast id): the chain, the sweeper and a resume never pile up.
  [QUEUES.broadcastStep]: { policy: "short" },
};
