import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { FakeTaskRecord } from "./fake-task.js";
import type { FakeState } from "./fake-state.js";
import { sendEnvelope, sendError, sendJson } from "./http-io.js";
import { MediaStore, mediaType } from "./media-store.js";
import { findFakeModel, listFakeModels } from "./model-catalog.js";
import type { RequestBody } from "./request-body.js";
import { validateSubmit } from "./submit-validation.js";
import { renderTaskOutputs } from "./task-runner.js";
import type { FakeTaskOutcome } from "./types.js";
import { deliverWebhook } from "./webhook-sender.js";

/** One authenticated request under `/api/v3/`. */
export interface ApiRequest {
  method: string;
  /** Path after `/api/v3/`, without the query. */
  route: string;
  query: URLSearchParams;
  body: RequestBody;
}

// First path segments that are endpoints, so a POST to them is never taken for a model id.
const RESERVED = new Set(["predictions", "media", "model", "models", "balance", "webhook"]);

const BASE64_WITH_WEBHOOK =
  "webhook callback does not support base64 output, please use the normal API to use base64 output";

/** Dispatches the REST API of the fake; the caller has already checked authentication. */
export async function handleApi(state: FakeState, request: ApiRequest, res: ServerResponse): Promise<void> {
  const { method, route } = request;
  const prediction = /^predictions\/([^/]+)(\/result)?$/.exec(route);

  if (method === "GET" && prediction?.[1]) return getPrediction(state, decodeURIComponent(prediction[1]), res);
  if (method === "GET" && route === "balance") return sendEnvelope(res, { balance: roundUsd(state.balanceUsd) });
  if (method === "GET" && route === "webhook/secret") return sendEnvelope(res, { secret: state.webhookSecret });
  if (method === "GET" && route === "models") return sendEnvelope(res, modelList());
  if (method === "POST" && route === "model/price") return quotePrice(request.body, res);
  if (method === "POST" && route === "media/upload/binary") return uploadBinary(state, request.body, res);
  if (method === "POST" && route === "media/uploads") return createUploadTicket(state, request.body, res);
  if (method === "POST" && route !== "" && !RESERVED.has(route.split("/")[0] ?? "")) {
    return submit(state, route.split("/").map(decodeURIComponent).join("/"), request, res);
  }
  sendError(res, 404, `fake-wavespeed has no ${method} /api/v3/${route}`);
}

function getPrediction(state: FakeState, id: string, res: ServerResponse): void {
  const task = state.tasks.get(id);
  if (!task) return sendError(res, 404, `prediction ${id} not found`);
  sendEnvelope(res, task.toPrediction());
}

function submit(state: FakeState, modelId: string, request: ApiRequest, res: ServerResponse): void {
  if (request.body.kind !== "json" || !isPlainObject(request.body.value)) {
    return sendError(res, 400, "request body must be a JSON object of model inputs");
  }
  const input = request.body.value;
  const webhookUrl = request.query.get("webhook") ?? undefined;

  const invalid = validateSubmit(modelId, input);
  if (invalid) return sendError(res, 400, invalid);
  if (webhookUrl !== undefined && !URL.canParse(webhookUrl)) return sendError(res, 400, "webhook must be an absolute URL");
  if (input["enable_base64_output"] === true && webhookUrl) {
    // The documented rejection uses this bare `{"error"}` shape instead of the envelope.
    return sendJson(res, 400, { error: BASE64_WITH_WEBHOOK });
  }
  for (const flag of ["enable_sync_mode", "enable_base64_output"]) {
    if (input[flag] === true) return sendError(res, 400, `fake-wavespeed does not implement ${flag}`);
  }

  const outcome = state.scriptedOutcomes.shift() ?? rollOutcome(state);
  const outputCount = Math.min(4, Math.max(1, Math.trunc(Number(input["num_images"])) || 1));
  const task = new FakeTaskRecord({
    id: randomUUID().replace(/-/g, ""),
    modelId,
    input,
    webhookUrl,
    outcome,
    nsfw: outcome === "completed" && state.random() < state.rates.nsfwRate,
    latencyMs: state.rates.latencyMs,
    outputCount,
    publicBaseUrl: state.publicBaseUrl,
    createdAt: new Date(),
  });
  state.tasks.set(task.id, task);

  let rendered: Promise<void> = Promise.resolve();
  if (outcome === "completed") {
    // Failed runs are refunded by Wavespeed, so only a successful one costs anything.
    const price = (findFakeModel(modelId)?.price(input) ?? 0) * outputCount;
    state.balanceUsd = Math.max(0, state.balanceUsd - price);
    rendered = state.background.track(
      renderTaskOutputs(task, { baseUrls: state.ownBaseUrls, media: state.media, tasks: state.tasks }),
    );
  }
  if (webhookUrl && outcome !== "never") {
    state.background.schedule(task.latencyMs, async () => {
      await rendered;
      // Timers may fire a millisecond before the wall clock says the latency has passed.
      while (task.status !== "completed" && task.status !== "failed") {
        if (state.background.signal.aborted) return;
        await sleep(2);
      }
      await deliverWebhook(task, state.webhookSecret, state.background.signal);
    });
  }
  sendEnvelope(res, task.toPrediction());
}

function rollOutcome(state: FakeState): FakeTaskOutcome {
  const roll = state.random();
  if (roll < state.rates.failureRate) return "failed";
  if (roll < state.rates.failureRate + state.rates.contentBlockRate) return "content_blocked";
  return "completed";
}

function quotePrice(body: RequestBody, res: ServerResponse): void {
  const value = body.kind === "json" && isPlainObject(body.value) ? body.value : {};
  const modelId = value["model_id"];
  if (typeof modelId !== "string" || modelId === "") return sendError(res, 400, "model_id is required");
  const model = findFakeModel(modelId);
  if (!model) return sendError(res, 400, `model not found: ${modelId}`);
  const inputs = isPlainObject(value["inputs"]) ? value["inputs"] : {};
  const price = roundUsd(model.price(inputs));
  sendEnvelope(res, { model_id: modelId, price, discounted_price: price, currency: "USD" });
}

function uploadBinary(state: FakeState, body: RequestBody, res: ServerResponse): void {
  if (body.kind !== "multipart" || !body.file) {
    return sendError(res, 400, 'expected multipart/form-data with a "file" field');
  }
  const { file } = body;
  const item = state.media.add(file.filename, file.contentType, file.bytes);
  sendEnvelope(res, {
    type: mediaType(file.contentType),
    download_url: `${state.publicBaseUrl}${MediaStore.pathOf(item)}`,
    filename: item.filename,
    size: file.bytes.length,
  });
}

/** Flow B of the reference (§7): a ticket, then a PUT of the bytes to the returned URL. */
function createUploadTicket(state: FakeState, body: RequestBody, res: ServerResponse): void {
  const value = body.kind === "json" && isPlainObject(body.value) ? body.value : {};
  const filename = value["filename"];
  if (typeof filename !== "string" || filename === "") return sendError(res, 400, "filename is required");
  const contentType = typeof value["content_type"] === "string" ? value["content_type"] : "application/octet-stream";
  const item = state.media.add(filename, contentType, undefined);
  sendEnvelope(res, {
    type: mediaType(contentType),
    download_url: `${state.publicBaseUrl}${MediaStore.pathOf(item)}`,
    filename: item.filename,
    size: typeof value["size"] === "number" ? value["size"] : 0,
    upload: { method: "PUT", url: `${state.publicBaseUrl}/upload/${item.id}`, headers: { "Content-Type": contentType } },
  });
}

function modelList(): unknown[] {
  return listFakeModels().map((model) => ({
    model_id: model.id,
    name: model.name,
    type: model.type,
    base_price: roundUsd(model.price({})),
    description: `${model.name} (offline fake)`,
  }));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Keeps float noise (0.1 - 0.038…) out of the answers. */
function roundUsd(usd: number): number {
  return Math.round(usd * 1_000_000) / 1_000_000;
}
