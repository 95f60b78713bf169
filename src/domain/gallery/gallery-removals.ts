import type { Executor } from "../../db/client.js";
import { countGalleryPosts } from "./gallery-posts.js";

/**
 * The port through which privacy changes take a user's posts out of the gallery channel: a durable job
 * (src/jobs/gallery) that removes whatever the user's consent no longer allows. The job reads the
 * consent when it runs, so enqueueing is always safe; a user who opts back in first keeps their posts.
 */
export interface GalleryRemovals {
  /**
   * False when no gallery channel is configured: nothing can be removed, so erasure does not wait for
   * it (and drops the ids of posts in a channel the service no longer knows).
   */
  readonly enabled: boolean;
  /** Enqueues the removal with the given transaction, so it exists exactly when the change commits. */
  enqueue(tx: Executor, userId: number): Promise<void>;
}

/**
 * Enqueues the removal of the user's gallery posts (or only of their reference images) if there are
 * any; returns how many generations' posts are being removed (0: nothing to do), which the user is told.
 */
export async function removeGalleryPostsOf(
  tx: Executor,
  removals: GalleryRemovals,
  userId: number,
  scope: "all" | "references" = "all",
): Promise<number> {
  const posts = await countGalleryPosts(tx, userId, scope);
  if (posts > 0 && removals.enabled) await removals.enqueue(tx, userId);
  return removals.enabled ? posts : 0;
}
