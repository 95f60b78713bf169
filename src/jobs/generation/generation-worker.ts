import { and, asc, eq, gt, inArray, or, sql } from "drizzle-orm";
import { GrammyError, InlineKeyboard, InputFile, type Api } from "grammy";
import type { Locale } from "../../config.js";
import type { Database, Executor } from "../../db/client.js";
import { generations, type GenerationRow, type StoredReference } from "../../db/schema/index.js";
import { failGeneration } from "../../domain/generation/fail-generation.js";
import { kindOf } from "../../domain/generation/generation-kind.js";
import { classifyProviderFailure } from "../../domain/generation/failure-classification.js";
import { getGeneration, patchGeneration, transition } from "../../domain/generation/generation-repository.js";
import { ACTIVE_STATUSES, FAILURE_CODES, type FailureCode } from "../../domain/generation/generation-status.js";
import { sniffImageFormat } from "../../domain/generation/image-format.js";
import { nextPollDelaySeconds } from "../../domain/generation/poll-schedule.js";
import type { Translator } from "../../i18n/translator.js";
import type { KeyValueStore } from "../../infra/kv/index.js";
import type { Logger } from "../../infra/logger.js";
import type { Metrics } from "../../infra/metrics.js";
import type { TelegramFileSource } from "../../infra/telegram-file-download.js";
import {
  isFailure,
  isSuccess,
  WavespeedError,
  WavespeedInsufficientBalanceError,
  WavespeedNotFoundError,
  WavespeedRateLimitError,
  type Prediction,
  type WavespeedClient,
} from "../../providers/wavespeed/index.js";
import type { JobSender } from "../job-queue.js";
import { enqueueGenerationPoll, enqueueGenerationSubmit } from "./enqueue.js";
import { withGenerationLock } from "./generation-lock.js";
import { downloadOutput, OutputUnavailableError } from "./output-download.js";
import { providerRequestFor, type ModelLookup } from "./provider-request.js";
import { ReferenceRejectedError, ReferenceUnavailableError, uploadReferences } from "./reference-upload.js";
import { deliveryCaption } from "../../domain/generation/result-caption.js";
import { GenerationStatusMessages } from "./status-messages.js";
import { translatorForUser } from "./user-translator.js";

export interface GenerationWorkerDeps {
  db: Database;
  /** Where the worker enqueues its own follow-up jobs. */
  queue: JobSender;
  wavespeed: WavespeedClient;
  /** The worker's Bot API client (with auto-retry), for deliveries and status edits. */
  telegram: Api;
  /** For downloading reference images; the token stays in this process. */
  telegramFiles: TelegramFileSource;
  catalog: ModelLookup;
  translator: Translator;
  kv: KeyValueStore;
  logger: Logger;
  metrics: Metrics;
  defaultLocale: Locale;
  nsfwPolicy: "block" | "allow";
  /** Given to the provider with each submit when PUBLIC_URL is set; polling continues regardless. */
  webhookUrl: string | undefined;
  /** The provider client's request timeout: a submit older than this (plus a margin) is no longer in flight. */
  providerTimeoutMs: number;
  /** Called when the provider refuses a submit for lack of credit (e.g. to refresh the balance guard). */
  onProviderOutOfCredit?(): Promise<void>;
  /**
   * Runs in the transaction that marks a run delivered (e.g. enqueueing its gallery post), so the
   * follow-up exists only if the delivery is recorded. It runs in a savepoint: if it fails, it is logged
   * and undone while the delivery still commits. Keep it to database writes.
   */
  afterDelivery?(tx: Executor, row: GenerationRow): Promise<void>;
  now?(): number;
}

/** What one step did; counted per queue in `bananapics_jobs_processed_total`. */
export type StepOutcome = "submitted" | "delivered" | "failed" | "waiting" | "rescheduled" | "busy" | "skipped" | "missing";

export interface SweepReport {
  /** Past their deadline: delivered, failed or (busy elsewhere) left for the next run. */
  overdue: number;
  /** Jobs re-enqueued for generations whose chain may have been lost (duplicates are dropped by the queue). */
  resumed: number;
  /** Final statuses shown again because an earlier edit did not go through. */
  reshown: number;
}

/** Someone else holds the generation: look again shortly (the holder may have died). */
const BUSY_RETRY_SECONDS = 3;
/** A submit that has been `submitting` longer than the request timeout plus this is dead. */
const SUBMIT_GRACE_MARGIN_MS = 30_000;
/** A queued or uploading generation this long without progress has lost its submit job. */
const STALE_SUBMIT_MS = 30_000;
/** How far back the sweeper looks for final statuses that were never shown. */
const RESHOW_WINDOW_MS = 60 * 60_000;
const SWEEP_BATCH = 500;
/**
 * Wait after a submit the provider refused for now (429, connection refused) when it does not say how
 * long; one request per generation every few seconds, bounded by the deadline.
 */
const RATE_LIMIT_RETRY_SECONDS = 5;

/**
 * Everything that happens to a generation after it was charged (design §4): upload the references,
 * submit once, poll with growing delays, deliver the file, or fail and refund exactly once. Every
 * step holds the generation's lock and moves the status only by compare-and-set, so a retried job, a
 * webhook-triggered poll and the sweeper can race without a double submit, delivery or refund.
 *
 * The one duplicate this allows on purpose: a crash after Telegram accepted the document but before the
 * row says `delivered` sends the document again on retry — a second copy beats a lost image.
 */
export class GenerationWorker {
  readonly statusMessages: GenerationStatusMessages;
  private readonly log: Logger;
  private readonly now: () => number;

  constructor(private readonly deps: GenerationWorkerDeps) {
    this.log = deps.logger.child({ component: "generation-worker" });
    this.now = deps.now ?? Date.now;
    this.statusMessages = new GenerationStatusMessages({
      db: deps.db,
      telegram: deps.telegram,
      translator: deps.translator,
      kv: deps.kv,
      logger: this.log,
      defaultLocale: deps.defaultLocale,
      modelName: (key) => this.modelName(key),
    });
  }

  /** The `generation-submit` job: uploads the references and submits, unless that already happened. */
  async submit(generationId: number): Promise<StepOutcome> {
    const outcome = await withGenerationLock(this.deps.kv, generationId, () => this.submitLocked(generationId));
    if (outcome === "busy") await enqueueGenerationSubmit(this.deps.queue, generationId, BUSY_RETRY_SECONDS);
    return outcome;
  }

  /** The `generation-poll` job: asks the provider, delivers a finished result, or schedules the next look. */
  async poll(generationId: number): Promise<StepOutcome> {
    const outcome = await withGenerationLock(this.deps.kv, generationId, () => this.pollLocked(generationId));
    if (outcome === "busy") await enqueueGenerationPoll(this.deps.queue, generationId, BUSY_RETRY_SECONDS);
    return outcome;
  }

  /**
   * The `generation-sweep` job (every minute, and once when a worker starts): settles what is past its
   * deadline, re-enqueues jobs that may have been lost (a crash, a dropped retry) and shows final
   * statuses whose edit did not go through. Nothing here submits anything that was submitted before.
   */
  async sweep(): Promise<SweepReport> {
    const report: SweepReport = { overdue: 0, resumed: 0, reshown: 0 };
    const active = await this.deps.db
      .select()
      .from(generations)
      .where(inArray(generations.status, [...ACTIVE_STATUSES]))
      .orderBy(asc(generations.deadlineAt))
      .limit(SWEEP_BATCH);
    for (const row of active) {
      try {
        await this.sweepOne(row, report);
      } catch (error) {
        this.log.error({ err: error, generationId: row.id }, "sweeping a generation failed");
      }
    }
    const since = new Date(this.now() - RESHOW_WINDOW_MS);
    const unshown = await this.deps.db
      .select()
      .from(generations)
      .where(
        and(
          gt(generations.updatedAt, since),
          or(
            and(eq(generations.status, "delivered"), sql`${generations.statusShown} is distinct from 'done'`),
            and(eq(generations.status, "failed"), sql`${generations.statusShown} is distinct from 'failed'`),
          ),
        ),
      )
      .limit(SWEEP_BATCH);
    for (const row of unshown) {
      const shown = await withGenerationLock(this.deps.kv, row.id, async () => {
        const current = await getGeneration(this.deps.db, row.id);
        if (current) await this.showFinal(current);
      });
      if (shown !== "busy") report.reshown++;
    }
    if (report.overdue + report.resumed + report.reshown > 0) this.log.info(report, "generations swept");
    return report;
  }

  private async sweepOne(row: GenerationRow, report: SweepReport): Promise<void> {
    const age = this.now() - row.updatedAt.getTime();
    if (this.overdue(row)) {
      report.overdue++;
      await withGenerationLock(this.deps.kv, row.id, () => this.settleOverdue(row.id));
      return;
    }
    switch (row.status) {
      case "queued":
      case "uploading":
        if (age > STALE_SUBMIT_MS && (await enqueueGenerationSubmit(this.deps.queue, row.id)) !== null) report.resumed++;
        return;
      case "submitting":
        if (age > this.submitGraceMs()) await this.submit(row.id);
        return;
      case "submitted":
      case "completed":
        if ((await enqueueGenerationPoll(this.deps.queue, row.id, 0)) !== null) report.resumed++;
        return;
    }
  }

  private async settleOverdue(generationId: number): Promise<StepOutcome> {
    const row = await getGeneration(this.deps.db, generationId);
    if (!row) return "missing";
    switch (row.status) {
      case "queued":
      case "uploading":
        return this.fail(row, FAILURE_CODES.timeout, "the deadline passed before the generation was submitted");
      case "submitting":
        return this.fail(row, FAILURE_CODES.submitUnknown, "the submit was interrupted and the deadline passed");
      case "submitted":
        // One last look: a result that is ready is delivered, late or not.
        return this.checkProvider(row);
      case "completed":
        return this.deliver(row);
      default:
        return "skipped";
    }
  }

  private async submitLocked(generationId: number): Promise<StepOutcome> {
    let row = await getGeneration(this.deps.db, generationId);
    if (!row) return "missing";
    switch (row.status) {
      case "delivered":
      case "failed":
        await this.showFinal(row);
        return "skipped";
      case "submitted":
      case "completed":
        // A crash between storing the task id and enqueueing the first poll must not strand it.
        await this.schedulePoll(row);
        return "skipped";
      case "submitting":
        return this.settleInterruptedSubmit(row);
    }
    if (this.overdue(row)) return this.fail(row, FAILURE_CODES.timeout, "the deadline passed before the generation was submitted");
    if (row.status === "queued") {
      const uploading = await transition(this.deps.db, row.id, ["queued"], "uploading");
      if (!uploading) return "skipped";
      row = uploading;
    }

    let references: StoredReference[];
    try {
      references = await uploadReferences(row.references, {
        files: this.deps.telegramFiles,
        wavespeed: this.deps.wavespeed,
        onUploaded: async (progress) => {
          await transition(this.deps.db, generationId, ["uploading"], "uploading", { references: progress });
        },
      });
    } catch (error) {
      if (error instanceof ReferenceUnavailableError) return this.fail(row, FAILURE_CODES.referenceUnavailable, error.message);
      if (error instanceof ReferenceRejectedError) {
        this.countProviderError();
        return this.fail(row, FAILURE_CODES.submitRejected, error.message);
      }
      if (error instanceof WavespeedError) this.countProviderError();
      // Transient (Telegram or provider unreachable): uploading is safe to redo, so the job retries.
      throw error;
    }

    const imageUrls = references.flatMap((reference) => (reference.uploadedUrl ? [reference.uploadedUrl] : []));
    const request = await providerRequestFor(this.deps.catalog, row, imageUrls, this.log);
    // From here on a task may exist at the provider: whoever finds `submitting` later never resubmits.
    const claimed = await transition(this.deps.db, row.id, ["uploading"], "submitting", { references });
    if (!claimed) return "skipped";

    let prediction: Prediction;
    try {
      prediction = await this.deps.wavespeed.submit(
        request.modelId,
        request.input,
        this.deps.webhookUrl ? { webhookUrl: this.deps.webhookUrl } : undefined,
      );
    } catch (error) {
      if (!(error instanceof WavespeedError)) throw error;
      return this.submitFailed(claimed, error);
    }

    // Logged before it is stored: should storing fail, the task id is still on record for the operator.
    this.log.info({ generationId, taskId: prediction.id, model: request.modelId }, "generation submitted");
    const submitted = await transition(this.deps.db, row.id, ["submitting"], "submitted", {
      providerTaskId: prediction.id,
      providerStatus: prediction.status,
      submittedAt: new Date(this.now()),
    });
    if (!submitted) {
      this.log.error({ generationId, taskId: prediction.id }, "the provider accepted a generation that was settled meanwhile");
      return "skipped";
    }
    await this.schedulePoll(submitted);
    return "submitted";
  }

  /**
   * A submit that failed. "rejected" means no task exists: a retryable rejection (429, connection
   * refused) is tried again later — that is not a resubmit — and any other is final. "unknown" means a
   * task may exist and may be billed, so the generation fails and is refunded, never resent.
   */
  private async submitFailed(row: GenerationRow, error: WavespeedError): Promise<StepOutcome> {
    this.countProviderError();
    if (error.outcome === "rejected" && error.retryable && !this.overdue(row)) {
      const back = await transition(this.deps.db, row.id, ["submitting"], "uploading");
      if (!back) return "skipped";
      const wait = error instanceof WavespeedRateLimitError && error.retryAfterMs ? error.retryAfterMs / 1000 : RATE_LIMIT_RETRY_SECONDS;
      this.log.warn({ err: error, generationId: row.id, retryInSeconds: wait }, "the provider refused the submit for now; trying again later");
      await enqueueGenerationSubmit(this.deps.queue, row.id, wait);
      return "rescheduled";
    }
    if (error instanceof WavespeedInsufficientBalanceError) {
      this.log.error({ err: error }, "the provider account is out of credit");
      await this.deps.onProviderOutOfCredit?.();
    }
    const code: FailureCode =
      error.outcome === "unknown"
        ? FAILURE_CODES.submitUnknown
        : classifyProviderFailure(error.message) === FAILURE_CODES.contentBlocked
          ? FAILURE_CODES.contentBlocked
          : FAILURE_CODES.submitRejected;
    this.log.warn({ err: error, generationId: row.id, code }, "the provider did not accept the generation");
    return this.fail(row, code, error.message);
  }

  /**
   * `submitting` with nobody holding the lock: the worker died during the POST, so a task may exist
   * whose id we never learnt. After the grace period it is failed and refunded — never resubmitted.
   */
  private async settleInterruptedSubmit(row: GenerationRow): Promise<StepOutcome> {
    const waited = this.now() - row.updatedAt.getTime();
    if (waited < this.submitGraceMs() && !this.overdue(row)) {
      await enqueueGenerationSubmit(this.deps.queue, row.id, (this.submitGraceMs() - waited) / 1000);
      return "rescheduled";
    }
    return this.fail(row, FAILURE_CODES.submitUnknown, "the submit was interrupted; a task may exist but its id is unknown");
  }

  private async pollLocked(generationId: number): Promise<StepOutcome> {
    const row = await getGeneration(this.deps.db, generationId);
    if (!row) return "missing";
    switch (row.status) {
      case "submitted":
        return this.checkProvider(row);
      case "completed":
        return this.deliver(row);
      case "delivered":
      case "failed":
        await this.showFinal(row);
        return "skipped";
      default:
        // Not submitted yet: the submit job owns it.
        return "skipped";
    }
  }

  private async checkProvider(row: GenerationRow): Promise<StepOutcome> {
    if (!row.providerTaskId) return this.fail(row, FAILURE_CODES.internal, "submitted without a provider task id");
    let prediction: Prediction;
    try {
      prediction = await this.deps.wavespeed.getResult(row.providerTaskId);
    } catch (error) {
      if (!(error instanceof WavespeedError)) throw error;
      this.countProviderError();
      if (error instanceof WavespeedNotFoundError) return this.fail(row, FAILURE_CODES.providerFailed, error.message);
      if (this.overdue(row)) return this.fail(row, FAILURE_CODES.timeout, error.message);
      this.log.warn({ err: error, generationId: row.id }, "polling the provider failed; trying again");
      await this.schedulePoll(row);
      return "waiting";
    }

    if (isSuccess(prediction.status)) {
      if (prediction.outputs.length === 0) return this.fail(row, FAILURE_CODES.providerFailed, "completed without outputs");
      const completed = await transition(this.deps.db, row.id, ["submitted"], "completed", {
        providerStatus: prediction.status,
        outputs: prediction.outputs,
        nsfw: prediction.nsfw.some(Boolean),
        completedAt: new Date(this.now()),
      });
      return completed ? this.deliver(completed) : "skipped";
    }
    if (isFailure(prediction.status)) {
      const detail = prediction.error ?? `the task ended as ${prediction.status}`;
      return this.fail(row, classifyProviderFailure(prediction.error), detail);
    }
    if (this.overdue(row)) return this.fail(row, FAILURE_CODES.timeout, `still ${prediction.status} at the deadline`);

    await this.schedulePoll(row);
    if (prediction.status !== row.providerStatus) {
      await patchGeneration(this.deps.db, row.id, { providerStatus: prediction.status });
    }
    if (prediction.status === "processing") {
      await this.statusMessages
        .showProcessing({ ...row, providerStatus: prediction.status })
        .catch((error: unknown) => this.log.warn({ err: error, generationId: row.id }, "could not show the processing status"));
    }
    return "waiting";
  }

  /** Downloads the outputs and sends them as documents replying to the prompt, then marks delivered. */
  private async deliver(row: GenerationRow): Promise<StepOutcome> {
    if (row.nsfw && this.deps.nsfwPolicy === "block") {
      return this.fail(row, FAILURE_CODES.nsfwBlocked, "the provider flagged the result as NSFW");
    }
    const files: Buffer[] = [];
    try {
      for (const url of row.outputs) files.push(await downloadOutput(url));
    } catch (error) {
      return this.deliveryFailed(row, error, error instanceof OutputUnavailableError);
    }

    const t = await translatorForUser(this.deps.db, this.deps.translator, row.userId, this.deps.defaultLocale);
    const caption = deliveryCaption(t, row, await this.deps.catalog.get(row.modelKey));
    // Regenerate repeats a prompt; a tool run is repeated by sending the image again.
    const keyboard = kindOf(row) === "generation" ? new InlineKeyboard().text(t("btn-regenerate"), `gen:again:${row.publicId}`) : undefined;
    const fileIds: string[] = [];
    for (const [index, bytes] of files.entries()) {
      try {
        const message = await this.deps.telegram.sendDocument(row.chatId, new InputFile(bytes, outputFilename(row, index, files.length, bytes)), {
          ...(index === 0 ? { caption, parse_mode: "HTML" as const, ...(keyboard ? { reply_markup: keyboard } : {}) } : {}),
          ...(row.promptMessageId !== null
            ? { reply_parameters: { message_id: row.promptMessageId, allow_sending_without_reply: true } }
            : {}),
        });
        if (message.document) fileIds.push(message.document.file_id);
      } catch (error) {
        // What was sent stays sent; retrying would send it twice.
        if (index > 0) {
          this.log.warn({ error: errorSummary(error), generationId: row.id, sent: index }, "only some outputs were delivered");
          break;
        }
        // 400/403 (blocked by the user, chat gone) will not change; network errors and 5xx may.
        const permanent = error instanceof GrammyError && (error.error_code === 400 || error.error_code === 403);
        return this.deliveryFailed(row, error, permanent);
      }
    }

    const delivered = await this.deps.db.transaction(async (tx) => {
      const marked = await transition(tx, row.id, ["completed"], "delivered", { resultFileIds: fileIds, deliveredAt: new Date(this.now()) });
      const followUp = this.deps.afterDelivery;
      if (marked && followUp) {
        // In a savepoint: a failed follow-up is dropped, never the delivery mark (a retry would send the file twice).
        await tx.transaction((sp) => followUp(sp, marked)).catch((error: unknown) => {
          this.log.error({ err: error, generationId: row.id }, "the follow-up of a delivery failed; the delivery stands");
        });
      }
      return marked;
    });
    if (!delivered) {
      this.log.error({ generationId: row.id }, "a result was sent for a generation that was settled meanwhile");
      return "skipped";
    }
    this.log.info({ generationId: row.id, files: fileIds.length }, "generation delivered");
    await this.showFinal(delivered);
    return "delivered";
  }

  private async deliveryFailed(row: GenerationRow, error: unknown, permanent: boolean): Promise<StepOutcome> {
    if (permanent || this.overdue(row)) return this.fail(row, FAILURE_CODES.deliveryFailed, error instanceof Error ? error.message : String(error));
    this.log.warn({ error: errorSummary(error), generationId: row.id }, "delivering the result failed; trying again");
    await this.schedulePoll(row);
    return "waiting";
  }

  /** Fails and refunds once (failGeneration), then tells the user; "skipped" when it was already final. */
  private async fail(row: GenerationRow, code: FailureCode, detail: string): Promise<StepOutcome> {
    const outcome = await failGeneration(this.deps.db, row.id, code, detail);
    if (!outcome) return "skipped";
    this.log.info(
      { generationId: row.id, code, refundedCredits: outcome.refundedCredits, trialReturned: outcome.trialReturned },
      "generation failed and refunded",
    );
    await this.showFinal(outcome.generation, { trialReturned: outcome.trialReturned });
    return "failed";
  }

  /** A status edit never stops the money or the delivery: its failure is logged, and the sweeper retries it. */
  private async showFinal(row: GenerationRow, refund?: { trialReturned: boolean }): Promise<void> {
    try {
      await this.statusMessages.showFinal(row, refund);
    } catch (error) {
      this.log.warn({ err: error, generationId: row.id }, "could not show the final generation status");
    }
  }

  private async schedulePoll(row: GenerationRow): Promise<void> {
    const now = this.now();
    const sinceSubmit = (now - (row.submittedAt ?? row.updatedAt).getTime()) / 1000;
    const untilDeadline = (row.deadlineAt.getTime() - now) / 1000;
    await enqueueGenerationPoll(this.deps.queue, row.id, nextPollDelaySeconds(sinceSubmit, untilDeadline));
  }

  private overdue(row: GenerationRow): boolean {
    return this.now() >= row.deadlineAt.getTime();
  }

  private submitGraceMs(): number {
    return this.deps.providerTimeoutMs + SUBMIT_GRACE_MARGIN_MS;
  }

  private countProviderError(): void {
    this.deps.metrics.errors.inc({ kind: "provider" });
  }

  private async modelName(modelKey: string): Promise<string> {
    return (await this.deps.catalog.get(modelKey))?.name ?? modelKey;
  }
}

/**
 * `bananapics-<publicId>.<ext>` for a generation, `<original name>_<tool>.<ext>` for a tool run (the
 * user's own file, processed), numbered when one run produced several images; the extension follows
 * the bytes.
 */
function outputFilename(row: GenerationRow, index: number, count: number, bytes: Uint8Array): string {
  const format = sniffImageFormat(bytes);
  const extension = format === "jpeg" ? "jpg" : (format ?? extensionOf(row.outputs[index]) ?? "png");
  const base = kindOf(row) === "tool" ? `${sourceName(row.references[0])}_${row.modelKey}` : `bananapics-${row.publicId}`;
  return `${base}${count > 1 ? `-${index + 1}` : ""}.${extension}`;
}

/** The name of the file the user sent, without its extension; photos have none, so they are "photo". */
function sourceName(reference: StoredReference | undefined): string {
  const stem = reference?.fileName?.replace(/\.[^.]*$/, "").replace(/[^\p{L}\p{N}_-]+/gu, "_").slice(0, 60);
  return stem || "photo";
}

function extensionOf(url: string | undefined): string | undefined {
  const match = url ? /\.([a-z0-9]{2,5})(?:$|[?#])/i.exec(url) : null;
  return match?.[1]?.toLowerCase();
}

/**
 * A delivery error for the log without its request: a GrammyError carries the call's payload, which
 * for sendDocument holds the whole file.
 */
function errorSummary(error: unknown): Record<string, unknown> {
  if (error instanceof GrammyError) return { method: error.method, code: error.error_code, description: error.description };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { message: String(error) };
}
