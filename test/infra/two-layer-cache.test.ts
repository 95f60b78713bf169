import { afterAll, describe, expect, it } from "vitest";
import { MemoryStore, RedisStore, type KeyValueStore } from "../../src/infra/kv/index.js";
import { TwoLayerCache } from "../../src/infra/two-layer-cache.js";
import { uniquePrefix } from "../support/targets.js";

const redisUrl = process.env.TEST_REDIS_URL;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Two "processes": with Redis each has its own connection; in memory they share one store. */
function pair(): Array<[string, () => [KeyValueStore, KeyValueStore]]> {
  const out: Array<[string, () => [KeyValueStore, KeyValueStore]]> = [
    [
      "memory",
      () => {
        const s = new MemoryStore();
        return [s, s];
      },
    ],
  ];
  if (redisUrl) {
    out.push([
      "redis",
      () => {
        const prefix = uniquePrefix();
        return [new RedisStore({ url: redisUrl, prefix }), new RedisStore({ url: redisUrl, prefix })];
      },
    ]);
  }
  return out;
}

describe.each(pair())("TwoLayerCache on %s", (_name, make) => {
  const [storeA, storeB] = make();
  const a = new TwoLayerCache<{ v: number }>(storeA, { namespace: "t", ttlMs: 10_000, localTtlMs: 60_000 });
  const b = new TwoLayerCache<{ v: number }>(storeB, { namespace: "t", ttlMs: 10_000, localTtlMs: 60_000 });
  afterAll(async () => {
    await a.stop();
    await b.stop();
    await storeA.close();
    if (storeB !== storeA) await storeB.close();
  });

  it("loads once, then serves from the cache", async () => {
    await a.start();
    await b.start();
    let loads = 0;
    const load = async () => ({ v: ++loads });
    expect(await a.get("k", load)).toEqual({ v: 1 });
    expect(await a.get("k", load)).toEqual({ v: 1 });
    // The other process finds it in the shared layer without loading.
    expect(await b.get("k", load)).toEqual({ v: 1 });
    expect(loads).toBe(1);
  });

  it("an invalidation in one process drops the local copy in the other", async () => {
    await a.set("x", { v: 1 });
    expect(await b.get("x", async () => ({ v: 99 }))).toEqual({ v: 1 });
    expect(b.peekLocal("x")).toEqual({ v: 1 });
    await a.invalidate("x");
    await waitFor(() => b.peekLocal("x") === undefined);
    expect(await b.get("x", async () => ({ v: 2 }))).toEqual({ v: 2 });
  });

  it("does not cache a missing value", async () => {
    expect(await a.get("none", async () => undefined)).toBeUndefined();
    expect(await a.get("none", async () => ({ v: 5 }))).toEqual({ v: 5 });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(10);
  }
}
