import type { FakeTask, FakeTaskOutcome, FakeWebhookDelivery } from "./types.js";

/** Error text of a task scripted to fail, phrased like a provider-side model error. */
export const FAKE_FAILURE_MESSAGE = "Internal error while running the model, please retry (fake failure)";

/** Error text of a content-blocked task, phrased like Google's safety-filter rejections. */
export const FAKE_CONTENT_BLOCKED_MESSAGE =
  "The request was blocked by Google's safety filters (PROHIBITED_CONTENT). Please modify your prompt or images and try again.";

/** What is fixed about a task when it is submitted. */
export interface FakeTaskInit {
  id: string;
  modelId: string;
  input: Record<string, unknown>;
  webhookUrl: string | undefined;
  outcome: FakeTaskOutcome;
  nsfw: boolean;
  latencyMs: number;
  outputCount: number;
  publicBaseUrl: string;
  createdAt: Date;
}

type RenderState = { state: "pending" } | { state: "done"; images: Buffer[] } | { state: "failed"; error: string };

/**
 * A task whose status is derived from the clock (created → processing → terminal over `latencyMs`)
 * and from its rendering, so no timer is needed to advance it. A completed task never turns
 * terminal before its images exist.
 */
export class FakeTaskRecord implements FakeTask {
  readonly id: string;
  readonly modelId: string;
  readonly input: Record<string, unknown>;
  readonly createdAt: Date;
  readonly webhookUrl: string | undefined;
  readonly webhookDeliveries: FakeWebhookDelivery[] = [];
  readonly outcome: FakeTaskOutcome;
  readonly nsfw: boolean;
  readonly latencyMs: number;
  readonly outputCount: number;
  private readonly publicBaseUrl: string;
  private render: RenderState = { state: "pending" };
  private outputsDeleted = false;

  constructor(init: FakeTaskInit) {
    this.id = init.id;
    this.modelId = init.modelId;
    this.input = init.input;
    this.createdAt = init.createdAt;
    this.webhookUrl = init.webhookUrl;
    this.outcome = init.outcome;
    this.nsfw = init.nsfw;
    this.latencyMs = init.latencyMs;
    this.outputCount = init.outputCount;
    this.publicBaseUrl = init.publicBaseUrl;
  }

  get status(): string {
    const elapsed = Date.now() - this.createdAt.getTime();
    // The first quarter of the latency is spent queued, as real tasks first report "created".
    if (elapsed < this.latencyMs / 4) return "created";
    if (this.outcome === "never" || elapsed < this.latencyMs) return "processing";
    if (this.outcome !== "completed") return "failed";
    if (this.render.state === "pending") return "processing";
    return this.render.state === "done" ? "completed" : "failed";
  }

  get error(): string | undefined {
    const status = this.status;
    if (status !== "failed") return undefined;
    if (this.outcome === "content_blocked") return FAKE_CONTENT_BLOCKED_MESSAGE;
    return this.render.state === "failed" ? this.render.error : FAKE_FAILURE_MESSAGE;
  }

  get outputs(): string[] {
    if (this.status !== "completed") return [];
    return Array.from({ length: this.outputCount }, (_, n) => `${this.publicBaseUrl}${this.outputPath(n)}`);
  }

  /** Path of the n-th output under the fake's base URL. */
  outputPath(n: number): string {
    return `/outputs/${this.id}/${n}.png`;
  }

  /** The n-th output's PNG, once completed and until {@link deleteOutputs}. */
  outputImage(n: number): Buffer | undefined {
    if (this.outputsDeleted || this.status !== "completed" || this.render.state !== "done") return undefined;
    return this.render.images[n];
  }

  markRendered(images: Buffer[]): void {
    this.render = { state: "done", images };
  }

  markRenderFailed(error: string): void {
    this.render = { state: "failed", error };
  }

  /** Simulates the 7-day retention: output URLs stay listed but no longer download. */
  deleteOutputs(): void {
    this.outputsDeleted = true;
    // Drops the buffers too, so a long sandbox session can reclaim the memory.
    if (this.render.state === "done") this.render = { state: "done", images: [] };
  }

  /** The prediction object as the REST API puts it in the envelope's `data`. */
  toPrediction(): Record<string, unknown> {
    const status = this.status;
    const outputs = this.outputs;
    const terminal = status === "completed" || status === "failed";
    return {
      id: this.id,
      model: this.modelId,
      status,
      outputs,
      urls: { get: `${this.publicBaseUrl}/api/v3/predictions/${this.id}/result` },
      has_nsfw_contents: outputs.map(() => this.nsfw),
      // Wavespeed prints nanoseconds; the padding keeps clients honest about parsing that.
      created_at: this.createdAt.toISOString().replace("Z", "000000Z"),
      error: this.error ?? "",
      timings: { inference: terminal ? this.latencyMs : 0 },
    };
  }

  /** The bare (not enveloped) webhook body, which also carries the input and `executionTime`. */
  toWebhookPayload(): Record<string, unknown> {
    const prediction = this.toPrediction();
    return { ...prediction, input: this.input, executionTime: this.latencyMs };
  }
}
