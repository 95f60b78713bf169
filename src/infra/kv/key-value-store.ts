/**
 * The small shared-state interface behind sessions, rate limits, locks, album buffers and cache
 * invalidation. Redis implements it across processes; the in-memory version is valid for one process.
 */
export interface KeyValueStore {
  readonly kind: "redis" | "memory";
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** Sets only if absent; true when this call set it (a lock, a once-only marker). */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /**
   * Sets a JSON object unless the key holds one whose numeric `versionField` is higher, in one atomic
   * step: a writer holding an older copy of a row can then never replace a newer one. True when set.
   */
  setUnlessNewer(key: string, json: string, versionField: string, version: number, ttlMs: number): Promise<boolean>;
  del(key: string): Promise<void>;
  /** Deletes only when the value still matches (releasing a lock we hold, not someone else's). */
  delIfEquals(key: string, value: string): Promise<boolean>;
  /** Increments a counter, starting its expiry with the first increment; returns the new value. */
  incrementWindow(key: string, windowMs: number): Promise<number>;
  /** Appends to a list and (re)sets the list's expiry; returns the new length. */
  appendToList(key: string, value: string, ttlMs: number): Promise<number>;
  readList(key: string): Promise<string[]>;
  publish(channel: string, message: string): Promise<void>;
  /** Subscribes; the returned function unsubscribes. */
  subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
