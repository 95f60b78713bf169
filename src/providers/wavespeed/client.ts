import { z } from "zod";
import { WavespeedProtocolError } from "./errors.js";
import { createTransport, type Transport } from "./http-transport.js";
import { type Prediction, parsePrediction } from "./prediction.js";
import { type RetryPolicy, withRetries } from "./retry.js";

/** How to reach Wavespeed (the real API or the offline fake: only `baseUrl` and `apiKey` differ). */
export interface WavespeedClientOptions {
  baseUrl: string;
  apiKey: string;
  /** Deadline for one JSON request, including reading the body. Default 30 s. */
  requestTimeoutMs?: number;
  /** Deadline for one media upload. Default 60 s. */
  uploadTimeoutMs?: number;
  /** Extra attempts for idempotent reads on network errors, timeouts, 429 and 5xx. Default 3. */
  maxGetRetries?: number;
  /** First retry delay; doubles per attempt, with jitter. Default 500 ms. */
  retryBaseDelayMs?: number;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Sent as `X-Client-Name` so the provider can attribute traffic. Default "bananapics". */
  clientName?: string;
}

/**
 * The Wavespeed calls the bot makes. Reads are retried; `submit` and `uploadMedia` are sent exactly once
 * and report a failure's {@link WavespeedRequestOutcome} so the caller can decide what is safe.
 */
export interface WavespeedClient {
  /**
   * Starts a task. Never retried: a lost answer may still have created (and billed) a task, so on error
   * check `outcome` ("unknown" = maybe created, "rejected" = certainly not).
   */
  submit(modelId: string, input: Record<string, unknown>, opts?: { webhookUrl?: string }): Promise<Prediction>;
  /** Polls a task. Retried on transient failures; throws WavespeedNotFoundError for an unknown or expired id. */
  getResult(taskId: string): Promise<Prediction>;
  /** Uploads a reference image and returns the URL to put in a model's `image`/`images` input. */
  uploadMedia(bytes: Uint8Array, filename: string, contentType: string): Promise<{ url: string }>;
  /** The account's remaining credit in USD. */
  getBalance(): Promise<number>;
  /** The provider's current price in USD for one run of `modelId` with these inputs. */
  getPrice(modelId: string, inputs: Record<string, unknown>): Promise<number>;
  /** The secret that signs webhook deliveries (`whsec_…`). */
  getWebhookSecret(): Promise<string>;
}

// USD amounts are numbers in the docs; a numeric string is accepted in case a proxy re-serialises them.
const usdSchema = z.union([z.number(), z.string().trim().regex(/^-?\d+(\.\d+)?$/).transform(Number)]);
const balanceSchema = z.object({ balance: usdSchema });
const priceSchema = z.union([
  z.object({ price: usdSchema }).transform((d) => d.price),
  // The older pricing endpoint answered `unit_price`.
  z.object({ unit_price: usdSchema }).transform((d) => d.unit_price),
]);
const uploadSchema = z.object({ download_url: z.string().min(1) });
const secretSchema = z.object({ secret: z.string().min(1) });

/** Creates a client; it holds no connections, so one per process (or per test) is enough. */
export function createWavespeedClient(opts: WavespeedClientOptions): WavespeedClient {
  const send: Transport = createTransport({
    baseUrl: opts.baseUrl,
    apiKey: opts.apiKey,
    clientName: opts.clientName ?? "bananapics",
    fetch: opts.fetch ?? globalThis.fetch,
  });
  const timeoutMs = opts.requestTimeoutMs ?? 30_000;
  const uploadTimeoutMs = opts.uploadTimeoutMs ?? 60_000;
  const retryPolicy: RetryPolicy = {
    maxRetries: opts.maxGetRetries ?? 3,
    baseDelayMs: opts.retryBaseDelayMs ?? 500,
  };

  return {
    async submit(modelId, input, submitOpts) {
      const operation = `submit ${modelId}`;
      const query = submitOpts?.webhookUrl ? `?webhook=${encodeURIComponent(submitOpts.webhookUrl)}` : "";
      const data = await send({
        operation,
        method: "POST",
        path: `/api/v3/${modelPath(modelId)}${query}`,
        json: input,
        timeoutMs,
      });
      return parsePrediction(data, `Wavespeed ${operation}`);
    },

    async getResult(taskId) {
      const operation = `getResult ${taskId}`;
      const data = await withRetries(
        () =>
          send({
            operation,
            method: "GET",
            path: `/api/v3/predictions/${encodeURIComponent(taskId)}/result`,
            timeoutMs,
          }),
        retryPolicy,
      );
      return parsePrediction(data, `Wavespeed ${operation}`);
    },

    async uploadMedia(bytes, filename, contentType) {
      const form = new FormData();
      // Copying into a fresh ArrayBuffer-backed view satisfies BlobPart for any Uint8Array (even a shared one).
      form.append("file", new Blob([new Uint8Array(bytes)], { type: contentType }), filename);
      const data = await send({
        operation: "uploadMedia",
        method: "POST",
        path: "/api/v3/media/upload/binary",
        form,
        timeoutMs: uploadTimeoutMs,
      });
      return { url: parseData(uploadSchema, data, "uploadMedia", "data.download_url").download_url };
    },

    async getBalance() {
      const data = await withRetries(
        () => send({ operation: "getBalance", method: "GET", path: "/api/v3/balance", timeoutMs }),
        retryPolicy,
      );
      return parseData(balanceSchema, data, "getBalance", "data.balance").balance;
    },

    async getPrice(modelId, inputs) {
      const operation = `getPrice ${modelId}`;
      // A price quote is a read even though it is a POST, so it is retried like one.
      const data = await withRetries(
        () =>
          send({
            operation,
            method: "POST",
            path: "/api/v3/model/price",
            json: { model_id: modelId, inputs },
            timeoutMs,
          }),
        retryPolicy,
      );
      return parseData(priceSchema, data, operation, "data.price");
    },

    async getWebhookSecret() {
      const data = await withRetries(
        () => send({ operation: "getWebhookSecret", method: "GET", path: "/api/v3/webhook/secret", timeoutMs }),
        retryPolicy,
      );
      return parseData(secretSchema, data, "getWebhookSecret", "data.secret").secret;
    },
  };
}

/** Model ids contain slashes that are part of the path; each segment is still encoded. */
function modelPath(modelId: string): string {
  return modelId.split("/").map(encodeURIComponent).join("/");
}

function parseData<T>(schema: z.ZodType<T>, data: unknown, operation: string, field: string): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new WavespeedProtocolError(`Wavespeed ${operation}: answer has no valid ${field}`);
  return parsed.data;
}
