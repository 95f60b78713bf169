/** How the offline fake behaves; every rate is a probability in 0..1 drawn per submitted task. */
export interface FakeWavespeedOptions {
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** Default 0: a random free port. */
  port?: number;
  /** When set, `/api/` requests without `Authorization: Bearer <key>` get 401, like the real API. */
  apiKey?: string;
  /** Time from submit to the terminal status. Default 1500 ms. */
  latencyMs?: number;
  /** Share of tasks that end `failed` with a generic model error. */
  failureRate?: number;
  /** Share of tasks that end `failed` with a safety-filter message, as Google models do. */
  contentBlockRate?: number;
  /** Share of completed tasks whose output is flagged in `has_nsfw_contents`. */
  nsfwRate?: number;
  /** Starting account balance in USD. Default 100. */
  balanceUsd?: number;
  /** Base of the URLs the fake hands out (outputs, uploads) when clients reach it by another address. */
  publicBaseUrl?: string;
  /** Webhook signing secret. Default "whsec_" + random. */
  webhookSecret?: string;
  /** Source of randomness for the rates above; inject for deterministic tests. Default Math.random. */
  random?: () => number;
}

/** The behaviour knobs that can change while the fake is running. */
export type FakeWavespeedBehavior = Partial<
  Pick<FakeWavespeedOptions, "latencyMs" | "failureRate" | "contentBlockRate" | "nsfwRate" | "balanceUsd">
>;

/** One request as the fake received it, for assertions. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-cased names; the Authorization value is redacted to "Bearer ***". */
  headers: Record<string, string>;
  /** Parsed JSON, the raw text if it was not JSON, upload metadata for uploads, undefined when empty. */
  body: unknown;
  /** Unix milliseconds. */
  at: number;
}

/** Forced result of a submitted task; "never" keeps it processing forever (for client timeouts). */
export type FakeTaskOutcome = "completed" | "failed" | "content_blocked" | "never";

/** One webhook POST the fake attempted. */
export interface FakeWebhookDelivery {
  at: number;
  /** HTTP status of the receiver's answer; absent when the request itself failed. */
  status?: number;
  error?: string;
}

/** A task held by the fake. Status and outputs are derived from the clock, so they are read-only views. */
export interface FakeTask {
  readonly id: string;
  readonly modelId: string;
  readonly input: Record<string, unknown>;
  readonly status: string;
  /** Output URLs; empty until completed. */
  readonly outputs: string[];
  readonly error: string | undefined;
  readonly createdAt: Date;
  readonly webhookUrl: string | undefined;
  readonly webhookDeliveries: readonly FakeWebhookDelivery[];
}

/** A scripted failure for the next requests matching a pattern (see {@link FakeWavespeed.injectFault}). */
export interface FakeFault {
  /** HTTP status to answer with. Default 200 when `body` is given, else 500. */
  status?: number;
  /** Raw body to answer with. Default `{"code": status, "message": "injected fault"}`. */
  body?: string;
  /** Answer 200 with truncated JSON. */
  malformed?: boolean;
  /** Do not answer for this long, then drop the connection (the client should time out first). */
  hangMs?: number;
  /** Reset the connection without an answer. */
  reset?: boolean;
}

/** Which requests a fault applies to. */
export interface FakeFaultMatch {
  /** Upper-case HTTP method; any method when absent. */
  method?: string;
  /** Tested against the path without the query string. */
  path: RegExp;
}

/** A running fake Wavespeed API: same paths, envelope and statuses as the real one. */
export interface FakeWavespeed {
  readonly baseUrl: string;
  readonly webhookSecret: string;
  readonly requests: RecordedRequest[];
  readonly tasks: Map<string, FakeTask>;
  /** Changes latency, rates or balance for tasks submitted from now on. */
  setBehavior(behavior: FakeWavespeedBehavior): void;
  /**
   * Scripted faults for the next requests matching a path pattern: HTTP status with body, malformed JSON,
   * a hang (no answer until the client times out), a connection reset. The request is recorded but not
   * otherwise handled (a faulted submit creates no task). Default count 1.
   */
  injectFault(match: FakeFaultMatch, fault: FakeFault, count?: number): void;
  /** Force the outcome of the next submitted task(s), in order, overriding the rates. */
  scriptNextTasks(outcomes: FakeTaskOutcome[]): void;
  /** Delete every stored output (simulates the provider's 7-day retention): output URLs then answer 404. */
  deleteOutputs(): void;
  /** Closes the server, drops open connections and cancels pending webhooks. */
  stop(): Promise<void>;
}
