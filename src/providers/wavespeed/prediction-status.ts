/**
 * A Wavespeed task status. The documented values are listed; any other string is passed through
 * unchanged because the server-side enum is not confirmed (e.g. `pending` shows up in some clients).
 */
export type PredictionStatus =
  | "created"
  | "processing"
  | "completed"
  | "failed"
  | "cancelled"
  | "timeout"
  | "deleted"
  // Keeps autocompletion for the known values while still admitting unknown ones.
  | (string & {});

const FAILURE_STATUSES: ReadonlySet<string> = new Set(["failed", "cancelled", "timeout", "deleted"]);

/** True when the task produced its outputs; polling can stop and delivery can start. */
export function isSuccess(status: PredictionStatus): boolean {
  return status === "completed";
}

/** True when the task ended without outputs (failed, cancelled, timed out or deleted): refund and tell the user. */
export function isFailure(status: PredictionStatus): boolean {
  return FAILURE_STATUSES.has(status);
}

/**
 * True when the status will not change any more. Unknown statuses count as still running, so a
 * new server value never ends a generation early; the caller's own deadline bounds the wait.
 */
export function isTerminal(status: PredictionStatus): boolean {
  return isSuccess(status) || isFailure(status);
}
