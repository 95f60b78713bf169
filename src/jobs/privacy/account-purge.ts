import type { PrivacyService } from "../../domain/privacy/privacy-service.js";
import type { Logger } from "../../infra/logger.js";
import type { JobQueue } from "../job-queue.js";
import { QUEUES } from "../queues.js";

/** Every 15 minutes: often enough that an admin's deferred erasure completes soon after its generation. */
const PURGE_CRON = "*/15 * * * *";
/** The cron's interval: each run takes what falls due before the next one (see PrivacyService.purgeDue). */
const PURGE_LOOKAHEAD_MS = 15 * 60 * 1000;

export class PurgeIncompleteError extends Error {
  constructor(failed: number) {
    super(`${failed} account(s) could not be erased; the run is retried`);
    this.name = "PurgeIncompleteError";
  }
}

/** Worker role: consumes and schedules the account purge. */
export async function registerAccountPurge(queue: JobQueue, deps: { privacy: PrivacyService; logger: Logger }): Promise<void> {
  await queue.work(QUEUES.accountPurge, () => runAccountPurge(deps));
  await queue.schedule(QUEUES.accountPurge, PURGE_CRON);
}

/**
 * One purge run. A failed account fails the job, so pg-boss retries it; the accounts already erased
 * are not touched again (erasure is idempotent).
 */
export async function runAccountPurge(deps: { privacy: PrivacyService; logger: Logger }): Promise<void> {
  const report = await deps.privacy.purgeDue(PURGE_LOOKAHEAD_MS);
  if (report.erased + report.deferred + report.failed > 0) deps.logger.info({ job: QUEUES.accountPurge, ...report }, "account purge ran");
  if (report.failed > 0) throw new PurgeIncompleteError(report.failed);
}
