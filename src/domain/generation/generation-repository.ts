import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { generations, type GenerationRow } from "../../db/schema/index.js";
import type { GenerationStatus } from "./generation-status.js";

export type GenerationPatch = Partial<
  Pick<
    GenerationRow,
    | "providerTaskId"
    | "providerStatus"
    | "outputs"
    | "nsfw"
    | "resultFileIds"
    | "references"
    | "statusMessageId"
    | "statusShown"
    | "failureCode"
    | "failureDetail"
    | "submittedAt"
    | "completedAt"
    | "deliveredAt"
    | "galleryMessageId"
    | "galleryReferencesMessageId"
  >
>;

export async function getGeneration(db: Executor, id: number): Promise<GenerationRow | undefined> {
  const rows = await db.select().from(generations).where(eq(generations.id, id)).limit(1);
  return rows[0];
}

export async function getGenerationByPublicId(db: Executor, publicId: string): Promise<GenerationRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(publicId)) return undefined;
  const rows = await db.select().from(generations).where(eq(generations.publicId, publicId)).limit(1);
  return rows[0];
}

/**
 * Moves a generation to `to` only if it is still in one of `from`: the compare-and-set that makes every
 * step safe to run twice (a retried job, the sweeper and a webhook racing each other). Returns the
 * updated row, or undefined when someone else moved it first.
 */
export async function transition(
  db: Executor,
  id: number,
  from: readonly GenerationStatus[],
  to: GenerationStatus,
  patch: GenerationPatch = {},
): Promise<GenerationRow | undefined> {
  const rows = await db
    .update(generations)
    .set({ ...patch, status: to, updatedAt: sql`now()` })
    .where(and(eq(generations.id, id), inArray(generations.status, [...from])))
    .returning();
  return rows[0];
}

/** Changes fields without changing the status (e.g. the status message shown). */
export async function patchGeneration(db: Executor, id: number, patch: GenerationPatch): Promise<void> {
  await db
    .update(generations)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(generations.id, id));
}
