import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { generations } from "../../db/schema/index.js";
import { ACTIVE_STATUSES } from "../../domain/generation/generation-status.js";
import type { JobSender } from "../job-queue.js";
import { enqueueGenerationPoll } from "./enqueue.js";

/**
 * A provider webhook says a task changed: poll its generation now instead of at the next scheduled
 * poll. The webhook's own body is not trusted for the result — the poll asks the provider — so a late,
 * repeated or forged webhook can at most cause one extra look. Duplicates collapse in the queue.
 */
export async function pollGenerationNow(db: Executor, queue: JobSender, providerTaskId: string): Promise<"polling" | "settled" | "unknown_task"> {
  const rows = await db
    .select({ id: generations.id, status: generations.status })
    .from(generations)
    .where(eq(generations.providerTaskId, providerTaskId))
    .limit(1);
  const row = rows[0];
  if (!row) return "unknown_task";
  if (!(ACTIVE_STATUSES as readonly string[]).includes(row.status)) return "settled";
  await enqueueGenerationPoll(queue, row.id, 0, "now");
  return "polling";
}
