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

  it("a write in one process replaces the shared copy: the other serves it at once, without loading", async () => {
    await a.set("w", { v: 1 });
    expect(await b.get("w", async () => ({ v: 99 }))).toEqual({ v: 1 });
    await a.write("w", { v: 2 });
    await waitFor(() => b.peekLocal("w") === undefined);
    const load = async (): Promise<{ v: number }> => {
      throw new Error("the shared copy was dropped instead of replaced");
    };
    expect(await b.get("w", load)).toEqual({ v: 2 });
    expect(await a.get("w", load)).toEqual({ v: 2 });
  });

  it("a read in flight when its key is invalidated is returned but kept in neither layer", async () => {
    await a.set("f", { v: 1 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const reading = b.refresh("f", async () => {
      await gate;
      return { v: 1 };
    });
    await a.write("f", { v: 2 });
    await waitFor(() => b.peekLocal("f") === undefined);
    await sleep(20);
    release();
    expect(await reading).toEqual({ v: 1 });
    expect(b.peekLocal("f")).toBeUndefined();
    expect(await b.get("f", async () => ({ v: 99 }))).toEqual({ v: 2 });
  });

  it("does not cache a missing value", async () => {
    expect(await a.get("none", async () => undefined)).toBeUndefined();
    expect(await a.get("none", async () => ({ v: 5 }))).toEqual({ v: 5 });
  });
});

describe.each(pair())("TwoLayerCache ordered by a version on %s", (_name, make) => {
  interface Row {
    updatedAt: number;
    banned: boolean;
  }
  const [storeA, storeB] = make();
  const a = new TwoLayerCache<Row>(storeA, { namespace: "ordered", ttlMs: 10_000, localTtlMs: 60_000 });
  const b = new TwoLayerCache<Row>(storeB, { namespace: "ordered", ttlMs: 10_000, localTtlMs: 60_000 });
  a.orderBy("updatedAt");
  b.orderBy("updatedAt");
  afterAll(async () => {
    await a.stop();
    await b.stop();
    await storeA.close();
    if (storeB !== storeA) await storeB.close();
  });

  it("a copy read before a write never replaces the written one, in either layer", async () => {
    await a.start();
    await b.start();
    // b read the row (version 1) just before a banned the user (version 2); b's answer arrives last.
    await a.write("u", { updatedAt: 2, banned: true });
    await waitFor(() => b.peekLocal("u") === undefined);
    expect(await b.refresh("u", async () => ({ updatedAt: 1, banned: false }))).toEqual({ updatedAt: 1, banned: false });
    expect(b.peekLocal("u")).toBeUndefined();
    const load = async (): Promise<Row> => ({ updatedAt: 0, banned: false });
    expect(await b.get("u", load)).toEqual({ updatedAt: 2, banned: true });
    expect(await a.get("u", load)).toEqual({ updatedAt: 2, banned: true });
  });

  it("two writes whose answers arrive out of order leave the later one", async () => {
    await b.write("o", { updatedAt: 11, banned: false });
    await a.write("o", { updatedAt: 10, banned: true });
    await waitFor(() => a.peekLocal("o") === undefined && b.peekLocal("o") === undefined);
    const load = async (): Promise<Row> => ({ updatedAt: 0, banned: true });
    expect(await a.get("o", load)).toEqual({ updatedAt: 11, banned: false });
    expect(await b.get("o", load)).toEqual({ updatedAt: 11, banned: false });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(10);
  }
}
