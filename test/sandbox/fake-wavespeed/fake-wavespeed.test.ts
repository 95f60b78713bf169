import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeWavespeed, type FakeWavespeed } from "../../../src/sandbox/fake-wavespeed/index.js";
import { countPixels, solidPng } from "../../providers/wavespeed/support.js";
import { waitUntil } from "../../support/wait.js";

const KEY = "fake-key-42";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("fake Wavespeed server (raw HTTP)", () => {
  let fake: FakeWavespeed;

  async function api(method: string, path: string, body?: unknown, key: string | null = KEY) {
    const headers: Record<string, string> = {};
    if (key !== null) headers["Authorization"] = `Bearer ${key}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const res = await fetch(`${fake.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- test reads arbitrary JSON paths
  }

  async function submit(modelId: string, input: Record<string, unknown>) {
    const res = await api("POST", `/api/v3/${modelId}`, input);
    expect(res.status).toBe(200);
    return res.json["data"] as { id: string; status: string };
  }

  async function waitTerminal(id: string) {
    for (let i = 0; i < 200; i++) {
      const { json } = await api("GET", `/api/v3/predictions/${id}/result`);
      if (json["data"].status === "completed" || json["data"].status === "failed") return json["data"];
      await sleep(15);
    }
    throw new Error(`task ${id} did not finish`);
  }

  beforeAll(async () => {
    fake = await startFakeWavespeed({ apiKey: KEY, latencyMs: 200 });
  });
  afterAll(() => fake.stop());

  it("answers in the reference's envelope and moves created → processing → completed", async () => {
    // Wide phases, so a busy machine cannot skip one between two checks.
    fake.setBehavior({ latencyMs: 1_200 });
    const res = await api("POST", "/api/v3/google/nano-banana/text-to-image", { prompt: "shape check" });
    fake.setBehavior({ latencyMs: 200 });
    expect(res.json).toMatchObject({
      code: 200,
      message: "success",
      data: {
        id: expect.stringMatching(/^[0-9a-f]{32}$/),
        model: "google/nano-banana/text-to-image",
        status: "created",
        outputs: [],
        urls: { get: expect.stringMatching(/\/api\/v3\/predictions\/[0-9a-f]{32}\/result$/) },
        has_nsfw_contents: [],
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/),
        error: "",
        timings: { inference: 0 },
      },
    });
    const id = res.json["data"].id as string;
    // Queued for the first quarter (300 ms), then processing until 1.2 s: check as soon as it leaves
    // "created", not after a fixed pause a busy machine could stretch past the processing phase.
    let status = "created";
    await waitUntil(async () => (status = (await api("GET", `/api/v3/predictions/${id}/result`)).json["data"].status as string) !== "created", "the task leaves created", 10_000);
    expect(status).toBe("processing");
    expect(fake.tasks.get(id)?.status).toBe("processing");
    const done = await waitTerminal(id);
    expect(done).toMatchObject({ status: "completed", has_nsfw_contents: [false], timings: { inference: 1_200 } });
    // The alias without /result answers the same.
    expect((await api("GET", `/api/v3/predictions/${id}`)).json["data"].outputs).toEqual(done.outputs);
  });

  it("answers 404 with an envelope for an unknown prediction", async () => {
    const res = await api("GET", "/api/v3/predictions/nope/result");
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ code: 404, message: expect.stringContaining("nope") });
  });

  it("requires the API key on /api/ but serves outputs and media publicly", async () => {
    const res = await api("GET", "/api/v3/balance", undefined, null);
    expect(res.status).toBe(401);
    expect(res.json["code"]).toBe(401);
    expect((await api("GET", "/api/v3/balance", undefined, "other")).status).toBe(401);
  });

  it("validates the prompt and the reference images", async () => {
    const missing = await api("POST", "/api/v3/google/nano-banana/text-to-image", { prompt: "  " });
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({ code: 400, message: expect.stringContaining("prompt") });
    expect((await api("POST", "/api/v3/google/nano-banana/edit", { prompt: "x", images: [] })).status).toBe(400);
    expect((await api("POST", "/api/v3/wavespeed-ai/qwen-image/edit", { prompt: "x", images: ["u"] })).status).toBe(400);
    const tooMany = await api("POST", "/api/v3/wavespeed-ai/qwen-image/edit-plus", {
      prompt: "x",
      images: ["a", "b", "c", "d"],
    });
    expect(tooMany.json["message"]).toMatch(/at most 3/);
    // An edit model the catalog does not know still needs images.
    expect((await api("POST", "/api/v3/acme/painter/edit-fast", { prompt: "x" })).status).toBe(400);
    expect((await api("POST", "/api/v3/acme/painter/edit-fast", { prompt: "x", image: "u" })).status).toBe(200);
    expect((await api("POST", "/api/v3/acme/painter", "not an object")).status).toBe(400);
  });

  it("fails an edit whose reference is not in its own storage, without fetching it", async () => {
    const { id } = await submit("google/nano-banana/edit", {
      prompt: "x",
      images: ["https://api.telegram.org/file/bot123:SECRET/photo.jpg"],
    });
    const done = await waitTerminal(id);
    expect(done.status).toBe("failed");
    expect(done.error).toContain("only reads images uploaded to it");
    expect(done.error).toContain("api.telegram.org");
    expect(done.error).not.toContain("SECRET");
  });

  it("accepts an earlier output as an edit reference", async () => {
    const red = await solidPng(50, 50, { r: 255, g: 0, b: 0 });
    const form = new FormData();
    form.append("file", new Blob([red], { type: "image/png" }), "red.png");
    const upload = await fetch(`${fake.baseUrl}/api/v3/media/upload/binary`, {
      method: "POST",
      headers: { Authorization: `Bearer ${KEY}` },
      body: form,
    });
    const uploaded = (await upload.json()) as { data: { download_url: string; type: string; filename: string; size: number } };
    expect(uploaded.data).toMatchObject({ type: "image", filename: "red.png", size: red.length });

    const first = await waitTerminal((await submit("google/nano-banana/edit", { prompt: "one", images: [uploaded.data.download_url] })).id);
    const second = await waitTerminal((await submit("bytedance/seedream-v4/edit", { prompt: "two", images: first.outputs, size: "800*600" })).id);
    expect(second.status).toBe("completed");
    const png = Buffer.from(await (await fetch(second.outputs[0])).arrayBuffer());
    expect(await sharp(png).metadata()).toMatchObject({ width: 800, height: 600 });
    expect(await countPixels(png, { r: 255, g: 0, b: 0 })).toBeGreaterThan(100);
  });

  it("supports the ticket-and-PUT upload flow", async () => {
    const bytes = await solidPng(10, 10, { r: 0, g: 0, b: 255 });
    const ticket = await api("POST", "/api/v3/media/uploads", { filename: "b.png", size: bytes.length, content_type: "image/png" });
    const { upload, download_url: downloadUrl } = ticket.json["data"];
    expect(upload).toMatchObject({ method: "PUT", headers: { "Content-Type": "image/png" } });
    expect((await fetch(downloadUrl)).status).toBe(404);
    const withAuth = await fetch(upload.url, { method: "PUT", headers: { ...upload.headers, Authorization: `Bearer ${KEY}` }, body: bytes });
    expect(withAuth.status).toBe(400);
    expect((await fetch(upload.url, { method: "PUT", headers: upload.headers, body: bytes })).status).toBe(200);
    const download = await fetch(downloadUrl);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("serves outputs until deleteOutputs(), then answers 404", async () => {
    const done = await waitTerminal((await submit("google/nano-banana/text-to-image", { prompt: "retention" })).id);
    expect((await fetch(done.outputs[0])).status).toBe(200);
    fake.deleteOutputs();
    expect((await fetch(done.outputs[0])).status).toBe(404);
  });

  it("keeps a task scripted as never in processing", async () => {
    fake.scriptNextTasks(["never"]);
    const { id } = await submit("google/nano-banana/text-to-image", { prompt: "forever" });
    await sleep(260);
    expect((await api("GET", `/api/v3/predictions/${id}/result`)).json["data"].status).toBe("processing");
  });

  it("lists models, quotes prices and returns the webhook secret", async () => {
    const models = (await api("GET", "/api/v3/models")).json["data"] as Array<{ model_id: string; base_price: number }>;
    expect(models.map((m) => m.model_id)).toContain("google/nano-banana-pro/edit");
    expect(models.find((m) => m.model_id === "bytedance/seedream-v4")?.base_price).toBe(0.027);
    const price = await api("POST", "/api/v3/model/price", { model_id: "google/nano-banana-2/edit", inputs: { resolution: "2k" } });
    expect(price.json["data"]).toMatchObject({ model_id: "google/nano-banana-2/edit", price: 0.12 });
    expect((await api("POST", "/api/v3/model/price", { model_id: "nope/nope", inputs: {} })).status).toBe(400);
    expect((await api("GET", "/api/v3/webhook/secret")).json["data"]).toEqual({ secret: fake.webhookSecret });
  });
});

describe("fake Wavespeed behaviour knobs", () => {
  it("draws failures, content blocks and NSFW flags from the injected random source", async () => {
    const rolls = [0.05, 0.15, 0.5, 0.01];
    const fake = await startFakeWavespeed({
      latencyMs: 0,
      failureRate: 0.1,
      contentBlockRate: 0.1,
      nsfwRate: 0.5,
      random: () => rolls.shift() ?? 0.99,
    });
    try {
      const post = async (prompt: string) => {
        const res = await fetch(`${fake.baseUrl}/api/v3/google/nano-banana/text-to-image`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ prompt }),
        });
        return ((await res.json()) as { data: { id: string } }).data.id;
      };
      const failed = await post("a");
      const blocked = await post("b");
      const nsfw = await post("c");
      // Wait for the outcome rather than a fixed time: a loaded machine may take longer than latencyMs 0 suggests.
      const settled = (id: string) => ["completed", "failed"].includes(fake.tasks.get(id)?.status ?? "");
      await waitUntil(() => [failed, blocked, nsfw].every(settled), "the three tasks finished");
      expect(fake.tasks.get(failed)?.status).toBe("failed");
      expect(fake.tasks.get(blocked)?.error).toMatch(/safety filters/);
      expect(fake.tasks.get(nsfw)?.status).toBe("completed");
      const result = await fetch(`${fake.baseUrl}/api/v3/predictions/${nsfw}/result`);
      expect(((await result.json()) as { data: { has_nsfw_contents: boolean[] } }).data.has_nsfw_contents).toEqual([true]);
    } finally {
      await fake.stop();
    }
  });

  it("stops promptly while a request hangs and a webhook is pending", async () => {
    const fake = await startFakeWavespeed({ latencyMs: 60_000 });
    fake.injectFault({ path: /balance/ }, { hangMs: 60_000 });
    const hanging = fetch(`${fake.baseUrl}/api/v3/balance`).catch((e: unknown) => e);
    await fetch(`${fake.baseUrl}/api/v3/google/nano-banana/text-to-image?webhook=${encodeURIComponent("http://127.0.0.1:9/x")}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ prompt: "p" }),
    });
    await sleep(20);
    const started = Date.now();
    await fake.stop();
    // Well short of the 60 s the hanging request and the task would otherwise hold it (generous for a busy machine).
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await hanging).toBeInstanceOf(Error);
  });
});
