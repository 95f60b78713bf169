import type PgBoss from "pg-boss";
import type { JobSender } from "../job-queue.js";
import { QUEUES } from "../queues.js";

/** Payload of `generation-submit` and `generation-poll`. */
export interface GenerationJob {
  generationId: number;
}

/**
 * A killed worker's job must come back within about a minute, not pg-boss's default 15: jobs expire
 * after 60 s (maintenance runs every 20 s). A step that is still running then is not harmed: its
 * retry waits for the generation lock, and every status change is a compare-and-set.
 */
const EXPIRE_IN_SECONDS = 60;

/** Retries cover crashes and transient errors; the generation's deadline bounds everything anyway. */
const SUBMIT_OPTIONS = { expireInSeconds: EXPIRE_IN_SECONDS, retryLimit: 5, retryDelay: 5, retryBackoff: true } satisfies PgBoss.SendOptions;
const POLL_OPTIONS = { expireInSeconds: EXPIRE_IN_SECONDS, retryLimit: 3, retryDelay: 3 } satisfies PgBoss.SendOptions;

/**
 * Enqueues the upload-and-submit step of a generation. Pass `queue.inTransaction(tx)` to enqueue in the
 * transaction that charges the user and inserts the row, so all three commit or none does. At most
 * one such job waits per generation (the `short` queue policy): a duplicate send returns null.
 */
export async function enqueueGenerationSubmit(sender: JobSender, generationId: number, delaySeconds = 0): Promise<string | null> {
  return sender.send<GenerationJob>(QUEUES.generationSubmit, { generationId }, {
    ...SUBMIT_OPTIONS,
    singletonKey: String(generationId),
    ...(delaySeconds > 0 ? { startAfter: Math.ceil(delaySeconds) } : {}),
  });
}

/**
 * Enqueues a poll of a submitted generation. `chain` is the regular poll chain (one waiting job per
 * generation); `now` is an out-of-turn look (a webhook arrived) with a key of its own, so it is not
 * swallowed by a chain poll that waits several seconds.
 */
export async function enqueueGenerationPoll(
  sender: JobSender,
  generationId: number,
  delaySeconds: number,
  kind: "chain" | "now" = "chain",
): Promise<string | null> {
  return sender.send<GenerationJob>(QUEUES.generationPoll, { generationId }, {
    ...POLL_OPTIONS,
    singletonKey: kind === "chain" ? String(generationId) : `${generationId}:now`,
    ...(delaySeconds > 0 ? { startAfter: Math.ceil(delaySeconds) } : {}),
  });
}
