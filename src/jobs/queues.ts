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
  /** Tells a referrer about a join or a bonus, after the reward committed (src/jobs/referral-notices.ts). */
  referralNotice: "referral-notice",
  /** Every 15 minutes: erases the accounts whose deletion fell due (src/jobs/privacy/account-purge.ts). */
  accountPurge: "account-purge",
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
};
