import { and, eq, sql } from "drizzle-orm";
import type { Database, Executor } from "../../db/client.js";
import { generationDrafts, type GenerationDraftRow, type StoredReference } from "../../db/schema/index.js";

export interface NewDraft {
  userId: number;
  chatId: number;
  prompt: string | null;
  references: StoredReference[];
  promptMessageId: number | null;
  modelKey: string;
  params: Record<string, string>;
}

/**
 * Opens a new draft and retires the user's previous open one in the same transaction (a partial unique
 * index allows one open draft per user). Returns the retired draft too, so its menu can be closed.
 */
export async function openDraft(
  db: Database,
  draft: NewDraft,
): Promise<{ draft: GenerationDraftRow; replaced: GenerationDraftRow | undefined }> {
  return db.transaction(async (tx) => {
    const replaced = await tx
      .update(generationDrafts)
      .set({ status: "replaced", updatedAt: sql`now()` })
      .where(and(eq(generationDrafts.userId, draft.userId), eq(generationDrafts.status, "open")))
      .returning();
    const inserted = await tx.insert(generationDrafts).values(draft).returning();
    const row = inserted[0];
    if (!row) throw new Error("draft insert returned no row");
    return { draft: row, replaced: replaced[0] };
  });
}

/** The user's open draft with this id; anything else (someone else's, replaced, submitted) is undefined. */
export async function findOpenDraft(db: Executor, userId: number, draftId: number): Promise<GenerationDraftRow | undefined> {
  const rows = await db
    .select()
    .from(generationDrafts)
    .where(and(eq(generationDrafts.id, draftId), eq(generationDrafts.userId, userId), eq(generationDrafts.status, "open")))
    .limit(1);
  return rows[0];
}

/** The user's open draft, whatever its id (a caption-less image waiting for its prompt). */
export async function findCurrentDraft(db: Executor, userId: number): Promise<GenerationDraftRow | undefined> {
  const rows = await db
    .select()
    .from(generationDrafts)
    .where(and(eq(generationDrafts.userId, userId), eq(generationDrafts.status, "open")))
    .limit(1);
  return rows[0];
}

export type DraftPatch = Partial<Pick<GenerationDraftRow, "prompt" | "modelKey" | "params" | "menuMessageId" | "promptMessageId">>;

export async function updateOpenDraft(
  db: Executor,
  userId: number,
  draftId: number,
  patch: DraftPatch,
): Promise<GenerationDraftRow | undefined> {
  const rows = await db
    .update(generationDrafts)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(generationDrafts.id, draftId), eq(generationDrafts.userId, userId), eq(generationDrafts.status, "open")))
    .returning();
  return rows[0];
}

/**
 * Marks the draft as used by a generation. Only one caller can win this compare-and-set, which is what
 * makes pressing Generate twice start one generation.
 */
export async function consumeDraft(tx: Executor, userId: number, draftId: number): Promise<GenerationDraftRow | undefined> {
  const rows = await tx
    .update(generationDrafts)
    .set({ status: "submitted", updatedAt: sql`now()` })
    .where(and(eq(generationDrafts.id, draftId), eq(generationDrafts.userId, userId), eq(generationDrafts.status, "open")))
    .returning();
  return rows[0];
}
