import { autoRetry } from "@grammyjs/auto-retry";
import { HttpError, type Api, type Transformer } from "grammy";

/** Retries of a request that did not reach Telegram or got no answer (reset, refused, timed out). */
const NETWORK_RETRY_DELAYS_MS = [500, 1000, 2000];

/**
 * Retries a request whose connection failed a few times, quickly, then gives up with the error.
 * auto-retry's own network retry never gives up and doubles its pause up to an hour: after a long
 * outage a chat's queue (and polling) would wait minutes after Telegram is back. Failing instead is
 * safe: handlers answer with the error boundary, jobs are retried by the queue, polling retries itself.
 */
export function retryNetworkErrors(delaysMs: readonly number[] = NETWORK_RETRY_DELAYS_MS): Transformer {
  return async (prev, method, payload, signal) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await prev(method, payload, signal);
      } catch (error) {
        const delay = delaysMs[attempt];
        if (!(error instanceof HttpError) || delay === undefined || signal?.aborted) throw error;
        await pause(delay, signal);
      }
    }
  };
}

/**
 * How every Telegram client of ours retries: a 429 with a short retry_after and a 5xx are retried at
 * most 3 times (a handler must not wait minutes, and pre-checkout answers have 10 s), network errors
 * as retryNetworkErrors says.
 */
export function installTelegramRetries(api: Api): void {
  api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 5, rethrowHttpErrors: true }));
  api.config.use(retryNetworkErrors());
}

/** The abort signal grammY hands to transformers (its own AbortSignal type, not the DOM one). */
type ApiSignal = Parameters<Transformer>[3];

function pause(ms: number, signal: ApiSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
