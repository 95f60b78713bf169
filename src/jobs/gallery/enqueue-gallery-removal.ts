import type PgBoss from "pg-boss";
import type { JobSender } from "../job-queue.js";
import { QUEUES } from "../queues.js";

/** Payload of `gallery-removal`. */
export interface GalleryRemovalJob {
  userId: number;
}

/**
 * Unlike a post, a removal is a promise to the user: a channel that is down or rate-limited is tried
 * again for hours (backoff from 10 s), and an erasure waiting for it enqueues it
 * again on every purge run after that.
 */
const REMOVAL_OPTIONS = { retryLimit: 10, retryDelay: 10, retryBackoff: true, expireInSeconds: 300 } satisfies PgBoss.SendOptions;

/**
 * Enqueues the removal of whatever of the user's gallery posts their consent no longer allows. Pass
 * `queue.inTransaction(tx)` to enqueue with the change that withdrew it; at most one waits per user.
 */
export async function enqueueGalleryRemoval(sender: JobSender, userId: number, delaySeconds = 0): Promise<string | null> {
  return sender.send<GalleryRemovalJob>(QUEUES.galleryRemoval, { userId }, {
    ...REMOVAL_OPTIONS,
    singletonKey: String(userId),
    ...(delaySeconds > 0 ? { startAfter: delaySeconds } : {}),
  });
}
