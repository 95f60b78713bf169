import type { Metrics } from "../../infra/metrics.js";
import type { JobQueue } from "../job-queue.js";
import { QUEUES } from "../queues.js";
import { enqueueGalleryPost, type GalleryPostJob } from "./enqueue-gallery-post.js";
import { enqueueGalleryRemoval, type GalleryRemovalJob } from "./enqueue-gallery-removal.js";
import type { GalleryPoster } from "./gallery-poster.js";
import type { GalleryRemover } from "./gallery-remover.js";

/** How long a post or a removal waits when another worker holds the same generation. */
const BUSY_RETRY_SECONDS = 5;

/**
 * Worker role: consumes the gallery posts and removals. Each job is counted by outcome in
 * `bananapics_jobs_processed_total`; a thrown error (network, Telegram 5xx) is retried by pg-boss.
 */
export async function registerGalleryJobs(queue: JobQueue, poster: GalleryPoster, remover: GalleryRemover, metrics: Metrics): Promise<void> {
  await queue.work<unknown>(QUEUES.galleryPost, async (job) => {
    let outcome: string;
    try {
      outcome = isGalleryPostJob(job) ? await poster.post(job.generationId) : "invalid";
      // The queue keeps one waiting job per generation (this one is running), so this cannot pile up.
      if (outcome === "busy" && isGalleryPostJob(job)) await enqueueGalleryPost(queue, job.generationId, BUSY_RETRY_SECONDS);
    } catch (error) {
      metrics.jobsProcessed.inc({ queue: QUEUES.galleryPost, outcome: "error" });
      throw error;
    }
    metrics.jobsProcessed.inc({ queue: QUEUES.galleryPost, outcome });
  });

  await queue.work<unknown>(QUEUES.galleryRemoval, async (job) => {
    let outcome: string;
    try {
      outcome = isGalleryRemovalJob(job) ? await remover.removeFor(job.userId) : "invalid";
      // One waiting removal per user: a post in the making finishes first, then this looks again.
      if (outcome === "busy" && isGalleryRemovalJob(job)) await enqueueGalleryRemoval(queue, job.userId, BUSY_RETRY_SECONDS);
    } catch (error) {
      metrics.jobsProcessed.inc({ queue: QUEUES.galleryRemoval, outcome: "error" });
      throw error;
    }
    metrics.jobsProcessed.inc({ queue: QUEUES.galleryRemoval, outcome });
  });
}

function isGalleryPostJob(data: unknown): data is GalleryPostJob {
  return typeof data === "object" && data !== null && "generationId" in data && Number.isSafeInteger(data.generationId);
}

function isGalleryRemovalJob(data: unknown): data is GalleryRemovalJob {
  return typeof data === "object" && data !== null && "userId" in data && Number.isSafeInteger(data.userId);
}
