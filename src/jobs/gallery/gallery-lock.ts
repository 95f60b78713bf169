/**
 * One generation's gallery post is made or removed by one worker at a time: the poster and the remover
 * take the same lock, so a removal never reads the ids of a post that is half made.
 */
export function galleryLockKey(generationId: number): string {
  return `gallery:lock:${generationId}`;
}

/** Longer than posting or removing two albums takes; a crashed holder delays the other by at most this. */
export const GALLERY_LOCK_TTL_MS = 60_000;
