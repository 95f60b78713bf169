import { setTimeout as sleep } from "node:timers/promises";
import { WavespeedError, WavespeedRateLimitError } from "./errors.js";

/** How often and how patiently an idempotent request is repeated. */
export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
}

// A server asking for a longer pause than this is better handled by the caller's own scheduling.
const MAX_RETRY_AFTER_MS = 30_000;

/**
 * Runs `attempt` and repeats it while it fails with a retryable {@link WavespeedError}, waiting an
 * exponentially growing, jittered delay (or the server's Retry-After). Only for idempotent requests:
 * never wrap a submit in this.
 */
export async function withRetries<T>(attempt: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof WavespeedError) || !err.retryable || retry >= policy.maxRetries) throw err;
      await sleep(retryDelayMs(err, retry, policy.baseDelayMs));
    }
  }
}

function retryDelayMs(err: WavespeedError, retry: number, baseDelayMs: number): number {
  // Jitter spreads out many workers that failed at the same moment.
  const backoff = baseDelayMs * 2 ** retry * (0.5 + Math.random() / 2);
  const serverHint = err instanceof WavespeedRateLimitError ? (err.retryAfterMs ?? 0) : 0;
  return Math.max(backoff, Math.min(serverHint, MAX_RETRY_AFTER_MS));
}
