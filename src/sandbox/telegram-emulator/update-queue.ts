import type { Update } from "grammy/types";
import { ApiError } from "./api-error.js";

/** A getUpdates request waiting for updates. */
interface Poller {
  limit: number;
  finish: (outcome: Update[] | ApiError) => void;
}

/** Telegram's answer to the older of two concurrent getUpdates requests. */
function pollingConflict(): ApiError {
  return new ApiError(
    409,
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
  );
}

/** Telegram's answer to getUpdates while a webhook is set. */
export function webhookConflict(): ApiError {
  return new ApiError(
    409,
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
  );
}

/**
 * The updates a polling bot has not confirmed yet, and the one long poll allowed at a time.
 * Updates stay until a later getUpdates confirms them with a higher offset, as on Telegram.
 */
export class UpdateQueue {
  private pending: Update[] = [];
  private poller: Poller | undefined;
  private wakeScheduled = false;

  get size(): number {
    return this.pending.length;
  }

  enqueue(update: Update): void {
    this.pending.push(update);
    if (this.poller === undefined || this.wakeScheduled) return;
    // Answer on the next turn so updates pushed in one go (an album, a burst) travel in one response.
    this.wakeScheduled = true;
    setImmediate(() => {
      this.wakeScheduled = false;
      const poller = this.poller;
      this.poller = undefined;
      poller?.finish(this.pending.slice(0, poller.limit));
    });
  }

  /** Applies getUpdates' offset: positive confirms everything below it, negative keeps only the last -offset. */
  confirm(offset: number): void {
    if (offset < 0) this.pending = this.pending.slice(offset);
    else if (offset > 0) this.pending = this.pending.filter((update) => update.update_id >= offset);
  }

  /**
   * Returns pending updates at once, or holds the request until one arrives, `timeoutMs` passes or the
   * client goes away. A newer poll ends the waiting one with 409, like Telegram.
   */
  poll(limit: number, timeoutMs: number, signal: AbortSignal | undefined): Promise<Update[]> {
    this.poller?.finish(pollingConflict());
    this.poller = undefined;
    if (this.pending.length > 0 || timeoutMs <= 0) return Promise.resolve(this.pending.slice(0, limit));
    return new Promise<Update[]>((resolve, reject) => {
      const poller: Poller = {
        limit,
        finish: (outcome) => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
          if (outcome instanceof ApiError) reject(outcome);
          else resolve(outcome);
        },
      };
      const release = () => {
        if (this.poller === poller) this.poller = undefined;
      };
      const onAbort = () => {
        release();
        poller.finish([]);
      };
      const timer = setTimeout(() => {
        release();
        poller.finish([]);
      }, timeoutMs);
      signal?.addEventListener("abort", onAbort, { once: true });
      this.poller = poller;
    });
  }

  /** Ends the waiting poll, e.g. with the webhook conflict when a webhook gets set. */
  interrupt(outcome: Update[] | ApiError): void {
    const poller = this.poller;
    this.poller = undefined;
    poller?.finish(outcome);
  }

  /** Hands all pending updates over (to the webhook) and forgets them here. */
  drain(): Update[] {
    const updates = this.pending;
    this.pending = [];
    return updates;
  }

  clear(): void {
    this.pending = [];
  }
}
