import { eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { generationPreferences } from "../../db/schema/index.js";

export interface GenerationPreference {
  modelKey: string;
  /** Parameters per model, so switching models back and forth keeps each one's choices. */
  params: Record<string, Record<string, string>>;
}

/** Read on every prompt and model choice: built once per database handle, run as a named prepared statement. */
function buildLoad(db: Executor) {
  return db
    .select()
    .from(generationPreferences)
    .where(eq(generationPreferences.userId, sql.placeholder("userId")))
    .limit(1)
    .prepare("generation_preferences_load");
}

const loads = new WeakMap<Executor, ReturnType<typeof buildLoad>>();

/** The user's last model and parameters, offered on their next prompt. */
export async function loadPreference(db: Executor, userId: number): Promise<GenerationPreference | undefined> {
  let load = loads.get(db);
  if (!load) {
    load = buildLoad(db);
    loads.set(db, load);
  }
  const rows = await load.execute({ userId });
  const row = rows[0];
  return row ? { modelKey: row.modelKey, params: row.params } : undefined;
}

/**
 * Remembers the model and its parameters, keeping every other model's: one statement that merges into
 * the stored parameters, so two saves at once (two buttons, two instances) cannot drop each other's.
 */
export async function savePreference(db: Executor, userId: number, modelKey: string, params: Record<string, string>): Promise<void> {
  const ofThisModel = { [modelKey]: params };
  await db
    .insert(generationPreferences)
    .values({ userId, modelKey, params: ofThisModel })
    .onConflictDoUpdate({
      target: generationPreferences.userId,
      set: { modelKey, params: sql`${generationPreferences.params} || excluded.params`, updatedAt: sql`now()` },
    });
}
