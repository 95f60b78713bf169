import { createServer } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createWavespeedClient,
  WavespeedAuthError,
  WavespeedBadRequestError,
  WavespeedError,
  WavespeedInsufficientBalanceError,
  WavespeedNetworkError,
  WavespeedProtocolError,
  WavespeedRateLimitError,
  WavespeedServerError,
  WavespeedTimeoutError,
  type WavespeedClient,
} from "../../../src/providers/wavespeed/index.js";
import { startFakeWavespeed, type FakeWavespeed } from "../../../src/sandbox/fake-wavespeed/index.js";

const API_KEY = "ws-secret-key-8a7b6c5d4e3f";
const MODEL = "google/nano-banana/text-to-image";
const SUBMIT_PATH = /^\/api\/v3\/google\/nano-banana\/text-to-image$/;
const RESULT_PATH = /^\/api\/v3\/predictions\/[^/]+\/result$/;

/** Every error a test saw, to check at the end that none of them leaks the key. */
const seenErrors: unknown[] = [];

async function failure(promise: Promise<unknown>): Promise<WavespeedError> {
  const err = await promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  );
  seenErrors.push(err);
  if (!(err instanceof WavespeedError)) throw err;
  return err;
}

describe("Wavespeed client under injected faults", () => {
  let fake: FakeWavespeed;
  let client: WavespeedClient;

  const submitsRecorded = () => fake.requests.filter((r) => r.method === "POST" && SUBMIT_PATH.test(r.path)).length;
  const resultGets = (id: string) => fake.requests.filter((r) => r.path === `/api/v3/predictions/${id}/result`).length;

  beforeAll(async () => {
    fake = await startFakeWavespeed({ apiKey: API_KEY, latencyMs: 20 });
    client = createWavespeedClient({
      baseUrl: fake.baseUrl,
      apiKey: API_KEY,
      requestTimeoutMs: 300,
      retryBaseDelayMs: 1,
      maxGetRetries: 3,
    });
  });
  afterAll(async () => {
    await fake.stop();
    for (const err of seenErrors) {
      expect(String((err as Error).message)).not.toContain(API_KEY);
      expect(JSON.stringify(err)).not.toContain(API_KEY);
    }
    expect(JSON.stringify(fake.requests)).not.toContain(API_KEY);
  });
  beforeEach(() => {
    fake.requests.length = 0;
  });

  it("retries getResult after a 500 and succeeds", async () => {
    const { id } = await client.submit(MODEL, { prompt: "retry me" });
    fake.injectFault({ method: "GET", path: RESULT_PATH }, { status: 500 });
    const prediction = await client.getResult(id);
    expect(prediction.id).toBe(id);
    expect(resultGets(id)).toBe(2);
  });

  it("retries getResult after a 429, a reset and a hang", async () => {
    const { id } = await client.submit(MODEL, { prompt: "retry me" });
    fake.injectFault({ path: RESULT_PATH }, { status: 429, body: '{"code":429,"message":"rate limited"}' });
    fake.injectFault({ path: RESULT_PATH }, { reset: true });
    fake.injectFault({ path: RESULT_PATH }, { hangMs: 5_000 });
    expect((await client.getResult(id)).id).toBe(id);
    expect(resultGets(id)).toBe(4);
  });

  it("gives up on getResult after maxGetRetries and reports the last error", async () => {
    const { id } = await client.submit(MODEL, { prompt: "always down" });
    fake.injectFault({ path: RESULT_PATH }, { status: 503, body: "<html><body>Service Unavailable</body></html>" }, 4);
    const err = await failure(client.getResult(id));
    expect(err).toBeInstanceOf(WavespeedServerError);
    expect(err).toMatchObject({ status: 503, retryable: true });
    expect(err.message).toContain("Service Unavailable");
    expect(resultGets(id)).toBe(4);
  });

  it("does not retry a submit that got a 500, and says a task may exist", async () => {
    fake.injectFault({ method: "POST", path: SUBMIT_PATH }, { status: 500 });
    const err = await failure(client.submit(MODEL, { prompt: "once" }));
    expect(err).toBeInstanceOf(WavespeedServerError);
    expect(err.outcome).toBe("unknown");
    expect(submitsRecorded()).toBe(1);
  });

  it("does not retry a submit that timed out, and says a task may exist", async () => {
    fake.injectFault({ method: "POST", path: SUBMIT_PATH }, { hangMs: 2_000 });
    const err = await failure(client.submit(MODEL, { prompt: "hang" }));
    expect(err).toBeInstanceOf(WavespeedTimeoutError);
    expect(err.outcome).toBe("unknown");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(submitsRecorded()).toBe(1);
  });

  it("does not retry a submit whose connection was reset", async () => {
    fake.injectFault({ method: "POST", path: SUBMIT_PATH }, { reset: true });
    const err = await failure(client.submit(MODEL, { prompt: "reset" }));
    expect(err).toBeInstanceOf(WavespeedNetworkError);
    expect(err.outcome).toBe("unknown");
    expect(submitsRecorded()).toBe(1);
  });

  it("marks a 4xx submit as rejected, including the bare {error} body shape", async () => {
    const message = "webhook callback does not support base64 output, please use the normal API to use base64 output";
    fake.injectFault({ method: "POST", path: SUBMIT_PATH }, { status: 400, body: JSON.stringify({ error: message }) });
    const err = await failure(client.submit(MODEL, { prompt: "bad" }));
    expect(err).toBeInstanceOf(WavespeedBadRequestError);
    expect(err).toMatchObject({ status: 400, outcome: "rejected", retryable: false });
    expect(err.message).toContain(message);
    expect(submitsRecorded()).toBe(1);

    // The fake itself answers the documented base64 + webhook combination with that shape.
    const real = await failure(
      client.submit(MODEL, { prompt: "b64", enable_base64_output: true }, { webhookUrl: "https://example.com/hook" }),
    );
    expect(real.message).toContain(message);
  });

  it("says a submit was rejected when the connection was never made", async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const offline = createWavespeedClient({ baseUrl: `http://127.0.0.1:${closedPort}`, apiKey: API_KEY, maxGetRetries: 0 });
    const err = await failure(offline.submit(MODEL, { prompt: "nobody home" }));
    expect(err).toBeInstanceOf(WavespeedNetworkError);
    expect(err).toMatchObject({ outcome: "rejected", retryable: true });
  });

  it("raises a protocol error for malformed JSON, without retrying it", async () => {
    const { id } = await client.submit(MODEL, { prompt: "x" });
    fake.injectFault({ path: RESULT_PATH }, { malformed: true });
    const err = await failure(client.getResult(id));
    expect(err).toBeInstanceOf(WavespeedProtocolError);
    expect(resultGets(id)).toBe(1);

    fake.injectFault({ method: "POST", path: SUBMIT_PATH }, { malformed: true });
    const submitErr = await failure(client.submit(MODEL, { prompt: "x" }));
    expect(submitErr).toBeInstanceOf(WavespeedProtocolError);
    expect(submitErr.outcome).toBe("unknown");
  });

  it("raises a protocol error for a 200 without an envelope or without a task id", async () => {
    fake.injectFault({ method: "POST", path: SUBMIT_PATH }, { body: JSON.stringify({ id: "bare" }) });
    expect(await failure(client.submit(MODEL, { prompt: "x" }))).toBeInstanceOf(WavespeedProtocolError);
    fake.injectFault({ method: "POST", path: SUBMIT_PATH }, { body: JSON.stringify({ code: 200, data: { status: "created" } }) });
    const noId = await failure(client.submit(MODEL, { prompt: "x" }));
    expect(noId).toBeInstanceOf(WavespeedProtocolError);
    expect(noId.message).toMatch(/task id/);
  });

  it("treats an envelope code other than 200 as an error even on HTTP 200", async () => {
    fake.injectFault({ path: /^\/api\/v3\/balance$/ }, { status: 200, body: '{"code":401,"message":"invalid authentication"}' });
    const auth = await failure(client.getBalance());
    expect(auth).toBeInstanceOf(WavespeedAuthError);
    expect(auth.status).toBe(401);

    fake.setBehavior({ balanceUsd: 100 });
    fake.injectFault({ path: /^\/api\/v3\/balance$/ }, { status: 200, body: '{"code":500,"message":"oops","data":null}' });
    expect(await client.getBalance()).toBe(100);
    // The 5xx envelope counted as a server error, so the read was retried.
    expect(fake.requests.filter((r) => r.path === "/api/v3/balance")).toHaveLength(3);
  });

  it("raises an auth error on 401, never echoing the key that was sent", async () => {
    const wrongKey = "ws-wrong-key-000111222333";
    const wrong = createWavespeedClient({ baseUrl: fake.baseUrl, apiKey: wrongKey });
    const err = await failure(wrong.getBalance());
    expect(err).toBeInstanceOf(WavespeedAuthError);
    expect(err).toMatchObject({ status: 401, retryable: false, outcome: "rejected" });
    expect(err.message).not.toContain(wrongKey);
    expect(JSON.stringify(fake.requests)).not.toContain(wrongKey);
    expect(fake.requests.at(-1)?.headers["authorization"]).toBe("Bearer ***");
  });

  it("redacts the key when a server error message echoes it", async () => {
    fake.injectFault({ path: /^\/api\/v3\/balance$/ }, { status: 403, body: JSON.stringify({ code: 403, message: `key ${API_KEY} is suspended` }) });
    const err = await failure(client.getBalance());
    expect(err).toBeInstanceOf(WavespeedAuthError);
    expect(err.message).toContain("key *** is suspended");
  });

  it("recognises an out-of-credit answer by status or wording", async () => {
    fake.injectFault({ method: "POST", path: SUBMIT_PATH }, { status: 402, body: '{"code":402,"message":"Payment required"}' });
    expect(await failure(client.submit(MODEL, { prompt: "x" }))).toBeInstanceOf(WavespeedInsufficientBalanceError);
    fake.injectFault({ method: "POST", path: SUBMIT_PATH }, { status: 400, body: '{"code":400,"message":"Insufficient balance"}' });
    const err = await failure(client.submit(MODEL, { prompt: "x" }));
    expect(err).toBeInstanceOf(WavespeedInsufficientBalanceError);
    expect(err.outcome).toBe("rejected");
  });

  it("reports a rate-limited submit as rejected and does not retry it", async () => {
    fake.injectFault({ method: "POST", path: SUBMIT_PATH }, { status: 429 });
    const err = await failure(client.submit(MODEL, { prompt: "x" }));
    expect(err).toBeInstanceOf(WavespeedRateLimitError);
    expect(err).toMatchObject({ outcome: "rejected", retryable: true });
    expect(submitsRecorded()).toBe(1);
  });

  it("exposes Retry-After and waits at least that long before retrying a read", async () => {
    const answers = [
      new Response('{"code":429,"message":"slow down"}', { status: 429, headers: { "Retry-After": "1" } }),
      new Response('{"code":200,"data":{"balance":"7.25"}}', { status: 200 }),
    ];
    const seen: Array<{ url: string; auth: string | null; at: number }> = [];
    const scripted = createWavespeedClient({
      baseUrl: "https://wavespeed.invalid/",
      apiKey: API_KEY,
      retryBaseDelayMs: 1,
      fetch: async (url, init) => {
        seen.push({ url: String(url), auth: new Headers(init?.headers).get("authorization"), at: Date.now() });
        const next = answers.shift();
        if (!next) throw new Error("unexpected request");
        return next;
      },
    });
    expect(await scripted.getBalance()).toBe(7.25);
    expect(seen.map((s) => s.url)).toEqual(["https://wavespeed.invalid/api/v3/balance", "https://wavespeed.invalid/api/v3/balance"]);
    expect(seen[0]?.auth).toBe(`Bearer ${API_KEY}`);
    expect((seen[1]?.at ?? 0) - (seen[0]?.at ?? 0)).toBeGreaterThanOrEqual(990);

    const limited = await failure(
      createWavespeedClient({
        baseUrl: "https://wavespeed.invalid",
        apiKey: API_KEY,
        fetch: async () => new Response("", { status: 429, headers: { "Retry-After": "7" } }),
      }).submit(MODEL, { prompt: "x" }),
    );
    expect(limited).toBeInstanceOf(WavespeedRateLimitError);
    expect((limited as WavespeedRateLimitError).retryAfterMs).toBe(7_000);
  });
});
