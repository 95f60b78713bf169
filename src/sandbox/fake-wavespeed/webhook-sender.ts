import { randomUUID } from "node:crypto";
import { signWavespeedWebhook } from "../../providers/wavespeed/webhook-signature.js";
import type { FakeTaskRecord } from "./fake-task.js";

const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * POSTs the task's bare prediction to its webhook URL, signed the way Wavespeed documents, once.
 * Wavespeed's retry policy is undocumented, so the fake does not retry; the outcome is recorded on
 * the task for assertions and debugging.
 */
export async function deliverWebhook(task: FakeTaskRecord, secret: string, stopSignal: AbortSignal): Promise<void> {
  if (!task.webhookUrl) return;
  const rawBody = JSON.stringify(task.toWebhookPayload());
  const headers = signWavespeedWebhook({
    id: randomUUID(),
    timestamp: Math.floor(Date.now() / 1000),
    rawBody,
    secret,
  });
  const at = Date.now();
  try {
    const response = await fetch(task.webhookUrl, {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/json", "User-Agent": "fake-wavespeed-webhook" },
      body: rawBody,
      signal: AbortSignal.any([stopSignal, AbortSignal.timeout(DELIVERY_TIMEOUT_MS)]),
    });
    // Drain the answer so the connection is released.
    await response.arrayBuffer();
    task.webhookDeliveries.push({ at, status: response.status });
  } catch (err) {
    task.webhookDeliveries.push({ at, error: err instanceof Error ? err.message : String(err) });
  }
}
