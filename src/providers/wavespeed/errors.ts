/**
 * Whether a failed request may still have had an effect on Wavespeed's side.
 *
 * - `"rejected"`: the provider definitely did not act on it (a 4xx answer, or the connection was never
 *   made). Retrying a submit cannot create a second task.
 * - `"unknown"`: the request may have reached the provider (timeout, reset, 5xx, unreadable answer).
 *   For a submit this means a task may exist and be billed: do not resubmit blindly.
 */
export type WavespeedRequestOutcome = "rejected" | "unknown";

interface WavespeedErrorInit {
  status?: number;
  retryable: boolean;
  outcome: WavespeedRequestOutcome;
  cause?: unknown;
}

/**
 * Base class of every error the Wavespeed client throws, so callers can catch the provider's failures in
 * one `instanceof` and then branch on the concrete class. Messages never contain the API key.
 */
export abstract class WavespeedError extends Error {
  /** HTTP status (or the envelope's `code` when it disagreed with a 2xx status), when there was an answer. */
  readonly status: number | undefined;
  /** True when repeating the same idempotent request later may succeed. */
  readonly retryable: boolean;
  /** See {@link WavespeedRequestOutcome}; decides whether a failed submit may be retried. */
  readonly outcome: WavespeedRequestOutcome;

  protected constructor(message: string, init: WavespeedErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.status = init.status;
    this.retryable = init.retryable;
    this.outcome = init.outcome;
  }
}

/** 401/403: the key is wrong, not activated, or lacks permission. An operator must fix the configuration. */
export class WavespeedAuthError extends WavespeedError {
  constructor(message: string, status: number) {
    super(message, { status, retryable: false, outcome: "rejected" });
  }
}

/** 429: too many tasks started for the account level. Retry later; `retryAfterMs` is set when the server said. */
export class WavespeedRateLimitError extends WavespeedError {
  readonly retryAfterMs: number | undefined;

  constructor(message: string, retryAfterMs?: number) {
    super(message, { status: 429, retryable: true, outcome: "rejected" });
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * The provider refused the request as invalid (400 and other unclassified 4xx, including the
 * `{"error": "..."}` body shape). Repeating the same input will fail again.
 */
export class WavespeedBadRequestError extends WavespeedError {
  constructor(message: string, status: number) {
    super(message, { status, retryable: false, outcome: "rejected" });
  }
}

/** 404: the task id (or model path) does not exist, e.g. a prediction older than the 7-day retention. */
export class WavespeedNotFoundError extends WavespeedError {
  constructor(message: string) {
    super(message, { status: 404, retryable: false, outcome: "rejected" });
  }
}

/**
 * The account has no credit left. Wavespeed documents the case but not its status code, so this is
 * recognised from 402 or from a 4xx whose message talks about balance/credits.
 */
export class WavespeedInsufficientBalanceError extends WavespeedError {
  constructor(message: string, status: number) {
    super(message, { status, retryable: false, outcome: "rejected" });
  }
}

/** 5xx: the provider failed. A gateway 5xx can arrive after a task was created, hence outcome "unknown". */
export class WavespeedServerError extends WavespeedError {
  constructor(message: string, status: number) {
    super(message, { status, retryable: true, outcome: "unknown" });
  }
}

/** No complete answer within the client's timeout; the request may still be processed. */
export class WavespeedTimeoutError extends WavespeedError {
  constructor(message: string) {
    super(message, { retryable: true, outcome: "unknown" });
  }
}

/**
 * The connection failed. `outcome` is "rejected" only when the connection was never established
 * (DNS failure, connection refused); a reset mid-request leaves it "unknown".
 */
export class WavespeedNetworkError extends WavespeedError {
  constructor(message: string, outcome: WavespeedRequestOutcome, cause?: unknown) {
    super(message, { retryable: true, outcome, cause });
  }
}

/**
 * The answer could not be understood: malformed JSON, no envelope, an unexpected envelope code, or a
 * required field (such as the task id) missing. Not retried: a shape we cannot read will not fix itself.
 */
export class WavespeedProtocolError extends WavespeedError {
  constructor(message: string, status?: number) {
    super(message, { status, retryable: false, outcome: "unknown" });
  }
}
