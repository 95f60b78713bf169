import { describeErrorBody, parseEnvelope } from "./envelope.js";
import {
  type WavespeedError,
  WavespeedNetworkError,
  WavespeedProtocolError,
  type WavespeedRequestOutcome,
  WavespeedTimeoutError,
} from "./errors.js";
import { errorForStatus, parseRetryAfterMs } from "./status-error.js";

/** Settings shared by every request of one client. */
export interface TransportOptions {
  baseUrl: string;
  apiKey: string;
  clientName: string;
  fetch: typeof fetch;
}

/** One HTTP exchange with the Wavespeed REST API. */
export interface WavespeedRequest {
  /** Names the call in error messages, e.g. `submit google/nano-banana/edit`. */
  operation: string;
  method: "GET" | "POST";
  /** Path and query, starting with `/api/v3/`. */
  path: string;
  json?: unknown;
  /** Multipart body; fetch sets the boundary header itself. */
  form?: FormData;
  timeoutMs: number;
}

/** Sends one request (no retries) and returns the envelope's `data`, or throws a {@link WavespeedError}. */
export type Transport = (request: WavespeedRequest) => Promise<unknown>;

// Errors raised before any byte reached the server: the request certainly had no effect.
const NEVER_CONNECTED_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/**
 * Builds the single place where the API key is attached and where every failure is turned into a typed
 * error, so the key is redacted from all messages in one spot.
 */
export function createTransport(options: TransportOptions): Transport {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const redact = (text: string): string =>
    options.apiKey ? text.split(options.apiKey).join("***") : text;

  return async (request) => {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${options.apiKey}`,
      Accept: "application/json",
      "X-Client-Name": options.clientName,
    };
    let body: string | FormData | undefined;
    if (request.form) {
      body = request.form;
    } else if (request.json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(request.json);
    }

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, request.timeoutMs);
    let status: number;
    let retryAfter: string | null;
    let text: string;
    try {
      const response = await options.fetch(`${baseUrl}${request.path}`, {
        method: request.method,
        headers,
        body,
        signal: controller.signal,
      });
      status = response.status;
      retryAfter = response.headers.get("retry-after");
      // Reading the body stays under the same deadline: a server can stall after the headers.
      text = await response.text();
    } catch (err) {
      if (timedOut) {
        throw new WavespeedTimeoutError(
          `Wavespeed ${request.operation}: no complete answer within ${request.timeoutMs} ms`,
        );
      }
      throw networkError(request.operation, err, redact);
    } finally {
      clearTimeout(timer);
    }

    const fail = (httpStatus: number, detail: string): WavespeedError =>
      errorForStatus(
        httpStatus,
        redact(`Wavespeed ${request.operation} failed: HTTP ${httpStatus}${detail ? `: ${detail}` : ""}`),
        parseRetryAfterMs(retryAfter),
      );

    if (status < 200 || status > 299) throw fail(status, describeErrorBody(text));

    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new WavespeedProtocolError(`Wavespeed ${request.operation}: malformed JSON in HTTP ${status} answer`, status);
    }
    const envelope = parseEnvelope(json);
    if (!envelope) {
      throw new WavespeedProtocolError(`Wavespeed ${request.operation}: answer is not a {code, data} envelope`, status);
    }
    if (envelope.code !== 200) {
      if (envelope.code >= 400 && envelope.code < 600) throw fail(envelope.code, describeErrorBody(text));
      throw new WavespeedProtocolError(
        redact(`Wavespeed ${request.operation}: unexpected envelope code ${envelope.code} (${envelope.message ?? "no message"})`),
        status,
      );
    }
    return envelope.data;
  };
}

function networkError(operation: string, err: unknown, redact: (text: string) => string): WavespeedNetworkError {
  // undici reports "fetch failed" and puts the system error in `cause`.
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  const code = errorCode(cause);
  const outcome: WavespeedRequestOutcome = code && NEVER_CONNECTED_CODES.has(code) ? "rejected" : "unknown";
  const reason = code ?? (cause instanceof Error ? cause.message : String(cause));
  return new WavespeedNetworkError(redact(`Wavespeed ${operation}: network error (${reason})`), outcome, err);
}

function errorCode(err: unknown): string | undefined {
  if (typeof err !== "object" || err === null || !("code" in err)) return undefined;
  return typeof err.code === "string" ? err.code : undefined;
}
