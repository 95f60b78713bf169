import { randomUUID } from "node:crypto";
import type { KeyValueStore } from "../../infra/kv/index.js";

/**
 * Longer than any one step takes (uploads, a 30 s submit, a download and a send), so the lock never
 * expires under a live holder; short enough that a crashed holder delays a generation by at most this.
 */
const LOCK_TTL_MS = 120_000;

/**
 * One worker at a time per generation (a poll, a retried job, the sweeper and a webhook-triggered
 * poll may all want the same one). The compare-and-set status transitions already make every step
 * safe to run twice; the lock keeps two processes from both downloading and sending the same result.
 *
 * @returns the callback's result, or `busy` when someone else holds the lock.
 */
export async function withGenerationLock<T>(kv: KeyValueStore, generationId: number, fn: () => Promise<T>): Promise<T | "busy"> {
  const key = `generation:lock:${generationId}`;
  const token = randomUUID();
  if (!(await kv.setIfAbsent(key, token, LOCK_TTL_MS))) return "busy";
  try {
    return await fn();
  } finally {
    await kv.delIfEquals(key, token);
  }
}
