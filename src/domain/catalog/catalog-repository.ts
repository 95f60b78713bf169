import { asc, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { models, type ModelRow, type NewModelRow } from "../../db/schema/index.js";

/** The catalog fields an admin may change; names, provider ids and parameters change only by migration. */
export type ModelEdit = Partial<Pick<NewModelRow, "enabled" | "sortOrder" | "priceOverrideCredits" | "usdPricing">>;

/** Every model, enabled or not, in menu order (ties broken by key so the order is stable). */
export async function selectAllModels(db: Executor): Promise<ModelRow[]> {
  return db.select().from(models).orderBy(asc(models.sortOrder), asc(models.key));
}

export async function selectModel(db: Executor, key: string): Promise<ModelRow | undefined> {
  const rows = await db.select().from(models).where(eq(models.key, key)).limit(1);
  return rows[0];
}

/** Applies an edit; undefined when there is no such model. */
export async function updateModel(db: Executor, key: string, edit: ModelEdit): Promise<ModelRow | undefined> {
  const rows = await db
    .update(models)
    .set({ ...edit, updatedAt: sql`now()` })
    .where(eq(models.key, key))
    .returning();
  return rows[0];
}
