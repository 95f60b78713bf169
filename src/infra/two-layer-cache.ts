import { LRUCache } from "lru-cache";
import type { KeyValueStore } from "./kv/index.js";

export interface TwoLayerCacheOptions {
  /** Separates this cache's keys and invalidation messages from other caches. */
  namespace: string;
  /** Lifetime in the shared layer (Redis). */
  ttlMs: number;
  /** Lifetime in this process; short, since another process may change the value between invalidations. */
  localTtlMs?: number;
  maxLocalEntries?: number;
}

const INVALIDATION_CHANNEL = "cache-invalidate";

/**
 * Hot reads (user profiles, model catalog, prices) served from an in-process LRU in front of the shared
 * store. A write anywhere calls `invalidate`, which clears the shared copy and tells every process to
 * drop its local copy, so no process keeps serving a stale value after a change.
 */
export class TwoLayerCache<T> {
  private readonly local: LRUCache<string, { value: T }>;
  private unsubscribe: (() => Promise<void>) | undefined;

  constructor(
    private readonly kv: KeyValueStore,
    private readonly options: TwoLayerCacheOptions,
  ) {
    this.local = new LRUCache({ max: options.maxLocalEntries ?? 10_000, ttl: options.localTtlMs ?? 30_000 });
  }

  /** Listens for invalidations from other processes; call once at start. */
  async start(): Promise<void> {
    if (this.unsubscribe) return;
    this.unsubscribe = await this.kv.subscribe(INVALIDATION_CHANNEL, (message) => {
      const separator = message.indexOf("|");
      if (message.slice(0, separator) === this.options.namespace) this.local.delete(message.slice(separator + 1));
    });
  }

  async stop(): Promise<void> {
    await this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private sharedKey(key: string): string {
    return `cache:${this.options.namespace}:${key}`;
  }

  /** Returns the cached value or loads, stores and returns it; `undefined` from the loader is not cached. */
  async get(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    const hit = this.local.get(key);
    if (hit) return hit.value;
    const shared = await this.kv.get(this.sharedKey(key)).catch(() => null);
    if (shared !== null) {
      const value = JSON.parse(shared) as T;
      this.local.set(key, { value });
      return value;
    }
    const loaded = await load();
    if (loaded !== undefined) await this.set(key, loaded);
    return loaded;
  }

  /** Reads only what is cached, without loading. */
  peekLocal(key: string): T | undefined {
    return this.local.get(key)?.value;
  }

  async set(key: string, value: T): Promise<void> {
    this.local.set(key, { value });
    // The shared layer is an optimisation: if Redis is briefly away the value is still correct locally.
    await this.kv.set(this.sharedKey(key), JSON.stringify(value), this.options.ttlMs).catch(() => undefined);
  }

  async invalidate(key: string): Promise<void> {
    this.local.delete(key);
    await this.kv.del(this.sharedKey(key)).catch(() => undefined);
    await this.kv.publish(INVALIDATION_CHANNEL, `${this.options.namespace}|${key}`).catch(() => undefined);
  }
}
