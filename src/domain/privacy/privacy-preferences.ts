import { and, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { users, type UserRow } from "../../db/schema/index.js";

/**
 * The choices a user makes about optional processing (policy 6.3 opt-out, 6.4 restriction and
 * objection), each a users column. Essential service notifications are not among them: they cannot
 * be turned off (policy 6.3).
 */
export const PRIVACY_PREFERENCES = ["broadcasts", "gallery", "galleryReferences"] as const;

export type PrivacyPreference = (typeof PRIVACY_PREFERENCES)[number];

export function isPrivacyPreference(value: unknown): value is PrivacyPreference {
  return typeof value === "string" && (PRIVACY_PREFERENCES as readonly string[]).includes(value);
}

/**
 * Turns one preference on or off. Reference images are only ever shown next to a published result, so
 * leaving the gallery also withdraws them, and offering them joins the gallery.
 */
export async function setPrivacyPreference(
  db: Executor,
  userId: number,
  preference: PrivacyPreference,
  enabled: boolean,
): Promise<UserRow | undefined> {
  const change =
    preference === "broadcasts"
      ? { broadcastOptIn: enabled }
      : preference === "gallery"
        ? enabled
          ? { galleryOptIn: true }
          : { galleryOptIn: false, galleryReferencesOptIn: false }
        : enabled
          ? { galleryOptIn: true, galleryReferencesOptIn: true }
          : { galleryReferencesOptIn: false };
  const rows = await db
    .update(users)
    .set({ ...change, updatedAt: sql`now()` })
    .where(and(eq(users.id, userId), isNull(users.erasedAt)))
    .returning();
  return rows[0];
}
