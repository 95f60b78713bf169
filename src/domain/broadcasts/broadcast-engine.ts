import type { Locale } from "../../config.js";
import type { Database } from "../../db/client.js";
import type { Logger } from "../../infra/logger.js";
import { recipientRuleOf } from "./audience.js";
import { completeIfDone, getBroadcast, type Broadcast } from "./broadcast-lifecycle.js";
import { BROADCAST_STATUS } from "./broadcast-status.js";
import {
  claimRecipients,
  failAbandonedClaims,
  markBlocked,
  markFailed,
  markSent,
  markSkipped,
  nextRetryInMs,
  releaseRecipient,
  scheduleRetry,
  type ClaimedRecipient,
} from "./recipients.js";
import type { SendRateLimiter } from "./send-rate-limiter.js";

/** What Telegram answered to one copy, as the engine needs to know it (the adapter maps API errors). */
export type SendOutcome =
  | { kind: "sent"; messageId: number }
  /** 429: everyone waits `retryAfterSeconds`; the recipient is tried again, and it does not count as an error. */
  | { kind: "rate_limited"; retryAfterSeconds: number }
  /** 403 (blocked the bot, deactivated): the user is unreachable; never retried. */
  | { kind: "unreachable"; description: string }
  /** 400: this request can never succeed (e.g. chat not found); not retried. */
  | { kind: "rejected"; description: string }
  /** Anything else (5xx, network): retried up to MAX_SEND_ERRORS times in all. */
  | { kind: "error"; description: string };

/** Who one copy goes to. */
export interface BroadcastDelivery {
  chatId: number;
  /**
   * For a service notice: the marking line in the recipient's language, put above the admin's text
   * (serviceNoticeMessage). Undefined for an ordinary broadcast, which is an exact copy.
   */
  serviceNoticeLabel?: string | undefined;
}

/** Sends one broadcast's message to one user; the jobs layer implements it over the Bot API. */
export interface BroadcastSender {
  send(broadcast: Broadcast, delivery: BroadcastDelivery): Promise<SendOutcome>;
}

/** A recipient whose send failed this many times with ordinary errors is given up ("retried up to 3 times"). */
export const MAX_SEND_ERRORS = 4;
/** Waits before the 1st, 2nd and 3rd retry: long enough for a Telegram hiccup to pass. */
export const RETRY_DELAYS_MS: readonly number[] = [2_000, 10_000, 30_000];
/** How soon to look again when the only rows left are in another worker's hands. */
const OTHERS_BUSY_DELAY_MS = 1000;
/** A claim older than this belongs to a worker that died: no live step holds a row this long. */
export const ABANDONED_CLAIM_MS = 120_000;

export interface EngineDeps {
  db: Database;
  sender: BroadcastSender;
  limiter: SendRateLimiter;
  /** Records that a user blocked the bot (users.blocked_at, through UserService). */
  markUnreachable(telegramId: number): Promise<void>;
  /** The language of a recipient who has none of their own, as everywhere else. */
  defaultLocale: Locale;
  /** The service-notice marking line in a language (broadcast-service-notice in locales/<lang>/broadcasts.ftl). */
  serviceNoticeLabel(locale: Locale): string;
  /** Already carries the broadcast's id. */
  logger: Logger;
}

export interface StepOptions {
  /** Stop claiming after this long; the chain continues in a new job. */
  maxStepMs: number;
  /** Sends in flight at once within this step. */
  concurrency: number;
  /** Recipients claimed at a time. */
  batchSize: number;
  /** A 429 pause longer than this ends the step (its rows go back) instead of being waited out. */
  maxPauseWaitMs: number;
  /** How often the step looks whether an admin paused or cancelled the broadcast. */
  statusCheckMs: number;
  /** Waits before each retry of an ordinary error (RETRY_DELAYS_MS in production). */
  retryDelaysMs: readonly number[];
  /** Fires on shutdown: claimed rows not sent yet are given back at once. */
  signal: AbortSignal;
}

export type StepResult =
  /** More to send: run another step after `delayMs`. */
  | { kind: "continue"; delayMs: number }
  /** This step finished the broadcast (exactly one step sees this). */
  | { kind: "completed"; broadcast: Broadcast }
  /** Nothing to do: not running (draft, paused, cancelled, completed). */
  | { kind: "idle"; broadcast: Broadcast };

/**
 * One step of a broadcast: claim recipients, send to each at the shared rate, settle each row right
 * after its send, until the step's time is up. Steps are short jobs chained one after another (and
 * safe to run in parallel on several workers, since claims never overlap), so a restart or a second
 * worker continues where the last step stopped, and a shutdown waits seconds, not the whole broadcast.
 */
export async function runBroadcastStep(deps: EngineDeps, broadcastId: number, options: StepOptions): Promise<StepResult> {
  const broadcast = await getBroadcast(deps.db, broadcastId);
  if (broadcast.status !== BROADCAST_STATUS.running) return { kind: "idle", broadcast };
  const lost = await failAbandonedClaims(deps.db, broadcastId, ABANDONED_CLAIM_MS);
  if (lost > 0) deps.logger.warn({ lost }, "recipients claimed by a worker that died were failed, not resent");

  const log = deps.logger;
  const deadline = Date.now() + options.maxStepMs;
  const stop = new StopState(deps.db, broadcastId, options);
  let pausedUntil = 0;
  try {
    while (!stop.stopped && Date.now() < deadline) {
      const batch = await claimRecipients(deps.db, broadcastId, options.batchSize, {
        rule: recipientRuleOf(broadcast),
        defaultLocale: deps.defaultLocale,
      });
      if (batch.length === 0) break;
      const queue = [...batch];
      const lane = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          if (stop.stopped || pausedUntil > Date.now()) {
            await releaseRecipient(deps.db, broadcastId, next.userId);
            continue;
          }
          const until = await deliver(deps, broadcast, next, options, stop.signal, log);
          if (until !== undefined) pausedUntil = Math.max(pausedUntil, until);
        }
      };
      const lanes = await Promise.allSettled(Array.from({ length: Math.min(options.concurrency, batch.length) }, lane));
      // After a failure (the database went away), rows nobody took yet go back; the one whose send was
      // in flight stays claimed and is failed as abandoned later, since it may have been delivered.
      for (const left of queue.splice(0)) await releaseRecipient(deps.db, broadcastId, left.userId);
      const failure = lanes.find((l): l is PromiseRejectedResult => l.status === "rejected");
      if (failure) throw failure.reason;
      if (pausedUntil > Date.now()) break;
    }
  } finally {
    stop.dispose();
  }

  const done = await completeIfDone(deps.db, broadcastId);
  if (done) return { kind: "completed", broadcast: done };
  const current = await getBroadcast(deps.db, broadcastId);
  if (current.status !== BROADCAST_STATUS.running) return { kind: "idle", broadcast: current };
  if (pausedUntil > Date.now()) return { kind: "continue", delayMs: pausedUntil - Date.now() };
  if (options.signal.aborted) return { kind: "continue", delayMs: 0 };
  // The step's time ran out (0), retries wait for their time, or another worker holds the last rows.
  return { kind: "continue", delayMs: (await nextRetryInMs(deps.db, broadcastId)) ?? OTHERS_BUSY_DELAY_MS };
}

/**
 * Sends to one claimed recipient and settles the row. Returns the time until which Telegram paused
 * sending when the step should stop for it (a long 429), else undefined.
 */
async function deliver(
  deps: EngineDeps,
  broadcast: Broadcast,
  recipient: ClaimedRecipient,
  options: StepOptions,
  signal: AbortSignal,
  log: Logger,
): Promise<number | undefined> {
  const { db } = deps;
  if (!recipient.eligible || recipient.telegramId === null) {
    await markSkipped(db, broadcast.id, recipient.userId);
    return undefined;
  }
  const permit = await deps.limiter.acquire(signal, options.maxPauseWaitMs);
  if (permit.kind !== "go") {
    await releaseRecipient(db, broadcast.id, recipient.userId);
    return permit.kind === "paused" ? permit.untilMs : undefined;
  }
  const outcome = await deps.sender.send(broadcast, {
    chatId: recipient.telegramId,
    serviceNoticeLabel: broadcast.essential ? deps.serviceNoticeLabel(recipient.locale) : undefined,
  });
  switch (outcome.kind) {
    case "sent":
      await markSent(db, broadcast.id, recipient.userId, outcome.messageId);
      return undefined;
    case "rate_limited": {
      const ms = Math.max(1, outcome.retryAfterSeconds) * 1000;
      log.warn({ retryAfterSeconds: outcome.retryAfterSeconds }, "telegram rate limit: every broadcast worker pauses");
      await deps.limiter.pause(ms);
      await releaseRecipient(db, broadcast.id, recipient.userId);
      return ms > options.maxPauseWaitMs ? Date.now() + ms : undefined;
    }
    case "unreachable":
      await markBlocked(db, broadcast.id, recipient.userId, outcome.description);
      await deps.markUnreachable(recipient.telegramId);
      return undefined;
    case "rejected":
      await markFailed(db, broadcast.id, recipient.userId, outcome.description);
      return undefined;
    case "error": {
      const errors = recipient.attempts + 1;
      if (errors >= MAX_SEND_ERRORS) {
        await markFailed(db, broadcast.id, recipient.userId, outcome.description);
      } else {
        const delays = options.retryDelaysMs;
        const delay = delays[Math.min(errors, delays.length) - 1] ?? 0;
        await scheduleRetry(db, broadcast.id, recipient.userId, outcome.description, delay);
      }
      log.warn({ userId: recipient.userId, errors, description: outcome.description }, "broadcast send failed");
      return undefined;
    }
  }
}

/**
 * Whether the step must stop claiming: shutdown (the caller's signal), or an admin paused or cancelled
 * the broadcast (looked up every `statusCheckMs`). Its own signal also cuts limiter waits short.
 */
class StopState {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly onAbort = () => this.controller.abort();

  constructor(
    db: Database,
    broadcastId: number,
    private readonly options: StepOptions,
  ) {
    options.signal.addEventListener("abort", this.onAbort, { once: true });
    if (options.signal.aborted) this.controller.abort();
    this.timer = setInterval(() => {
      getBroadcast(db, broadcastId)
        .then((row) => {
          if (row.status !== BROADCAST_STATUS.running) this.controller.abort();
        })
        .catch(() => undefined);
    }, options.statusCheckMs);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get stopped(): boolean {
    return this.controller.signal.aborted;
  }

  dispose(): void {
    clearInterval(this.timer);
    this.options.signal.removeEventListener("abort", this.onAbort);
  }
}
