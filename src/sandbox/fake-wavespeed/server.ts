import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleApi } from "./api-routes.js";
import { BackgroundWork } from "./background-work.js";
import type { FakeTaskRecord } from "./fake-task.js";
import type { FakeState } from "./fake-state.js";
import { FaultInjector } from "./fault-injector.js";
import { assertFontPresent } from "./font.js";
import { BodyTooLargeError, readBody, sendError, sendRaw } from "./http-io.js";
import { MediaStore } from "./media-store.js";
import { decodeBody, recordedBody } from "./request-body.js";
import type { FakeTask, FakeWavespeed, FakeWavespeedOptions, RecordedRequest } from "./types.js";

/**
 * Starts an offline stand-in for the Wavespeed API on real HTTP, used when no WAVESPEED_API_KEY is
 * configured and by tests. It speaks the same paths, envelope and statuses as the real service, so the
 * production client runs against it unchanged; outputs are real PNGs that show the request.
 */
export async function startFakeWavespeed(opts: FakeWavespeedOptions = {}): Promise<FakeWavespeed> {
  await assertFontPresent();
  const faults = new FaultInjector();
  const requests: RecordedRequest[] = [];
  const tasks = new Map<string, FakeTaskRecord>();
  const background = new BackgroundWork();

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return res.destroy();
      if (err instanceof BodyTooLargeError) return sendError(res, 413, err.message);
      sendError(res, 500, `fake-wavespeed internal error: ${err instanceof Error ? err.message : String(err)}`);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const baseUrl = `http://${urlHost(opts.host ?? "127.0.0.1")}:${(server.address() as AddressInfo).port}`;
  const publicBaseUrl = (opts.publicBaseUrl ?? baseUrl).replace(/\/+$/, "");

  const state: FakeState = {
    publicBaseUrl,
    ownBaseUrls: [...new Set([baseUrl, publicBaseUrl])],
    apiKey: opts.apiKey,
    webhookSecret: opts.webhookSecret ?? `whsec_${randomBytes(24).toString("base64url")}`,
    rates: {
      latencyMs: opts.latencyMs ?? 1500,
      failureRate: opts.failureRate ?? 0,
      contentBlockRate: opts.contentBlockRate ?? 0,
      nsfwRate: opts.nsfwRate ?? 0,
    },
    balanceUsd: opts.balanceUsd ?? 100,
    random: opts.random ?? Math.random,
    tasks,
    media: new MediaStore(),
    scriptedOutcomes: [],
    background,
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", baseUrl);
    const raw = await readBody(req);
    const body = await decodeBody(raw, req.headers["content-type"]);
    requests.push({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: recordedHeaders(req),
      body: recordedBody(body),
      at: Date.now(),
    });

    const fault = faults.take(method, url.pathname);
    if (fault) return faults.apply(fault, req, res);

    const media = /^\/media\/([^/]+)\/[^/]+$/.exec(url.pathname);
    if (method === "GET" && media?.[1]) return serveMedia(media[1], res);
    const upload = /^\/upload\/([^/]+)$/.exec(url.pathname);
    if (method === "PUT" && upload?.[1]) return receivePut(upload[1], req, raw, res);
    const output = /^\/outputs\/([^/]+)\/(\d+)\.png$/.exec(url.pathname);
    if (method === "GET" && output?.[1] && output[2]) return serveOutput(output[1], Number(output[2]), res);

    if (url.pathname.startsWith("/api/")) {
      if (state.apiKey !== undefined && req.headers.authorization !== `Bearer ${state.apiKey}`) {
        return sendError(res, 401, "Unauthorized: invalid or missing API key");
      }
      if (url.pathname.startsWith("/api/v3/")) {
        const route = url.pathname.slice("/api/v3/".length).replace(/\/+$/, "");
        return handleApi(state, { method, route, query: url.searchParams, body }, res);
      }
    }
    sendError(res, 404, `fake-wavespeed has no ${method} ${url.pathname}`);
  }

  function serveMedia(id: string, res: ServerResponse): void {
    const item = state.media.get(id);
    if (!item?.bytes) return sendError(res, 404, "media not found");
    sendRaw(res, 200, item.bytes, item.contentType);
  }

  function receivePut(id: string, req: IncomingMessage, raw: Buffer, res: ServerResponse): void {
    const item = state.media.get(id);
    if (!item) return sendError(res, 404, "upload ticket not found");
    // Presigned storage URLs reject a second credential; the API key must never travel there.
    if (req.headers.authorization) return sendError(res, 400, "presigned upload must not carry an Authorization header");
    item.bytes = raw;
    sendRaw(res, 200, "", "text/plain");
  }

  function serveOutput(taskId: string, n: number, res: ServerResponse): void {
    const image = tasks.get(taskId)?.outputImage(n);
    if (!image) return sendError(res, 404, "output not found (not ready, or deleted after retention)");
    sendRaw(res, 200, image, "image/png");
  }

  return {
    baseUrl,
    webhookSecret: state.webhookSecret,
    requests,
    // The records implement the public FakeTask view; callers only read them.
    tasks: tasks as Map<string, FakeTask>,
    setBehavior(behavior) {
      const { balanceUsd, ...rates } = behavior;
      for (const [key, value] of Object.entries(rates)) {
        if (value !== undefined) state.rates[key as keyof typeof state.rates] = value;
      }
      if (balanceUsd !== undefined) state.balanceUsd = balanceUsd;
    },
    injectFault(match, fault, count = 1) {
      faults.add(match, fault, count);
    },
    scriptNextTasks(outcomes) {
      state.scriptedOutcomes.push(...outcomes);
    },
    deleteOutputs() {
      for (const task of tasks.values()) task.deleteOutputs();
    },
    async stop() {
      faults.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await background.stop();
      await closed;
    },
  };
}

function recordedHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  // Recorded requests end up in test output and sandbox logs: keep the key out of them.
  if (headers["authorization"] !== undefined) {
    headers["authorization"] = headers["authorization"].startsWith("Bearer ") ? "Bearer ***" : "***";
  }
  return headers;
}

function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}
