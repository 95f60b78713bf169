import { afterAll, describe, expect, it } from "vitest";
import { MemoryStore, RedisStore, type KeyValueStore } from "../../src/infra/kv/index.js";
import { uniquePrefix } from "../support/targets.js";

const redisUrl = process.env.TEST_REDIS_URL;
const stores: Array<[string, () => KeyValueStore]> = [["memory", () => new MemoryStore()]];
if (redisUrl) stores.push(["redis", () => new RedisStore({ url: redisUrl, prefix: uniquePrefix() })]);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(stores)("KeyValueStore on %s", (_name, make) => {
  const store = make();
  afterAll(() => store.close());

  it("gets, sets with expiry and deletes", async () => {
    await store.set("a", "1");
    expect(await store.get("a")).toBe("1");
    // Long enough to be read back on a busy machine; then it must go away on its own.
    await store.set("b", "2", 500);
    expect(await store.get("b")).toBe("2");
    await waitForAsync(async () => (await store.get("b")) === null);
    await store.del("a");
    expect(await store.get("a")).toBeNull();
  });

  it("setIfAbsent lets exactly one of many concurrent callers win", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.setIfAbsent("lock", String(i), 1000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("delIfEquals releases only the holder's lock", async () => {
    await store.set("owned", "me", 1000);
    expect(await store.delIfEquals("owned", "someone-else")).toBe(false);
    expect(await store.get("owned")).toBe("me");
    expect(await store.delIfEquals("owned", "me")).toBe(true);
    expect(await store.get("owned")).toBeNull();
  });

  it("setUnlessNewer never replaces a higher version, and replaces anything else", async () => {
    const v = (version: number, text: string) => JSON.stringify({ version, text });
    expect(await store.setUnlessNewer("versioned", v(2, "two"), "version", 2, 1000)).toBe(true);
    expect(await store.setUnlessNewer("versioned", v(1, "one"), "version", 1, 1000)).toBe(false);
    expect(JSON.parse((await store.get("versioned"))!)).toEqual({ version: 2, text: "two" });
    // The same version is the same row state seen twice: either copy may stand.
    expect(await store.setUnlessNewer("versioned", v(2, "again"), "version", 2, 1000)).toBe(true);
    expect(await store.setUnlessNewer("versioned", v(3, "three"), "version", 3, 1000)).toBe(true);
    expect(JSON.parse((await store.get("versioned"))!)).toEqual({ version: 3, text: "three" });
    // A value without a version (an older format) or not JSON at all is replaced.
    await store.set("unversioned", JSON.stringify({ text: "old" }));
    expect(await store.setUnlessNewer("unversioned", v(1, "new"), "version", 1, 1000)).toBe(true);
    await store.set("garbage", "not json");
    expect(await store.setUnlessNewer("garbage", v(1, "new"), "version", 1, 1000)).toBe(true);
    // It expires like any other value.
    expect(await store.setUnlessNewer("short", v(9, "short"), "version", 9, 50)).toBe(true);
    await sleep(80);
    expect(await store.get("short")).toBeNull();
  });

  it("counts a window and starts over when it expires", async () => {
    // A window long enough that ten increments land in it on a busy machine.
    const counts = await Promise.all(Array.from({ length: 10 }, () => store.incrementWindow("w", 400)));
    expect(counts.sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    await sleep(450);
    expect(await store.incrementWindow("w", 100)).toBe(1);
  });

  it("appends to lists in order", async () => {
    expect(await store.appendToList("l", "x", 1000)).toBe(1);
    expect(await store.appendToList("l", "y", 1000)).toBe(2);
    expect(await store.readList("l")).toEqual(["x", "y"]);
    expect(await store.readList("missing")).toEqual([]);
  });

  it("delivers published messages to subscribers until they unsubscribe", async () => {
    const received: string[] = [];
    const unsubscribe = await store.subscribe("chan", (m) => received.push(m));
    await store.publish("chan", "hello");
    await waitFor(() => received.length === 1);
    await unsubscribe();
    await store.publish("chan", "ignored");
    await sleep(50);
    expect(received).toEqual(["hello"]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  await waitForAsync(async () => condition(), timeoutMs);
}

async function waitForAsync(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(10);
  }
}
