import { and, eq, isNotNull, or, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { generations, type GenerationRow, type StoredReference } from "../../db/schema/index.js";
import type { GalleryConsent } from "./gallery-consent.js";

/** Telegram albums hold 2–10 items; a post never shows more results or references than that. */
export const GALLERY_ALBUM_MAX = 10;

/** One message of a generation's gallery post: the result(s) or the reference images under them. */
export interface GalleryMessage {
  messageId: number;
  part: "result" | "references";
  /** What the message shows, so a replacement can be of the kind Telegram allows in its place. */
  media: "photo" | "document";
}

/**
 * A reference as stored once it was posted: the id of its own message in the channel. Kept inside the
 * `references` JSON (no column of its own) because photos and image files go as separate albums, and
 * only the first message id has a column.
 */
export type PostedReference = StoredReference & { galleryMessageId?: number };

/** The references with the channel message each was posted as, in the order they were posted. */
export function withGalleryMessageIds(references: readonly StoredReference[], posted: ReadonlyMap<string, number>): PostedReference[] {
  return references.map((reference) => {
    const messageId = posted.get(reference.fileId);
    return messageId === undefined ? { ...reference } : { ...reference, galleryMessageId: messageId };
  });
}

/** The references without their channel message ids, once those messages are gone. */
function withoutGalleryMessageIds(references: readonly PostedReference[]): StoredReference[] {
  return references.map(({ galleryMessageId: _gone, ...reference }) => reference);
}

export interface LocatedMessages {
  messages: GalleryMessage[];
  /** Reference messages posted before their ids were kept per reference, whose ids cannot be known. */
  unlocated: number;
}

/**
 * Every channel message of a generation's gallery post. The results go as one message or one album,
 * and an album's messages get consecutive ids, so the first id and the count name them all. Reference
 * messages carry their own ids; for posts from before that, the first album (photos first, as posted)
 * is found the same way and a second album of the other kind cannot be.
 */
export function galleryMessagesOf(row: GenerationRow): LocatedMessages {
  const messages: GalleryMessage[] = [];
  let unlocated = 0;
  if (row.galleryMessageId !== null) {
    const count = Math.max(1, Math.min(row.resultFileIds.length, GALLERY_ALBUM_MAX));
    for (let i = 0; i < count; i++) messages.push({ messageId: row.galleryMessageId + i, part: "result", media: "document" });
  }
  if (row.galleryReferencesMessageId !== null) {
    const references = row.references as PostedReference[];
    const shown = (["photo", "document"] as const).map((kind) => references.filter((r) => r.kind === kind).slice(0, GALLERY_ALBUM_MAX));
    const recorded = shown.flat().filter((r) => r.galleryMessageId !== undefined);
    if (recorded.length > 0) {
      for (const r of recorded) messages.push({ messageId: r.galleryMessageId as number, part: "references", media: r.kind });
    } else {
      const [first, second] = shown.filter((group) => group.length > 0);
      first?.forEach((r, i) => messages.push({ messageId: (row.galleryReferencesMessageId as number) + i, part: "references", media: r.kind }));
      unlocated = second?.length ?? 0;
    }
  }
  return { messages, unlocated };
}

/** Which parts of a post the consent no longer allows. */
export function partsToRemove(consent: GalleryConsent): ReadonlyArray<GalleryMessage["part"]> {
  if (!consent.results) return ["result", "references"];
  return consent.references ? [] : ["references"];
}

/** The user's generations that still have a post in the gallery channel, oldest first. */
export async function generationsWithGalleryPosts(db: Executor, userId: number): Promise<GenerationRow[]> {
  return db
    .select()
    .from(generations)
    .where(and(eq(generations.userId, userId), or(isNotNull(generations.galleryMessageId), isNotNull(generations.galleryReferencesMessageId))))
    .orderBy(generations.id);
}

/** How many of the user's generations have a post in the gallery channel (only their references': `references`). */
export async function countGalleryPosts(db: Executor, userId: number, scope: "all" | "references" = "all"): Promise<number> {
  const posted =
    scope === "references"
      ? isNotNull(generations.galleryReferencesMessageId)
      : or(isNotNull(generations.galleryMessageId), isNotNull(generations.galleryReferencesMessageId));
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(generations)
    .where(and(eq(generations.userId, userId), posted));
  return rows[0]?.n ?? 0;
}

/**
 * Forgets the channel message ids of the removed parts: they served only to take the posts down. The
 * result's ids go with the references', since references are only ever shown under a result.
 */
export async function forgetGalleryMessages(db: Executor, row: GenerationRow, parts: ReadonlyArray<GalleryMessage["part"]>): Promise<void> {
  if (parts.length === 0) return;
  const results = parts.includes("result");
  await db
    .update(generations)
    .set({
      ...(results ? { galleryMessageId: null } : {}),
      galleryReferencesMessageId: null,
      references: withoutGalleryMessageIds(row.references as PostedReference[]),
      updatedAt: sql`now()`,
    })
    .where(eq(generations.id, row.id));
}
