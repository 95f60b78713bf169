import type PgBoss from "pg-boss";
import type { JobSender } from "../job-queue.js";
import { QUEUES } from "../queues.js";

/** Payload of `gallery-post`. */
export interface GalleryPostJob {
  generationId: number;
}

/**
 * A channel that is down or rate-limited is tried again for a few minutes; after that the post is
 * dropped, since the user has their image and a gallery post is no promise.
 */
const POST_OPTIONS = { retryLimit: 5, retryDelay: 20, retryBackoff: true, expireInSeconds: 60 } satisfies PgBoss.SendOptions;

/**
 * Enqueues the gallery post of a delivered generation. Pass `queue.inTransaction(tx)` to enqueue with
 * the delivery mark, so the post exists exactly when the delivery does; at most one waits per
 * generation (the queue's `short` policy).
 */
export async function enqueueGalleryPost(sender: JobSender, generationId: number, delaySeconds = 0): Promise<string | null> {
  return sender.send<GalleryPostJob>(QUEUES.galleryPost, { generationId }, {
    ...POST_OPTIONS,
    singletonKey: String(generationId),
    ...(delaySeconds > 0 ? { startAfter: delaySeconds } : {}),
  });
}
