import PgBoss from "pg-boss";
import type { DatabaseHandle } from "../db/client.js";
import type { Logger } from "../infra/logger.js";

export type JobHandler<T> = (data: T, job: { id: string; name: string }) => Promise<void>;

export interface JobQueueOptions {
  /** pg-boss schema; tests give each run its own. */
  schema?: string;
  pollingIntervalSeconds?: number;
}

/**
 * Durable jobs on the service's own database through pg-boss: PostgreSQL through its own pool, or the
 * embedded PGlite through an in-process adapter. Queues are created on `start`; handlers are
 * registered by the worker role only, so bot and http processes can enqueue without consuming.
 */
export class JobQueue {
  private readonly boss: PgBoss;
  private started = false;

  constructor(
    handle: DatabaseHandle,
    private readonly logger: Logger,
    private readonly options: JobQueueOptions = {},
  ) {
    const common = {
      schema: options.schema ?? "pgboss",
      // Completed jobs are evidence for a while (debugging a delivery), then they go.
      archiveCompletedAfterSeconds: 3600,
      deleteAfterDays: 7,
      monitorStateIntervalSeconds: 60,
    } satisfies PgBoss.ConstructorOptions;
    this.boss =
      handle.kind === "postgres"
        ? new PgBoss({ ...common, connectionString: handle.url, max: 4, application_name: "bananapics-jobs" })
        : new PgBoss({ ...common, db: handle });
    this.boss.on("error", (error) => this.logger.error({ err: error }, "job queue error"));
  }

  async start(queueNames: readonly string[]): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    for (const name of queueNames) await this.boss.createQueue(name);
    this.started = true;
  }

  async send<T extends object>(name: string, data: T, options: PgBoss.SendOptions = {}): Promise<string | null> {
    return this.boss.send(name, data, options);
  }

  async schedule(name: string, cron: string, data: object = {}): Promise<void> {
    await this.boss.schedule(name, cron, data, { tz: "UTC" });
  }

  /** Consumes a queue one job at a time per poll; errors are rethrown so pg-boss records and retries them. */
  async work<T>(name: string, handler: JobHandler<T>): Promise<void> {
    await this.boss.work<T>(
      name,
      { pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 1, batchSize: 1 },
      async (jobs) => {
        for (const job of jobs) await handler(job.data, { id: job.id, name: job.name });
      },
    );
  }

  /** Proves the queue's tables answer, for readiness checks. */
  async ping(): Promise<void> {
    await this.boss.getQueues();
  }

  /** Stops fetching, waits for jobs in flight up to timeoutMs, then closes. */
  async stop(timeoutMs: number): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, timeout: timeoutMs, wait: true, close: true });
  }
}
