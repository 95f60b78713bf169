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
 * store. A change anywhere calls `invalidate` or `write`: the shared copy is dropped or replaced, and
 * every process is told to drop its local copy, so no process keeps serving a stale value after a change.
 */
export class TwoLayerCache<T> {
  private readonly local: LRUCache<string, { value: T }>;
  private unsubscribe: (() => Promise<void>) | undefined;
  /**
   * Reads in flight, by key. An invalidation of the key marks them stale: what they read may predate the
   * change, so it is returned to their caller but kept in neither layer.
   */
  private readonly reads = new Map<string, Set<{ stale: boolean }>>();
  private versionField: (keyof T & string) | undefined;

  constructor(
    private readonly kv: KeyValueStore,
    private readonly options: TwoLayerCacheOptions,
  ) {
    this.local = new LRUCache({ max: options.maxLocalEntries ?? 10_000, ttl: options.localTtlMs ?? 30_000 });
  }

  /**
   * Names a numeric field of the value that grows with every change at the source (a row's update
   * time). From then on the shared copy is only replaced by one at least as new, so two processes storing
   * what they read or wrote at nearly the same moment cannot leave the older copy behind. Called by the
   * cache's owner, which knows what its values are.
   */
  orderBy(field: keyof T & string): void {
    this.versionField = field;
  }

  /** Listens for invalidations from other processes; call once at start. */
  async start(): Promise<void> {
    if (this.unsubscribe) return;
    this.unsubscribe = await this.kv.subscribe(INVALIDATION_CHANNEL, (message) => {
      const separator = message.indexOf("|");
      if (message.slice(0, separator) === this.options.namespace) this.changed(message.slice(separator + 1));
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
    const read = this.beginRead(key);
    try {
      const shared = await this.kv.get(this.sharedKey(key)).catch(() => null);
      if (shared !== null) {
        const value = JSON.parse(shared) as T;
        if (!read.stale) this.local.set(key, { value });
        return value;
      }
      const loaded = await load();
      if (loaded !== undefined) await this.store(key, loaded, read);
      return loaded;
    } finally {
      this.endRead(key, read);
    }
  }

  /**
   * Reads the value from its source whatever is cached (the loader may change the source too, like an
   * upsert) and stores it. Returns what the loader returned, even when a newer copy kept it out of the cache.
   */
  async refresh(key: string, load: () => Promise<T>): Promise<T> {
    const read = this.beginRead(key);
    try {
      const loaded = await load();
      await this.store(key, loaded, read);
      return loaded;
    } finally {
      this.endRead(key, read);
    }
  }

  /** Reads only what is cached, without loading. */
  peekLocal(key: string): T | undefined {
    return this.local.get(key)?.value;
  }

  async set(key: string, value: T): Promise<void> {
    const read = this.beginRead(key);
    try {
      await this.store(key, value, read);
    } finally {
      this.endRead(key, read);
    }
  }

  /**
   * For the writer of a change, with the value the source returned: the shared copy is replaced instead
   * of dropped, so no process has to go back to the source for it, and every process drops its local
   * copy and picks the new one up from the shared layer.
   */
  async write(key: string, value: T): Promise<void> {
    this.changed(key);
    await this.putShared(key, value).catch(() => this.kv.del(this.sharedKey(key)).catch(() => undefined));
    await this.publishInvalidation(key);
  }

  async invalidate(key: string): Promise<void> {
    this.changed(key);
    await this.kv.del(this.sharedKey(key)).catch(() => undefined);
    await this.publishInvalidation(key);
  }

  /** The value changed at its source: drop the local copy, and anything a read in flight is bringing. */
  private changed(key: string): void {
    this.local.delete(key);
    for (const read of this.reads.get(key) ?? []) read.stale = true;
  }

  private beginRead(key: string): { stale: boolean } {
    const read = { stale: false };
    const reads = this.reads.get(key);
    if (reads) reads.add(read);
    else this.reads.set(key, new Set([read]));
    return read;
  }

  private endRead(key: string, read: { stale: boolean }): void {
    const reads = this.reads.get(key);
    reads?.delete(read);
    if (reads?.size === 0) this.reads.delete(key);
  }

  /**
   * Keeps a value in both layers unless its key changed since it was read; locally only when the shared
   * layer did not hold a newer version either.
   */
  private async store(key: string, value: T, read: { stale: boolean }): Promise<void> {
    if (read.stale) return;
    // The shared layer is an optimisation: if Redis is briefly away the value is still correct locally.
    const stored = await this.putShared(key, value).catch(() => true);
    if (stored && !read.stale) this.local.set(key, { value });
  }

  /** True when the shared copy is now this value; false when it already held a newer version. */
  private async putShared(key: string, value: T): Promise<boolean> {
    const json = JSON.stringify(value);
    const field = this.versionField;
    const version = field === undefined ? undefined : value[field];
    if (field === undefined || typeof version !== "number") {
      await this.kv.set(this.sharedKey(key), json, this.options.ttlMs);
      return true;
    }
    return this.kv.setUnlessNewer(this.sharedKey(key), json, field, version, this.options.ttlMs);
  }

  private async publishInvalidation(key: string): Promise<void> {
    await this.kv.publish(INVALIDATION_CHANNEL, `${this.options.namespace}|${key}`).catch(() => undefined);
  }
}
