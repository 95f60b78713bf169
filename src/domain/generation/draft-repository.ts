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

/**
 * The draft lookups run on every button of a draft's menu: built once per database handle, run as named
 * prepared statements.
 */
function buildLookups(db: Executor) {
  const open = and(eq(generationDrafts.userId, sql.placeholder("userId")), eq(generationDrafts.status, "open"));
  return {
    byId: db
      .select()
      .from(generationDrafts)
      .where(and(eq(generationDrafts.id, sql.placeholder("draftId")), open))
      .limit(1)
      .prepare("generation_drafts_find_open"),
    current: db.select().from(generationDrafts).where(open).limit(1).prepare("generation_drafts_find_current"),
  };
}

const lookups = new WeakMap<Executor, ReturnType<typeof buildLookups>>();

function lookupsFor(db: Executor): ReturnType<typeof buildLookups> {
  let built = lookups.get(db);
  if (!built) {
    built = buildLookups(db);
    lookups.set(db, built);
  }
  return built;
}

/** The user's open draft with this id; anything else (someone else's, replaced, submitted) is undefined. */
export async function findOpenDraft(db: Executor, userId: number, draftId: number): Promise<GenerationDraftRow | undefined> {
  const rows = await lookupsFor(db).byId.execute({ userId, draftId });
  return rows[0];
}

/** The user's open draft, whatever its id (a caption-less image waiting for its prompt). */
export async function findCurrentDraft(db: Executor, userId: number): Promise<GenerationDraftRow | undefined> {
  const rows = await lookupsFor(db).current.execute({ userId });
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
