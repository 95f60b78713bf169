import { describe, expect, it } from "vitest";
import {
  isFailure,
  isSuccess,
  isTerminal,
  parseWebhookPayload,
  WavespeedProtocolError,
} from "../../../src/providers/wavespeed/index.js";

describe("prediction statuses", () => {
  it("treats completed as the only success and failed/cancelled/timeout/deleted as failures", () => {
    expect(isSuccess("completed")).toBe(true);
    for (const status of ["failed", "cancelled", "timeout", "deleted"]) {
      expect(isFailure(status)).toBe(true);
      expect(isTerminal(status)).toBe(true);
      expect(isSuccess(status)).toBe(false);
    }
  });

  it("treats queued, running and unknown statuses as non-terminal", () => {
    for (const status of ["created", "processing", "pending", "in_queue", "something-new"]) {
      expect(isTerminal(status)).toBe(false);
      expect(isFailure(status)).toBe(false);
    }
  });
});

describe("parseWebhookPayload", () => {
  // The real sample shape from reference §6: not enveloped, with executionTime and timings.
  const sample = {
    id: "45b392b22c3b449fa935bd4dc2219dfe",
    model: "wavespeed-ai/flux-dev",
    input: { prompt: "a cat" },
    outputs: ["https://cdn.example/output.jpeg"],
    urls: { get: "https://api.wavespeed.ai/api/v3/predictions/45b392b22c3b449fa935bd4dc2219dfe/result" },
    has_nsfw_contents: [false],
    status: "completed",
    created_at: "2025-09-25T09:12:48.239112031Z",
    error: "",
    executionTime: 6710,
    timings: { inference: 6710 },
  };

  it("reads the bare prediction object", () => {
    expect(parseWebhookPayload(sample)).toEqual({
      id: sample.id,
      model: "wavespeed-ai/flux-dev",
      status: "completed",
      outputs: ["https://cdn.example/output.jpeg"],
      nsfw: [false],
      createdAt: "2025-09-25T09:12:48.239112031Z",
      inferenceMs: 6710,
    });
  });

  it("accepts the raw body as a string or Buffer", () => {
    expect(parseWebhookPayload(JSON.stringify(sample)).id).toBe(sample.id);
    expect(parseWebhookPayload(Buffer.from(JSON.stringify(sample))).outputs).toEqual(sample.outputs);
  });

  it("keeps the provider's error text and drops an empty one", () => {
    const failed = parseWebhookPayload({ ...sample, status: "failed", outputs: [], error: "safety filter" });
    expect(failed.error).toBe("safety filter");
    expect(parseWebhookPayload(sample).error).toBeUndefined();
  });

  it("is lenient about everything but the id", () => {
    const odd = parseWebhookPayload({
      id: "x1",
      status: "brand_new_status",
      outputs: [{ url: "https://cdn.example/a.png" }, { text: "caption" }, "https://cdn.example/b.png", 42],
      has_nsfw_contents: [true, "yes"],
      timings: "n/a",
      executionTime: 12,
    });
    expect(odd).toEqual({
      id: "x1",
      status: "brand_new_status",
      outputs: ["https://cdn.example/a.png", "https://cdn.example/b.png"],
      nsfw: [true, false],
      inferenceMs: 12,
    });
    expect(isTerminal(odd.status)).toBe(false);
    expect(parseWebhookPayload({ id: "x2", outputs: null })).toEqual({ id: "x2", status: "created", outputs: [], nsfw: [] });
  });

  it("refuses a body without a task id or that is not JSON", () => {
    expect(() => parseWebhookPayload({ status: "completed" })).toThrow(WavespeedProtocolError);
    expect(() => parseWebhookPayload({ code: 200, data: sample })).toThrow(WavespeedProtocolError);
    expect(() => parseWebhookPayload("{not json")).toThrow(WavespeedProtocolError);
  });
});
