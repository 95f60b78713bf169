import { GrammyError, type Api } from "grammy";
import type PgBoss from "pg-boss";
import type { Locale } from "../../config.js";
import type { Database } from "../../db/client.js";
import { clockTime } from "../../domain/admin/time-zone.js";
import {
  claimSummary,
  getBroadcast,
  runningBroadcastIds,
  unsummarizedBroadcastIds,
} from "../../domain/broadcasts/broadcast-lifecycle.js";
import { RETRY_DELAYS_MS, runBroadcastStep, type BroadcastSender } from "../../domain/broadcasts/broadcast-engine.js";
import { progressView, summaryText } from "../../domain/broadcasts/progress-view.js";
import { recipientCounts } from "../../domain/broadcasts/recipients.js";
import { SendRateLimiter } from "../../domain/broadcasts/send-rate-limiter.js";
import { effectiveLocale } from "../../domain/users/user-profile.js";
import type { UserService } from "../../domain/users/user-service.js";
import type { Translator } from "../../i18n/translator.js";
import type { KeyValueStore } from "../../infra/kv/index.js";
import type { Logger } from "../../infra/logger.js";
import type { JobQueue, JobSender } from "../job-queue.js";
import { QUEUES } from "../queues.js";

export interface BroadcastStepJob {
  broadcastId: number;
}

/** A step works this long, then hands over to the next job: a shutdown never waits longer. */
const STEP_MS = 10_000;
/** Progress messages are edited at most this often, by one worker at a time. */
export const PROGRESS_INTERVAL_MS = 3_000;
/** A 429 pause up to this long is waited out inside the step; a longer one reschedules the step. */
const MAX_PAUSE_WAIT_MS = 5_000;
/** A step that dies (its worker killed) is run again after this; pg-boss notices at its next maintenance. */
const STEP_JOB_OPTIONS = { retryLimit: 10, retryDelay: 5, expireInSeconds: 120 } satisfies PgBoss.SendOptions;

/**
 * Starts (or continues) a broadcast's chain of steps. One waiting step per broadcast (the queue's
 * `short` policy with the broadcast id as singleton key), so calling it twice is harmless.
 */
export async function kickBroadcast(queue: JobSender, broadcastId: number, delayMs = 0): Promise<void> {
  await queue.send<BroadcastStepJob>(
    QUEUES.broadcastStep,
    { broadcastId },
    { ...STEP_JOB_OPTIONS, singletonKey: String(broadcastId), ...(delayMs > 0 ? { startAfter: new Date(Date.now() + delayMs) } : {}) },
  );
}

export interface BroadcastWorkerDeps {
  db: Database;
  queue: JobQueue;
  /** Sends the copies; see telegramBroadcastSender (must not retry by itself). */
  sender: BroadcastSender;
  /** Edits progress messages and sends summaries; the same no-retry Api as the sender's. */
  api: Api;
  kv: KeyValueStore;
  users: UserService;
  translator: Translator;
  defaultLocale: Locale;
  /** The operator's zone, for the time shown on progress messages. */
  timeZone: string;
  ratePerSecond: number;
  logger: Logger;
}

/** Tuning for tests; production uses the defaults. */
export interface BroadcastWorkerTuning {
  /** Parallel sends within one step; enough to reach the rate when a send takes a few ms. */
  concurrency: number;
  retryDelaysMs: readonly number[];
}

/**
 * Worker role: runs broadcast steps, keeps the admin's progress message current, and sends the summary
 * once. Every worker consults the same SendRateLimiter in the shared store, so the configured rate
 * holds however many workers run.
 */
export class BroadcastWorker {
  readonly limiter: SendRateLimiter;
  private readonly shutdown = new AbortController();
  private readonly tuning: BroadcastWorkerTuning;
  /** Broadcasts this process is stepping now: one step per broadcast per process is enough lanes. */
  private readonly stepping = new Set<number>();

  constructor(
    private readonly deps: BroadcastWorkerDeps,
    tuning: Partial<BroadcastWorkerTuning> = {},
  ) {
    // Read at every send: the composition root passes the rate in effect (admins may change it at runtime).
    this.limiter = new SendRateLimiter({ kv: deps.kv, ratePerSecond: () => deps.ratePerSecond });
    this.tuning = {
      concurrency: tuning.concurrency ?? Math.min(16, Math.max(2, Math.ceil(deps.ratePerSecond / 10))),
      retryDelaysMs: tuning.retryDelaysMs ?? RETRY_DELAYS_MS,
    };
  }

  async register(): Promise<void> {
    // Two broadcasts can run side by side in one process; they share the one rate.
    await this.deps.queue.work<BroadcastStepJob>(QUEUES.broadcastStep, (job) => this.runStep(job.broadcastId), { concurrency: 2 });
    await this.deps.queue.work(QUEUES.broadcastSweep, () => this.sweep());
    await this.deps.queue.schedule(QUEUES.broadcastSweep, "* * * * *");
    // Continue whatever was running when the previous process stopped, without waiting for the sweep.
    await this.sweep();
  }

  /** Stops claiming at once; steps in flight give their unsent rows back and hand over to the next job. */
  beginShutdown(): void {
    this.shutdown.abort();
  }

  async runStep(broadcastId: number): Promise<void> {
    // The step already running here hands over to the next job itself when it ends.
    if (this.stepping.has(broadcastId)) return;
    this.stepping.add(broadcastId);
    try {
      await this.step(broadcastId);
    } finally {
      this.stepping.delete(broadcastId);
    }
  }

  private async step(broadcastId: number): Promise<void> {
    const log = this.deps.logger.child({ job: QUEUES.broadcastStep, broadcastId });
    const progress = setInterval(() => {
      this.refreshProgress(broadcastId, false).catch((error: unknown) => log.warn({ err: error }, "progress update failed"));
    }, PROGRESS_INTERVAL_MS);
    let result: Awaited<ReturnType<typeof runBroadcastStep>>;
    try {
      result = await runBroadcastStep(
        {
          db: this.deps.db,
          sender: this.deps.sender,
          limiter: this.limiter,
          markUnreachable: async (telegramId) => {
            await this.deps.users.setBlocked(telegramId, true);
          },
          defaultLocale: this.deps.defaultLocale,
          serviceNoticeLabel: (locale) => this.deps.translator.t(locale, "broadcast-service-notice"),
          logger: log,
        },
        broadcastId,
        {
          maxStepMs: STEP_MS,
          concurrency: this.tuning.concurrency,
          batchSize: Math.max(this.tuning.concurrency, Math.min(this.deps.ratePerSecond, 200)),
          maxPauseWaitMs: MAX_PAUSE_WAIT_MS,
          statusCheckMs: 500,
          retryDelaysMs: this.tuning.retryDelaysMs,
          signal: this.shutdown.signal,
        },
      );
    } finally {
      clearInterval(progress);
    }
    if (result.kind === "continue") {
      await kickBroadcast(this.deps.queue, broadcastId, result.delayMs);
      await this.refreshProgress(broadcastId, false);
      return;
    }
    await this.refreshProgress(broadcastId, true);
    if (result.kind === "completed") log.info("broadcast completed");
    await this.sendSummary(result.broadcast.id);
  }

  /** Restarts chains of running broadcasts and sends summaries a dead worker did not get to. */
  async sweep(): Promise<void> {
    for (const id of await runningBroadcastIds(this.deps.db)) await kickBroadcast(this.deps.queue, id);
    for (const id of await unsummarizedBroadcastIds(this.deps.db)) await this.sendSummary(id);
  }

  /**
   * Edits the admin's progress message. Regular updates are throttled across workers through the shared
   * store and skipped while Telegram has everyone paused; `final` ones (paused, finished) always go.
   * Edits are sends too, so they take a slot of the shared rate.
   */
  async refreshProgress(broadcastId: number, final: boolean): Promise<void> {
    if (!final && !(await this.deps.kv.setIfAbsent(`broadcast:${broadcastId}:progress`, "1", PROGRESS_INTERVAL_MS))) return;
    const broadcast = await getBroadcast(this.deps.db, broadcastId);
    if (broadcast.progressChatId === null || broadcast.progressMessageId === null) return;
    const permit = await this.limiter.acquire(this.shutdown.signal, final ? 60_000 : 0);
    if (permit.kind !== "go") return;
    const counts = await recipientCounts(this.deps.db, broadcastId);
    const t = await this.translatorFor(broadcast.adminTelegramId);
    const view = progressView(t, broadcast, counts, clockTime(new Date(), this.deps.timeZone));
    const inline_keyboard = view.buttons.map((row) => row.map((b) => ({ text: b.text, callback_data: b.callbackData })));
    try {
      await this.deps.api.editMessageText(broadcast.progressChatId, broadcast.progressMessageId, view.text, {
        parse_mode: "HTML",
        reply_markup: { inline_keyboard },
      });
    } catch (error) {
      if (error instanceof GrammyError && error.description.includes("message is not modified")) return;
      throw error;
    }
  }

  /** The summary to the admin who started it, once, whoever finishes the broadcast. */
  private async sendSummary(broadcastId: number): Promise<void> {
    const broadcast = await claimSummary(this.deps.db, broadcastId);
    if (!broadcast) return;
    // Not worth waiting through a shutdown for: the claim is made, and a late summary beats a duplicate.
    await this.limiter.acquire(this.shutdown.signal, 60_000);
    const counts = await recipientCounts(this.deps.db, broadcastId);
    const t = await this.translatorFor(broadcast.adminTelegramId);
    await this.deps.api.sendMessage(broadcast.adminTelegramId, summaryText(t, broadcast, counts), { parse_mode: "HTML" }).catch((error: unknown) => {
      this.deps.logger.warn({ err: error, broadcastId }, "could not send the broadcast summary");
    });
  }

  private async translatorFor(adminTelegramId: number): Promise<(key: string, variables?: Record<string, string | number>) => string> {
    const profile = await this.deps.users.get(adminTelegramId);
    const locale = profile ? effectiveLocale(profile, this.deps.defaultLocale) : this.deps.defaultLocale;
    return (key, variables) => this.deps.translator.t(locale, key, variables);
  }
}
