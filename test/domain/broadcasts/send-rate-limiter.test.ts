import { AsyncLocalStorage } from "node:async_hooks";
import { afterAll, describe, expect, it } from "vitest";
import { SendRateLimiter } from "../../../src/domain/broadcasts/send-rate-limiter.js";
import { createKeyValueStore, type KeyValueStore } from "../../../src/infra/kv/index.js";
import { MemoryStore } from "../../../src/infra/kv/memory-store.js";
import { TEST_TARGETS, uniquePrefix } from "../../support/targets.js";

const stores: Array<{ name: string; make(): KeyValueStore }> = [{ name: "memory", make: () => new MemoryStore() }];
const redisUrl = TEST_TARGETS.find((t) => t.redisUrl)?.redisUrl;
if (redisUrl) {
  const prefix = uniquePrefix();
  stores.push({ name: "redis", make: () => createKeyValueStore(redisUrl, prefix) });
}

/** How many permits were granted in each wall-clock second. */
function perSecond(times: number[]): Map<number, number> {
  const buckets = new Map<number, number>();
  for (const t of times) buckets.set(Math.floor(t / 1000), (buckets.get(Math.floor(t / 1000)) ?? 0) + 1);
  return buckets;
}

describe.each(stores)("the shared send rate on $name", ({ make }) => {
  const opened: KeyValueStore[] = [];
  afterAll(async () => {
    for (const kv of opened) await kv.close();
  });

  it("two workers sharing the store never exceed the rate together, in any second", async () => {
    const kv = make();
    opened.push(kv);
    const rate = 10;
    // The limiter's last reading of the clock in acquire() is the moment it let the send go; each lane
    // notes its own, so a permit is counted in the second it was granted in, not in the one a busy event
    // loop got round to resuming the lane in.
    const lastReading = new AsyncLocalStorage<{ at: number }>();
    const now = () => {
      const at = Date.now();
      const lane = lastReading.getStore();
      if (lane !== undefined) lane.at = at;
      return at;
    };
    const workers = [new SendRateLimiter({ kv, ratePerSecond: rate, now }), new SendRateLimiter({ kv, ratePerSecond: rate, now })];
    const granted: number[] = [];
    const signal = new AbortController().signal;
    // 4 lanes per worker, 36 permits in all: at 10/s that is at least three full seconds.
    let left = 36;
    const lane = (limiter: SendRateLimiter) =>
      lastReading.run({ at: 0 }, async () => {
        while (left > 0) {
          left--;
          const permit = await limiter.acquire(signal, 10_000);
          expect(permit.kind).toBe("go");
          granted.push(lastReading.getStore()!.at);
        }
      });
    const started = Date.now();
    await Promise.all(workers.flatMap((w) => [lane(w), lane(w), lane(w), lane(w)]));
    expect(granted).toHaveLength(36);
    for (const [, count] of perSecond(granted)) expect(count).toBeLessThanOrEqual(rate);
    expect(Date.now() - started).toBeGreaterThan(2000);
  }, 20_000);

  it("a 429 pause stops every worker until it ends, and a long one is handed back to the caller", async () => {
    const kv = make();
    opened.push(kv);
    const a = new SendRateLimiter({ kv, ratePerSecond: 50 });
    const b = new SendRateLimiter({ kv, ratePerSecond: 50 });
    const signal = new AbortController().signal;
    // Taken before the pause is asked for: the pause runs 1.2 s from a moment no earlier than this.
    const pausedAt = Date.now();
    await a.pause(1200);
    expect(await b.acquire(signal, 100)).toMatchObject({ kind: "paused" });
    expect(await b.acquire(signal, 5000)).toEqual({ kind: "go" });
    expect(Date.now() - pausedAt).toBeGreaterThanOrEqual(1150);
    // A shorter pause never shortens a longer one.
    const longPauseFrom = Date.now();
    await a.pause(3000);
    await b.pause(100);
    expect(await a.pausedUntil()).toBeGreaterThanOrEqual(longPauseFrom + 3000);
    const controller = new AbortController();
    const waiting = a.acquire(controller.signal, 10_000);
    controller.abort();
    expect(await waiting).toEqual({ kind: "aborted" });
  }, 20_000);
});

describe("a permit whose moment passed while it was being granted", () => {
  it("is dropped when the last check with the store itself takes the send past its second's span", async () => {
    // A store slow to answer at the worst moment: the clock runs from the start of a second, and the pause
    // check right before the permit would be granted moves it 850 ms on (past the 750 ms span).
    const origin = 1_000_000_000_000 - Date.now(); // the clock reads exactly a second's start now
    let jumped = 0;
    const clock = () => Date.now() + origin + jumped;
    const store = new MemoryStore();
    let pauseChecks = 0;
    const slowStore = new Proxy(store, {
      get(target, property, receiver) {
        if (property === "get") {
          return async (key: string) => {
            pauseChecks++;
            if (pauseChecks === 2) jumped = 850;
            return target.get(key);
          };
        }
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const limiter = new SendRateLimiter({ kv: slowStore, ratePerSecond: 10, now: clock });
    const ticketSecond = Math.floor(clock() / 1000);
    const permit = await limiter.acquire(new AbortController().signal, 10_000);
    expect(permit.kind).toBe("go");
    // Granted only after a new round in the next second: the late ticket was not used.
    expect(Math.floor(clock() / 1000)).toBeGreaterThan(ticketSecond);
    expect(pauseChecks).toBeGreaterThan(2);
    await store.close();
  });
});
