import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { generations, users } from "../../db/schema/index.js";
import { ACTIVE_STATUSES, GENERATION_STATUS, type GenerationStatus } from "../generation/generation-status.js";

/** What the generations list can be narrowed to: one status, or every status still in progress. */
export const GENERATION_FILTERS = ["all", "active", ...Object.values(GENERATION_STATUS)] as const;
export type GenerationFilter = (typeof GENERATION_FILTERS)[number];

export interface GenerationListItem {
  id: number;
  publicId: string;
  userId: number;
  user: { telegramId: number | null; username: string | null; firstName: string | null };
  kind: string;
  source: string;
  modelKey: string;
  mode: string;
  prompt: string;
  priceCredits: number;
  paidWithTrial: boolean;
  status: string;
  failureCode: string | null;
  resultFileIds: string[];
  referenceFileIds: string[];
  refundedAt: Date | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

export interface GenerationListRequest {
  filter?: GenerationFilter | undefined;
  userId?: number | undefined;
  limit: number;
  offset: number;
}

/** Generations newest first, a page at a time, for the web panel's list and a user's detail page. */
export async function listGenerations(db: Executor, request: GenerationListRequest): Promise<{ items: GenerationListItem[]; total: number }> {
  const conditions: SQL[] = [];
  if (request.filter === "active") conditions.push(inArray(generations.status, [...ACTIVE_STATUSES]));
  else if (request.filter !== undefined && request.filter !== "all") conditions.push(eq(generations.status, request.filter satisfies GenerationStatus));
  if (request.userId !== undefined) conditions.push(eq(generations.userId, request.userId));
  const where = conditions.length > 0 ? and(...conditions) : sql`true`;
  const [rows, counted] = await Promise.all([
    db
      .select({
        generation: generations,
        telegramId: users.telegramId,
        username: users.username,
        firstName: users.firstName,
      })
      .from(generations)
      .innerJoin(users, eq(users.id, generations.userId))
      .where(where)
      .orderBy(desc(generations.id))
      .limit(request.limit)
      .offset(request.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(generations).where(where),
  ]);
  const items = rows.map(({ generation: g, telegramId, username, firstName }) => ({
    id: g.id,
    publicId: g.publicId,
    userId: g.userId,
    user: { telegramId, username, firstName },
    kind: g.kind,
    source: g.source,
    modelKey: g.modelKey,
    mode: g.mode,
    prompt: g.prompt,
    priceCredits: g.priceCredits,
    paidWithTrial: g.paidWithTrial,
    status: g.status,
    failureCode: g.failureCode,
    resultFileIds: g.resultFileIds,
    referenceFileIds: g.references.map((r) => r.fileId),
    refundedAt: g.refundedAt,
    createdAt: g.createdAt,
    deliveredAt: g.deliveredAt,
  }));
  return { items, total: counted[0]?.n ?? 0 };
}

/** Generations in each status still in progress, for the queue strip above the list. */
export async function activeGenerationCounts(db: Executor): Promise<Record<string, number>> {
  const rows = await db
    .select({ status: generations.status, n: sql<number>`count(*)::int` })
    .from(generations)
    .where(inArray(generations.status, [...ACTIVE_STATUSES]))
    .groupBy(generations.status);
  const counts: Record<string, number> = Object.fromEntries(ACTIVE_STATUSES.map((s) => [s, 0]));
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

/**
 * Whether a Telegram file id belongs to some generation (a result or a reference): the admin file
 * proxy serves nothing else, so it cannot be used to fetch arbitrary files through the bot.
 */
export async function isGenerationFile(db: Executor, fileId: string): Promise<boolean> {
  const rows = await db
    .select({ id: generations.id })
    .from(generations)
    .where(
      sql`${generations.resultFileIds} @> ${JSON.stringify([fileId])}::jsonb or ${generations.references} @> ${JSON.stringify([{ fileId }])}::jsonb`,
    )
    .limit(1);
  return rows.length > 0;
}
