import { and, desc, eq, inArray, lt, or, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.js";
import { generations, type GenerationRow } from "../../../db/schema/index.js";
import { getGenerationByPublicId } from "../../../domain/generation/generation-repository.js";
import { ACTIVE_STATUSES } from "../../../domain/generation/generation-status.js";

/**
 * One page of a user's generations, newest first. Keyed by the row id (identity, so in insert order)
 * rather than created_at: a microsecond timestamp does not survive a round trip through a JS Date,
 * and a cursor that loses precision skips rows.
 */
export async function generationPage(
  db: Executor,
  userId: number,
  options: { beforeId: number | undefined; limit: number },
): Promise<{ rows: GenerationRow[]; nextBeforeId: number | undefined }> {
  const rows = await db
    .select()
    .from(generations)
    .where(and(eq(generations.userId, userId), options.beforeId === undefined ? undefined : lt(generations.id, options.beforeId)))
    .orderBy(desc(generations.id))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  return { rows: page, nextBeforeId: rows.length > options.limit ? page.at(-1)?.id : undefined };
}

/** The generation with this public id if it is this user's; someone else's is indistinguishable from none. */
export async function findOwnGeneration(db: Executor, userId: number, publicId: string): Promise<GenerationRow | undefined> {
  const row = await getGenerationByPublicId(db, publicId);
  return row?.userId === userId ? row : undefined;
}

/** True when the file is a result or a reference image of one of the user's generations. */
export async function ownsFile(db: Executor, userId: number, fileId: string): Promise<boolean> {
  const rows = await db
    .select({ id: generations.id })
    .from(generations)
    .where(
      and(
        eq(generations.userId, userId),
        or(
          sql`${generations.resultFileIds} @> ${JSON.stringify([fileId])}::jsonb`,
          sql`${generations.references} @> ${JSON.stringify([{ fileId }])}::jsonb`,
        ),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/**
 * What the live stream looks at for these users: every generation still running, and those changed in
 * the last `recentSeconds` (so a final status is seen even though the row is no longer active). The
 * window is wider than the poll interval on purpose: a row's updated_at is its transaction's start, so
 * a slow commit can appear after the moment it carries.
 */
export async function generationsToWatch(db: Executor, userIds: readonly number[], recentSeconds: number): Promise<GenerationRow[]> {
  if (userIds.length === 0) return [];
  return db
    .select()
    .from(generations)
    .where(
      and(
        inArray(generations.userId, [...userIds]),
        or(
          inArray(generations.status, [...ACTIVE_STATUSES]),
          sql`${generations.updatedAt} > now() - make_interval(secs => ${recentSeconds})`,
        ),
      ),
    );
}
