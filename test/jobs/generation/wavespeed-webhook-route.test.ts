import { describe, expect, it } from "vitest";
import { createHttpServer } from "../../../src/http/server.js";
import { cachedWebhookSecret, registerWavespeedWebhookRoute, WAVESPEED_WEBHOOK_PATH } from "../../../src/http/routes/wavespeed-webhook.js";
import { createErrorReporter } from "../../../src/infra/error-reporter.js";
import { createMetrics } from "../../../src/infra/metrics.js";
import { signWavespeedWebhook } from "../../../src/providers/wavespeed/index.js";
import { collectingLogger } from "../../support/collecting-logger.js";

const SECRET = "whsec_test-secret-for-the-route";

async function server(options: { verify?: "strict" | "log"; secret?: () => Promise<string> } = {}) {
  const { logger, lines } = collectingLogger([]);
  const http = createHttpServer({ logger, metrics: createMetrics(), errors: createErrorReporter(undefined, []) });
  const changed: string[] = [];
  registerWavespeedWebhookRoute(http, {
    secret: options.secret ?? (async () => SECRET),
    verify: options.verify ?? "strict",
    onTaskChanged: async (taskId) => {
      changed.push(taskId);
      return taskId === "unknown" ? "unknown_task" : "polling";
    },
    logger,
    metrics: createMetrics(),
  });
  // Another JSON route still gets parsed JSON: the raw parser is scoped to the webhook.
  http.post("/echo", async (request) => request.body);
  await http.ready();
  return { http, changed, lines };
}

/** Deliberately not re-serialised: spacing and key order must survive to the signature check. */
const RAW = '{ "id": "task-1",  "status": "completed", "outputs": ["https://cdn.example/x.png"] }';

function signed(body: string, secret = SECRET) {
  return signWavespeedWebhook({ id: "evt_1", timestamp: Math.floor(Date.now() / 1000), rawBody: body, secret });
}

describe("Wavespeed webhook route", () => {
  it("verifies the signature over the raw bytes and polls the task's generation", async () => {
    const { http, changed } = await server();
    const response = await http.inject({ method: "POST", url: WAVESPEED_WEBHOOK_PATH, headers: { ...signed(RAW), "content-type": "application/json" }, payload: RAW });
    expect(response.statusCode).toBe(200);
    expect(changed).toEqual(["task-1"]);
    const echo = await http.inject({ method: "POST", url: "/echo", payload: { a: 1 } });
    expect(echo.json()).toEqual({ a: 1 });
    await http.close();
  });

  it("strict: a bad or missing signature is refused and nothing is polled", async () => {
    const { http, changed } = await server();
    const forged = await http.inject({ method: "POST", url: WAVESPEED_WEBHOOK_PATH, headers: { ...signed(RAW, "whsec_other"), "content-type": "application/json" }, payload: RAW });
    const unsigned = await http.inject({ method: "POST", url: WAVESPEED_WEBHOOK_PATH, headers: { "content-type": "application/json" }, payload: RAW });
    expect([forged.statusCode, unsigned.statusCode]).toEqual([401, 401]);
    expect(changed).toEqual([]);
    await http.close();
  });

  it("log: a bad signature is logged and the webhook still triggers a poll (it can do no more than that)", async () => {
    const { http, changed, lines } = await server({ verify: "log" });
    const response = await http.inject({ method: "POST", url: WAVESPEED_WEBHOOK_PATH, headers: { "content-type": "application/json" }, payload: RAW });
    expect(response.statusCode).toBe(200);
    expect(changed).toEqual(["task-1"]);
    expect(lines.some((line) => line.includes("missing_headers"))).toBe(true);
    await http.close();
  });

  it("answers 400 for a body without a task, 200 for an unknown task, 503 while the secret is unavailable", async () => {
    const { http } = await server();
    const empty = "{}";
    expect((await http.inject({ method: "POST", url: WAVESPEED_WEBHOOK_PATH, headers: signed(empty), payload: empty })).statusCode).toBe(400);
    const unknown = JSON.stringify({ id: "unknown", status: "completed" });
    expect((await http.inject({ method: "POST", url: WAVESPEED_WEBHOOK_PATH, headers: signed(unknown), payload: unknown })).statusCode).toBe(200);
    await http.close();

    let calls = 0;
    const flaky = await server({
      secret: cachedWebhookSecret(async () => {
        calls++;
        if (calls === 1) throw new Error("provider down");
        return SECRET;
      }),
    });
    const request = { method: "POST" as const, url: WAVESPEED_WEBHOOK_PATH, headers: signed(RAW), payload: RAW };
    expect((await flaky.http.inject(request)).statusCode).toBe(503);
    expect((await flaky.http.inject(request)).statusCode).toBe(200);
    expect((await flaky.http.inject(request)).statusCode).toBe(200);
    expect(calls).toBe(2);
    await flaky.http.close();
  });
});
