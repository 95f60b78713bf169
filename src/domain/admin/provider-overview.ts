import { desc, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { generations } from "../../db/schema/index.js";
import { GENERATION_STATUS } from "../generation/generation-status.js";
import { generationStatistics, type GenerationTotals } from "./statistics.js";

const DAY_MS = 24 * 3600 * 1000;

export interface RecentFailure {
  generationId: number;
  userId: number;
  modelKey: string;
  failureCode: string | null;
  at: Date;
}

/** The provider screen: what is waiting, how the last day and week went, and what failed lately. */
export interface ProviderOverview {
  /** Charged, not yet at the provider. */
  waiting: number;
  /** At the provider, or being delivered. */
  running: number;
  last24h: GenerationTotals;
  last7d: GenerationTotals;
  recentFailures: RecentFailure[];
}

const WAITING = [GENERATION_STATUS.queued, GENERATION_STATUS.uploading];
const RUNNING = [GENERATION_STATUS.submitting, GENERATION_STATUS.submitted, GENERATION_STATUS.completed];

export async function providerOverview(db: Executor, now: Date, failures: number): Promise<ProviderOverview> {
  const [queue, last24h, last7d, recent] = await Promise.all([
    db
      .select({
        waiting: sql<number>`(count(*) filter (where ${generations.status} in ${WAITING}))::int`,
        running: sql<number>`(count(*) filter (where ${generations.status} in ${RUNNING}))::int`,
      })
      .from(generations)
      .where(sql`${generations.status} in ${[...WAITING, ...RUNNING]}`),
    generationStatistics(db, { from: new Date(now.getTime() - DAY_MS), to: now }),
    generationStatistics(db, { from: new Date(now.getTime() - 7 * DAY_MS), to: now }),
    db
      .select({
        generationId: generations.id,
        userId: generations.userId,
        modelKey: generations.modelKey,
        failureCode: generations.failureCode,
        at: generations.updatedAt,
      })
      .from(generations)
      .where(eq(generations.status, GENERATION_STATUS.failed))
      .orderBy(desc(generations.updatedAt))
      .limit(failures),
  ]);
  return { waiting: queue[0]?.waiting ?? 0, running: queue[0]?.running ?? 0, last24h, last7d, recentFailures: recent };
}
