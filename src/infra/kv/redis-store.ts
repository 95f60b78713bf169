import { Redis } from "ioredis";
import type { KeyValueStore } from "./key-value-store.js";

const INCREMENT_WINDOW = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

const DELETE_IF_EQUALS = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

// A stored value that is not a JSON object with a numeric version (an old format, a foreign value) is replaced.
const SET_UNLESS_NEWER = `
local current = redis.call('GET', KEYS[1])
if current then
  local ok, decoded = pcall(cjson.decode, current)
  if ok and type(decoded) == 'table' then
    local stored = tonumber(decoded[ARGV[2]])
    if stored and stored > tonumber(ARGV[3]) then return 0 end
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[4])
return 1`;

export interface RedisStoreOptions {
  url: string;
  /** Prefix for every key and channel, so tests (and several deployments) can share one server. */
  prefix?: string;
}

/**
 * KeyValueStore on Redis, shared by every process of a deployment. Commands wait in ioredis' offline
 * queue while the connection is down and fail after a bounded number of retries, so a Redis restart
 * slows requests down instead of crashing the process.
 */
export class RedisStore implements KeyValueStore {
  readonly kind = "redis" as const;
  private readonly client: Redis;
  private subscriber: Redis | undefined;
  private readonly handlers = new Map<string, Set<(message: string) => void>>();
  private readonly prefix: string;

  constructor(options: RedisStoreOptions) {
    this.prefix = options.prefix ?? "bp:";
    this.client = new Redis(options.url, { maxRetriesPerRequest: 3, enableAutoPipelining: true, lazyConnect: false });
    this.client.on("error", () => undefined);
  }

  private k(key: string): string {
    return this.prefix + key;
  }

  async get(key: string): Promise<string | null> {
    return this.client.get(this.k(key));
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    if (ttlMs === undefined) await this.client.set(this.k(key), value);
    else await this.client.set(this.k(key), value, "PX", Math.max(1, Math.round(ttlMs)));
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    const result = await this.client.set(this.k(key), value, "PX", Math.max(1, Math.round(ttlMs)), "NX");
    return result === "OK";
  }

  async setUnlessNewer(key: string, json: string, versionField: string, version: number, ttlMs: number): Promise<boolean> {
    const ttl = String(Math.max(1, Math.round(ttlMs)));
    const set = await this.client.eval(SET_UNLESS_NEWER, 1, this.k(key), json, versionField, String(version), ttl);
    return Number(set) === 1;
  }

  async del(key: string): Promise<void> {
    await this.client.del(this.k(key));
  }

  async delIfEquals(key: string, value: string): Promise<boolean> {
    const removed = await this.client.eval(DELETE_IF_EQUALS, 1, this.k(key), value);
    return Number(removed) === 1;
  }

  async incrementWindow(key: string, windowMs: number): Promise<number> {
    const n = await this.client.eval(INCREMENT_WINDOW, 1, this.k(key), String(Math.max(1, Math.round(windowMs))));
    return Number(n);
  }

  async appendToList(key: string, value: string, ttlMs: number): Promise<number> {
    const result = await this.client
      .multi()
      .rpush(this.k(key), value)
      .pexpire(this.k(key), Math.max(1, Math.round(ttlMs)))
      .exec();
    return Number(result?.[0]?.[1] ?? 0);
  }

  async readList(key: string): Promise<string[]> {
    return this.client.lrange(this.k(key), 0, -1);
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.client.publish(this.k(channel), message);
  }

  async subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>> {
    const subscriber = await this.subscriberConnection();
    const full = this.k(channel);
    let set = this.handlers.get(full);
    if (!set) {
      set = new Set();
      this.handlers.set(full, set);
      await subscriber.subscribe(full);
    }
    set.add(onMessage);
    return async () => {
      const current = this.handlers.get(full);
      current?.delete(onMessage);
      if (current && current.size === 0) {
        this.handlers.delete(full);
        await subscriber.unsubscribe(full).catch(() => undefined);
      }
    };
  }

  private async subscriberConnection(): Promise<Redis> {
    if (this.subscriber) return this.subscriber;
    const subscriber = this.client.duplicate();
    subscriber.on("error", () => undefined);
    subscriber.on("message", (channel: string, message: string) => {
      for (const handler of this.handlers.get(channel) ?? []) handler(message);
    });
    this.subscriber = subscriber;
    return subscriber;
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  async close(): Promise<void> {
    await this.subscriber?.quit().catch(() => undefined);
    await this.client.quit().catch(() => undefined);
  }
}
