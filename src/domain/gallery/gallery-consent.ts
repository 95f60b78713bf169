import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { users } from "../../db/schema/index.js";

/** What a user lets the public gallery show of their results. */
export interface GalleryConsent {
  /** Their finished generations (`users.gallery_opt_in`). */
  results: boolean;
  /** The reference images of those generations too (`users.gallery_references_opt_in`). */
  references: boolean;
}

const NOTHING: GalleryConsent = { results: false, references: false };

/**
 * The user's gallery consent as it is now (policy 6.4: off until they turn it on in /settings). Read at
 * posting time, not when the generation started, so turning it off stops posts still waiting. A
 * banned account, an erased one, or one waiting for deletion is never posted, whatever it chose.
 */
export async function galleryConsent(db: Executor, userId: number): Promise<GalleryConsent> {
  const rows = await db
    .select({
      optIn: users.galleryOptIn,
      referencesOptIn: users.galleryReferencesOptIn,
      banned: users.banned,
      deletionRequestedAt: users.deletionRequestedAt,
      erasedAt: users.erasedAt,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  const user = rows[0];
  if (!user || !user.optIn || user.banned || user.deletionRequestedAt !== null || user.erasedAt !== null) return NOTHING;
  return { results: true, references: user.referencesOptIn };
}
