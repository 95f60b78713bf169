import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createWavespeedClient,
  isFailure,
  parseWebhookPayload,
  verifyWavespeedWebhook,
  WavespeedBadRequestError,
  WavespeedNotFoundError,
  type WavespeedClient,
} from "../../../src/providers/wavespeed/index.js";
import {
  FAKE_CONTENT_BLOCKED_MESSAGE,
  FAKE_FAILURE_MESSAGE,
  startFakeWavespeed,
  type FakeWavespeed,
} from "../../../src/sandbox/fake-wavespeed/index.js";
import { countPixels, solidPng, startWebhookReceiver, waitForTerminal } from "./support.js";

const API_KEY = "ws-contract-key-1f2e3d4c5b6a";
const RED = { r: 255, g: 0, b: 0 };

describe("Wavespeed client against the fake provider", () => {
  let fake: FakeWavespeed;
  let client: WavespeedClient;

  beforeAll(async () => {
    fake = await startFakeWavespeed({ apiKey: API_KEY, latencyMs: 60 });
    client = createWavespeedClient({ baseUrl: fake.baseUrl, apiKey: API_KEY, retryBaseDelayMs: 1 });
  });
  afterAll(() => fake.stop());
  beforeEach(() => fake.setBehavior({ latencyMs: 60, failureRate: 0, contentBlockRate: 0, nsfwRate: 0, balanceUsd: 100 }));

  it("submits a text-to-image task and polls it to a real PNG of the requested aspect ratio", async () => {
    const submitted = await client.submit("google/nano-banana/text-to-image", {
      prompt: "a banana astronaut <on> the moon & stars",
      aspect_ratio: "16:9",
      output_format: "png",
    });
    expect(submitted.status).toBe("created");
    expect(submitted.outputs).toEqual([]);
    expect(submitted.model).toBe("google/nano-banana/text-to-image");

    const done = await waitForTerminal(client, submitted.id);
    expect(done).toMatchObject({ id: submitted.id, status: "completed", nsfw: [false] });
    expect(done.outputs).toHaveLength(1);
    expect(done.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);

    const download = await fetch(done.outputs[0] ?? "");
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("image/png");
    const meta = await sharp(Buffer.from(await download.arrayBuffer())).metadata();
    expect(meta.format).toBe("png");
    expect(meta.width).toBe(1024);
    expect(meta.height).toBe(576);

    const submits = fake.requests.filter((r) => r.method === "POST" && r.path === "/api/v3/google/nano-banana/text-to-image");
    expect(submits).toHaveLength(1);
    expect(submits[0]?.body).toEqual({
      prompt: "a banana astronaut <on> the moon & stars",
      aspect_ratio: "16:9",
      output_format: "png",
    });
    expect(submits[0]?.headers["authorization"]).toBe("Bearer ***");
  });

  it("uploads a reference image and composites it into an edit's output", async () => {
    const red = await solidPng(96, 96, RED);
    const { url } = await client.uploadMedia(red, "reference.png", "image/png");
    const stored = await fetch(url);
    expect(Buffer.from(await stored.arrayBuffer()).equals(red)).toBe(true);

    const submitted = await client.submit("google/nano-banana/edit", { prompt: "make it blue", images: [url] });
    const done = await waitForTerminal(client, submitted.id);
    expect(done.status).toBe("completed");
    const output = Buffer.from(await (await fetch(done.outputs[0] ?? "")).arrayBuffer());
    expect(await countPixels(output, RED)).toBeGreaterThan(2_000);

    // Control: the same prompt without a reference has no pure red anywhere.
    const plain = await waitForTerminal(client, (await client.submit("google/nano-banana/text-to-image", { prompt: "make it blue" })).id);
    const plainPng = Buffer.from(await (await fetch(plain.outputs[0] ?? "")).arrayBuffer());
    expect(await countPixels(plainPng, RED)).toBe(0);

    const upload = fake.requests.find((r) => r.path === "/api/v3/media/upload/binary");
    expect(upload?.body).toEqual({ filename: "reference.png", size: red.length, contentType: "image/png" });
  });

  it("reports a failed task with the provider's error", async () => {
    fake.scriptNextTasks(["failed"]);
    const submitted = await client.submit("bytedance/seedream-v4", { prompt: "anything", size: "1024*1024" });
    const done = await waitForTerminal(client, submitted.id);
    expect(done.status).toBe("failed");
    expect(isFailure(done.status)).toBe(true);
    expect(done.error).toBe(FAKE_FAILURE_MESSAGE);
    expect(done.outputs).toEqual([]);
  });

  it("reports a content-blocked task as failed with a safety-filter message", async () => {
    fake.scriptNextTasks(["content_blocked"]);
    const submitted = await client.submit("google/nano-banana-pro/text-to-image", { prompt: "blocked", resolution: "2k" });
    const done = await waitForTerminal(client, submitted.id);
    expect(done.status).toBe("failed");
    expect(done.error).toBe(FAKE_CONTENT_BLOCKED_MESSAGE);
    expect(done.error).toMatch(/safety filters/);
  });

  it("reads the balance, which a completed task reduces by its price", async () => {
    fake.setBehavior({ balanceUsd: 12.5 });
    expect(await client.getBalance()).toBe(12.5);
    const submitted = await client.submit("google/nano-banana/text-to-image", { prompt: "x" });
    await waitForTerminal(client, submitted.id);
    expect(await client.getBalance()).toBeCloseTo(12.462, 6);
  });

  it("quotes prices that depend on the inputs, and rejects an unknown model", async () => {
    expect(await client.getPrice("google/nano-banana-pro/text-to-image", { prompt: "x", resolution: "1k" })).toBe(0.14);
    expect(await client.getPrice("google/nano-banana-pro/edit", { prompt: "x", resolution: "4k" })).toBe(0.24);
    expect(await client.getPrice("openai/gpt-image-1.5/text-to-image", { quality: "high", size: "1536*1024" })).toBe(0.2);
    expect(await client.getPrice("openai/gpt-image-1.5/edit", { quality: "low" })).toBe(0.009);
    const err = await client.getPrice("acme/unknown-model", {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WavespeedBadRequestError);
    expect(err).toMatchObject({ status: 400, outcome: "rejected", retryable: false });
    expect(fake.requests.filter((r) => r.path === "/api/v3/model/price").at(-1)?.body).toEqual({
      model_id: "acme/unknown-model",
      inputs: {},
    });
  });

  it("delivers a signed webhook that verifies with the secret from the API", async () => {
    const receiver = await startWebhookReceiver();
    try {
      const secret = await client.getWebhookSecret();
      expect(secret).toBe(fake.webhookSecret);
      expect(secret.startsWith("whsec_")).toBe(true);

      const submitted = await client.submit("google/nano-banana/text-to-image", { prompt: "hook" }, { webhookUrl: receiver.url });
      const submit = fake.requests.find((r) => r.path === "/api/v3/google/nano-banana/text-to-image" && r.query["webhook"]);
      expect(submit?.query["webhook"]).toBe(receiver.url);

      const [hook] = await receiver.waitFor(1);
      if (!hook) throw new Error("no webhook");
      expect(hook.headers["webhook-signature"]).toMatch(/^v3,[0-9a-f]{64}$/);
      expect(verifyWavespeedWebhook(hook.rawBody, hook.headers, secret)).toEqual({ ok: true });
      expect(verifyWavespeedWebhook(hook.rawBody, hook.headers, "whsec_wrong")).toEqual({ ok: false, reason: "mismatch" });

      const payload = JSON.parse(hook.rawBody.toString()) as Record<string, unknown>;
      expect(payload["code"]).toBeUndefined();
      expect(payload["input"]).toEqual({ prompt: "hook" });
      const prediction = parseWebhookPayload(hook.rawBody);
      expect(prediction).toMatchObject({ id: submitted.id, status: "completed" });
      expect(prediction.outputs).toEqual((await client.getResult(submitted.id)).outputs);
      expect(fake.tasks.get(submitted.id)?.webhookDeliveries).toEqual([{ at: expect.any(Number), status: 204 }]);
    } finally {
      await receiver.close();
    }
  });

  it("delivers a webhook for a failed task too", async () => {
    const receiver = await startWebhookReceiver();
    try {
      fake.scriptNextTasks(["content_blocked"]);
      const submitted = await client.submit("google/nano-banana/text-to-image", { prompt: "nope" }, { webhookUrl: receiver.url });
      const [hook] = await receiver.waitFor(1);
      const prediction = parseWebhookPayload(hook?.rawBody);
      expect(prediction).toMatchObject({ id: submitted.id, status: "failed", error: FAKE_CONTENT_BLOCKED_MESSAGE });
    } finally {
      await receiver.close();
    }
  });

  it("rejects invalid input with a 400 that certainly created no task", async () => {
    const before = fake.tasks.size;
    const err = await client.submit("google/nano-banana/edit", { prompt: "edit without images" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WavespeedBadRequestError);
    expect(err).toMatchObject({ status: 400, outcome: "rejected" });
    expect((err as Error).message).toMatch(/images is required/);
    expect(fake.tasks.size).toBe(before);
  });

  it("reports an unknown task id as not found", async () => {
    const err = await client.getResult("does-not-exist").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WavespeedNotFoundError);
    expect(err).toMatchObject({ status: 404, retryable: false });
  });
});
