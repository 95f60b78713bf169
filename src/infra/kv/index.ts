import type { KeyValueStore } from "./key-value-store.js";
import { MemoryStore } from "./memory-store.js";
import { RedisStore } from "./redis-store.js";

export type { KeyValueStore } from "./key-value-store.js";
export { MemoryStore } from "./memory-store.js";
export { RedisStore } from "./redis-store.js";

/** Redis when a URL is configured, otherwise the single-process in-memory store. */
export function createKeyValueStore(redisUrl: string | undefined, prefix?: string): KeyValueStore {
  return redisUrl ? new RedisStore({ url: redisUrl, ...(prefix ? { prefix } : {}) }) : new MemoryStore();
}
