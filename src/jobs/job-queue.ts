import PgBoss from "pg-boss";
import { sql } from "drizzle-orm";
import type { PreparedQueryConfig } from "drizzle-orm/pg-core";
import type { DatabaseHandle, Executor } from "../db/client.js";
import type { Logger } from "../infra/logger.js";

export type JobHandler<T> = (data: T, job: { id: string; name: string }) => Promise<void>;

export interface JobQueueOptions {
  /** pg-boss schema; tests give each run its own. */
  schema?: string;
  pollingIntervalSeconds?: number;
  /**
   * How often expired jobs (their worker died) are put back for retry. pg-boss checks expiry only
   * then, so this bounds how long a killed worker's job waits. Default 20 s.
   */
  maintenanceIntervalSeconds?: number;
  /** Every job error also goes here (metrics, Sentry); pg-boss still records and retries the job. */
  onJobError?: (error: unknown, context: { queue: string; jobId: string }) => void;
}

/** Any fixed number, the same in every process of a deployment (and not the migrations' lock). */
const QUEUE_CREATION_LOCK_KEY = 727_274_002;

/** How a queue treats duplicate jobs; see pg-boss's queue policies. Set when the queue is created. */
export interface QueueSettings {
  /**
   * `short`: at most one job per singleton key waiting to run; a duplicate send returns null. Unlike
   * `singleton`/`stately`, it never blocks fetching when a job of the same key is still active.
   */
  policy?: PgBoss.QueuePolicy;
}

export interface WorkOptions {
  /** Independent fetch loops for this queue in this process; each runs one job at a time. Default 1. */
  concurrency?: number;
}

/** Anything that can enqueue a job: the queue itself, or the queue bound to a database transaction. */
export interface JobSender {
  send<T extends object>(name: string, data: T, options?: PgBoss.SendOptions): Promise<string | null>;
}

/**
 * Durable jobs on the service's own database through pg-boss: PostgreSQL through its own pool, or the
 * embedded PGlite through an in-process adapter. Queues are created on `start`; handlers are
 * registered by the worker role only, so bot and http processes can enqueue without consuming.
 */
export class JobQueue implements JobSender {
  private readonly boss: PgBoss;
  private started = false;

  constructor(
    private readonly handle: DatabaseHandle,
    private readonly logger: Logger,
    private readonly options: JobQueueOptions = {},
  ) {
    const common = {
      schema: options.schema ?? "pgboss",
      // Completed jobs are evidence for a while (debugging a delivery), then they go.
      archiveCompletedAfterSeconds: 3600,
      deleteAfterDays: 7,
      monitorStateIntervalSeconds: 60,
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 20,
    } satisfies PgBoss.ConstructorOptions;
    this.boss =
      handle.kind === "postgres"
        ? new PgBoss({ ...common, connectionString: handle.url, max: 4, application_name: "bananapics-jobs" })
        : new PgBoss({ ...common, db: handle });
    this.boss.on("error", (error) => this.logger.error({ err: error }, "job queue error"));
  }

  /**
   * Creates missing queues and applies `settings` to existing ones too, so a queue created before its
   * policy was set gets it (jobs already waiting keep the policy they were sent with).
   */
  async start(queueNames: readonly string[], settings: Readonly<Record<string, QueueSettings>> = {}): Promise<void> {
    if (this.started) return;
    await this.oneProcessAtATime(async () => {
      // Inside the turn too: pg-boss's start creates its own cron queue the same way.
      await this.boss.start();
      for (const name of queueNames) {
        const queueSettings = settings[name];
        await this.boss.createQueue(name, { name, ...queueSettings });
        if (queueSettings) await this.boss.updateQueue(name, { name, ...queueSettings });
      }
    });
    this.started = true;
  }

  /**
   * pg-boss creates each queue's partition and attaches it to the job table; a process doing that while
   * another starts or creates queues (a deployment's instances starting together) can deadlock in
   * PostgreSQL. A session-level advisory lock makes them take turns, and the later ones find the queues
   * already there, so only the first ever changes the schema.
   */
  private async oneProcessAtATime(fn: () => Promise<void>): Promise<void> {
    if (this.handle.kind !== "postgres") return fn();
    await this.handle.withConnection(async (db) => {
      await db.execute(sql`select pg_advisory_lock(${QUEUE_CREATION_LOCK_KEY})`);
      try {
        await fn();
      } finally {
        await db.execute(sql`select pg_advisory_unlock(${QUEUE_CREATION_LOCK_KEY})`);
      }
    });
  }

  async send<T extends object>(name: string, data: T, options: PgBoss.SendOptions = {}): Promise<string | null> {
    return this.boss.send(name, data, options);
  }

  /**
   * A sender whose jobs are inserted by the given Drizzle transaction: they exist if and only if the
   * transaction commits (a charge, its generation row and its first job, all or nothing).
   */
  inTransaction(tx: Executor): JobSender {
    const db = drizzleSqlExecutor(tx);
    return {
      send: (name, data, options = {}) => this.boss.send(name, data, { ...options, db }),
    };
  }

  /** A cron schedule, in UTC unless `tz` (an IANA zone) says otherwise, e.g. a report at 09:00 local time. */
  async schedule(name: string, cron: string, data: object = {}, options: { tz?: string } = {}): Promise<void> {
    await this.boss.schedule(name, cron, data, { tz: options.tz ?? "UTC" });
  }

  /**
   * Consumes a queue one job at a time per fetch loop; errors are rethrown so pg-boss records and retries
   * them. A loop that just ran a job looks for the next one at once: pg-boss otherwise sleeps the polling
   * interval after every fetch, which caps each loop at one job per interval however long the queue is.
   */
  async work<T>(name: string, handler: JobHandler<T>, options: WorkOptions = {}): Promise<void> {
    for (let loop = 0; loop < Math.max(1, options.concurrency ?? 1); loop++) {
      // Known once pg-boss started the loop, which is before its first job can finish.
      const fetchLoop: { id?: string } = {};
      fetchLoop.id = await this.boss.work<T>(
        name,
        { pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 1, batchSize: 1 },
        async (jobs) => {
          for (const job of jobs) {
            try {
              await handler(job.data, { id: job.id, name: job.name });
            } catch (error) {
              this.logger.error({ err: error, queue: name, jobId: job.id }, "job failed");
              this.options.onJobError?.(error, { queue: name, jobId: job.id });
              throw error;
            }
          }
          if (fetchLoop.id !== undefined && jobs.length > 0) this.boss.notifyWorker(fetchLoop.id);
        },
      );
    }
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

/**
 * pg-boss's `executeSql(text, values)` contract over a Drizzle executor, so pg-boss's statement runs on
 * that executor's connection (inside its transaction). The statement goes through the session as a
 * raw parameterised query, not through the `sql` builder: pg-boss uses one placeholder several times
 * with different casts (`right($5, 1)`, `CAST($5 as interval)`), which works only while it stays a
 * single parameter.
 */
export function drizzleSqlExecutor(tx: Executor): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const query = tx._.session.prepareQuery<PreparedQueryConfig>({ sql: text, params: values }, undefined, undefined, false);
      // Without field mapping, node-postgres and PGlite both return their driver result: `{ rows }`.
      const result = (await query.execute()) as { rows?: unknown[] } | undefined;
      return { rows: result?.rows ?? [] };
    },
  };
}
