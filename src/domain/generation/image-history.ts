import { and, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { generations, type GenerationRow } from "../../db/schema/index.js";

/**
 * A page of the user's delivered images — generations and tool runs — newest first, for "My images".
 * Only delivered runs have results (their Telegram file ids), and those outlive the provider's URLs.
 */
export async function listDeliveredImages(
  db: Executor,
  userId: number,
  page: { limit: number; offset: number },
): Promise<{ rows: GenerationRow[]; total: number }> {
  const delivered = and(eq(generations.userId, userId), eq(generations.status, "delivered"));
  const [rows, counted] = await Promise.all([
    db.select().from(generations).where(delivered).orderBy(desc(generations.id)).limit(page.limit).offset(page.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(generations).where(delivered),
  ]);
  return { rows, total: counted[0]?.total ?? 0 };
}
