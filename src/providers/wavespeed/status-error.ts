import {
  WavespeedAuthError,
  WavespeedBadRequestError,
  type WavespeedError,
  WavespeedInsufficientBalanceError,
  WavespeedNotFoundError,
  WavespeedProtocolError,
  WavespeedRateLimitError,
  WavespeedServerError,
} from "./errors.js";

// The status for "out of credit" is undocumented, so a 4xx is also recognised by its wording.
const INSUFFICIENT_BALANCE = /insufficient[\s_-]*(balance|credit|fund)|not enough (balance|credit)/i;

/**
 * Maps an HTTP status (or a non-200 envelope `code`) to the error class a caller branches on.
 * `message` must already be free of secrets.
 */
export function errorForStatus(status: number, message: string, retryAfterMs?: number): WavespeedError {
  if (status === 402 || (status >= 400 && status < 500 && INSUFFICIENT_BALANCE.test(message))) {
    return new WavespeedInsufficientBalanceError(message, status);
  }
  if (status === 401 || status === 403) return new WavespeedAuthError(message, status);
  if (status === 404) return new WavespeedNotFoundError(message);
  if (status === 429) return new WavespeedRateLimitError(message, retryAfterMs);
  if (status >= 400 && status < 500) return new WavespeedBadRequestError(message, status);
  if (status >= 500 && status < 600) return new WavespeedServerError(message, status);
  return new WavespeedProtocolError(message, status);
}

/** Reads `Retry-After` (seconds or an HTTP date); Wavespeed does not document it, so it is optional. */
export function parseRetryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
