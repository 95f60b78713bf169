import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signWavespeedWebhook } from "../../../src/providers/wavespeed/index.js";
import { freePort } from "../../support/free-port.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { waitUntil } from "../../support/wait.js";
import { createGeneration, documentsSentTo, moneyOf, newUser, settled, startGenerationApp, submitsSeen, type GenerationApp } from "./harness.js";

describe.each(TEST_TARGETS)("Wavespeed webhooks on $name", (target) => {
  let app: GenerationApp;
  let publicUrl: string;
  beforeAll(async () => {
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    // Slow enough that the chain polls at 2, 5 and 10 s: only the webhook can deliver it at about 5.5 s.
    app = await startGenerationApp(target, { env: { HTTP_PORT: String(port), PUBLIC_URL: publicUrl }, fake: { latencyMs: 5500 } });
  });
  afterAll(async () => {
    await app?.stop();
  });

  const webhookUrl = () => `${publicUrl}/providers/wavespeed/webhook`;

  async function postWebhook(body: string, secret = app.fake.webhookSecret): Promise<number> {
    const headers = signWavespeedWebhook({ id: `evt_${Date.now()}`, timestamp: Math.floor(Date.now() / 1000), rawBody: body, secret });
    const response = await fetch(webhookUrl(), { method: "POST", headers: { ...headers, "content-type": "application/json" }, body });
    await response.arrayBuffer();
    return response.status;
  }

  it("a signed webhook short-circuits polling; duplicate and late deliveries change nothing", async () => {
    const { h, fake } = app;
    const user = await newUser(h, 400);
    const generation = await createGeneration(h, user);
    const row = await settled(h, generation.id, 15_000);
    expect(row.status).toBe("delivered");

    const task = fake.tasks.get(row.providerTaskId!)!;
    const [submit] = submitsSeen(fake).filter((r) => (r.body as { prompt?: string }).prompt === row.prompt);
    expect(submit!.query["webhook"]).toBe(webhookUrl());
    await waitUntil(() => task.webhookDeliveries.length > 0, "the fake delivered the webhook");
    expect(task.webhookDeliveries[0]!.status).toBe(200);
    // Delivered by the webhook-triggered poll, not by the chain poll due 10 s after the submit.
    expect(row.deliveredAt!.getTime() - row.submittedAt!.getTime()).toBeLessThan(9000);

    const payload = JSON.stringify({ id: task.id, model: task.modelId, status: task.status, outputs: task.outputs, has_nsfw_contents: [false], error: "" });
    expect(await postWebhook(payload)).toBe(200);
    expect(await postWebhook(payload)).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(documentsSentTo(h, user.telegramId)).toHaveLength(1);
    expect(await moneyOf(h, user, row.id)).toMatchObject({ balance: 250, charges: 1, refunds: 0 });
  });

  it("refuses a webhook whose signature does not verify (WAVESPEED_WEBHOOK_VERIFY=strict), and one for an unknown task is acknowledged", async () => {
    const body = JSON.stringify({ id: "0123456789abcdef", status: "completed", outputs: [] });
    expect(await postWebhook(body, "whsec_not-the-secret")).toBe(401);
    expect(await postWebhook(body)).toBe(200);
    expect(app.h.logLines.some((line) => line.includes("Wavespeed webhook for a task we do not know"))).toBe(true);
  });
});
