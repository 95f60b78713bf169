import type { Metrics } from "../../infra/metrics.js";
import type { JobHandler, JobQueue } from "../job-queue.js";
import { QUEUES } from "../queues.js";
import type { GenerationJob } from "./enqueue.js";
import type { GenerationWorker } from "./generation-worker.js";

/** Every minute: nothing past its deadline stays unsettled for long, and no lost chain for long either. */
export const GENERATION_SWEEP_CRON = "* * * * *";

/**
 * Parallel fetch loops per worker process. A poll is mostly waiting on the provider and on Telegram,
 * so several run at once; a delivery (download + upload) must not hold up every other generation.
 */
const POLL_CONCURRENCY = 4;
const SUBMIT_CONCURRENCY = 2;

/**
 * Worker role: consumes the generation queues and schedules the sweeper. A sweep is also enqueued right
 * away, so generations that were in flight when the previous process stopped continue from their
 * stored state (a task id is polled, never resubmitted) without waiting for the first cron minute.
 */
export async function registerGenerationJobs(queue: JobQueue, worker: GenerationWorker, metrics: Metrics): Promise<void> {
  await queue.work<unknown>(
    QUEUES.generationSubmit,
    counted(metrics, QUEUES.generationSubmit, async (job) => (isGenerationJob(job) ? worker.submit(job.generationId) : "invalid")),
    { concurrency: SUBMIT_CONCURRENCY },
  );
  await queue.work<unknown>(
    QUEUES.generationPoll,
    counted(metrics, QUEUES.generationPoll, async (job) => (isGenerationJob(job) ? worker.poll(job.generationId) : "invalid")),
    { concurrency: POLL_CONCURRENCY },
  );
  await queue.work<unknown>(
    QUEUES.generationSweep,
    counted(metrics, QUEUES.generationSweep, async () => {
      await worker.sweep();
      return "swept";
    }),
  );
  await queue.schedule(QUEUES.generationSweep, GENERATION_SWEEP_CRON);
  await queue.send(QUEUES.generationSweep, {});
}

/**
 * Counts every job by queue and outcome ("invalid" for a payload that is not a generation job, which
 * is dropped rather than retried); a thrown error is counted and rethrown for pg-boss to retry.
 */
function counted<T>(metrics: Metrics, queueName: string, step: (data: T) => Promise<string>): JobHandler<T> {
  return async (data) => {
    try {
      metrics.jobsProcessed.inc({ queue: queueName, outcome: await step(data) });
    } catch (error) {
      metrics.jobsProcessed.inc({ queue: queueName, outcome: "error" });
      throw error;
    }
  };
}

function isGenerationJob(data: unknown): data is GenerationJob {
  return typeof data === "object" && data !== null && "generationId" in data && Number.isSafeInteger(data.generationId);
}
