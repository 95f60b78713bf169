import { EventEmitter } from "node:events";
import type { KeyValueStore } from "./key-value-store.js";

interface Entry {
  value: string | string[];
  expiresAt: number | undefined;
}

/** Single-process KeyValueStore for the embedded mode and unit tests. */
export class MemoryStore implements KeyValueStore {
  readonly kind = "memory" as const;
  private readonly entries = new Map<string, Entry>();
  private readonly bus = new EventEmitter();
  private sweeps = 0;

  constructor(private readonly now: () => number = Date.now) {
    this.bus.setMaxListeners(0);
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private put(key: string, value: string | string[], ttlMs: number | undefined): void {
    this.entries.set(key, { value, expiresAt: ttlMs === undefined ? undefined : this.now() + ttlMs });
    // Expired keys are only dropped when read; sweep now and then so abandoned ones do not pile up.
    if (++this.sweeps % 1000 === 0) {
      for (const k of [...this.entries.keys()]) this.live(k);
    }
  }

  async get(key: string): Promise<string | null> {
    const entry = this.live(key);
    return typeof entry?.value === "string" ? entry.value : null;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.put(key, value, ttlMs);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(key)) return false;
    this.put(key, value, ttlMs);
    return true;
  }

  async setUnlessNewer(key: string, json: string, versionField: string, version: number, ttlMs: number): Promise<boolean> {
    const current = this.live(key)?.value;
    if (typeof current === "string" && storedVersion(current, versionField) > version) return false;
    this.put(key, json, ttlMs);
    return true;
  }

  async del(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async delIfEquals(key: string, value: string): Promise<boolean> {
    const entry = this.live(key);
    if (entry?.value !== value) return false;
    this.entries.delete(key);
    return true;
  }

  async incrementWindow(key: string, windowMs: number): Promise<number> {
    const entry = this.live(key);
    if (!entry) {
      this.put(key, "1", windowMs);
      return 1;
    }
    const next = Number(entry.value) + 1;
    entry.value = String(next);
    return next;
  }

  async appendToList(key: string, value: string, ttlMs: number): Promise<number> {
    const entry = this.live(key);
    const list = Array.isArray(entry?.value) ? [...entry.value, value] : [value];
    this.put(key, list, ttlMs);
    return list.length;
  }

  async readList(key: string): Promise<string[]> {
    const entry = this.live(key);
    return Array.isArray(entry?.value) ? [...entry.value] : [];
  }

  async publish(channel: string, message: string): Promise<void> {
    this.bus.emit(channel, message);
  }

  async subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>> {
    this.bus.on(channel, onMessage);
    return async () => {
      this.bus.off(channel, onMessage);
    };
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.entries.clear();
    this.bus.removeAllListeners();
  }
}

/** The version a stored JSON object carries; anything unreadable counts as older than every version. */
function storedVersion(json: string, field: string): number {
  try {
    const value: unknown = (JSON.parse(json) as Record<string, unknown>)[field];
    return typeof value === "number" ? value : -Infinity;
  } catch {
    return -Infinity;
  }
}
