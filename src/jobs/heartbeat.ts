import type { KeyValueStore } from "../infra/kv/index.js";
import type { JobQueue } from "./job-queue.js";
import { QUEUES } from "./queues.js";

const LAST_HEARTBEAT_KEY = "jobs:last-heartbeat";

/**
 * A job that does nothing but record when it ran. It is scheduled every minute, so a recent
 * timestamp proves that enqueueing, scheduling and consuming all work end to end.
 */
export async function registerHeartbeat(queue: JobQueue, kv: KeyValueStore, now: () => number = Date.now): Promise<void> {
  await queue.work(QUEUES.heartbeat, async () => {
    await kv.set(LAST_HEARTBEAT_KEY, String(now()));
  });
  await queue.schedule(QUEUES.heartbeat, "* * * * *");
  await queue.send(QUEUES.heartbeat, {});
}

export async function lastHeartbeatAt(kv: KeyValueStore): Promise<number | undefined> {
  const value = await kv.get(LAST_HEARTBEAT_KEY);
  return value === null ? undefined : Number(value);
}
