import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryStore, RedisStore, type KeyValueStore } from "../../../src/infra/kv/index.js";
import { TwoLayerCache } from "../../../src/infra/two-layer-cache.js";
import { UserService } from "../../../src/domain/users/user-service.js";
import type { UserProfile } from "../../../src/domain/users/user-profile.js";
import { TEST_TARGETS, uniquePrefix } from "../../support/targets.js";
import { openMoneyDatabase, type MoneyDatabase } from "../database-fixture.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Two processes of one deployment: each its own cache (and, with Redis, its own connection) over the
 * same database. PGlite runs with one in-memory store shared by both.
 */
describe.each(TEST_TARGETS)("UserService's cached profile across processes on $name", (target) => {
  let m: MoneyDatabase;
  let stores: KeyValueStore[];
  let cacheA: TwoLayerCache<UserProfile>;
  let cacheB: TwoLayerCache<UserProfile>;
  let a: UserService;
  let b: UserService;
  let nextId = 9_300_000;

  beforeAll(async () => {
    m = await openMoneyDatabase(target);
    const prefix = uniquePrefix();
    stores = target.redisUrl
      ? [new RedisStore({ url: target.redisUrl, prefix }), new RedisStore({ url: target.redisUrl, prefix })]
      : [new MemoryStore()];
    cacheA = new TwoLayerCache<UserProfile>(stores[0]!, { namespace: "user", ttlMs: 60_000 });
    cacheB = new TwoLayerCache<UserProfile>(stores.at(-1)!, { namespace: "user", ttlMs: 60_000 });
    await cacheA.start();
    await cacheB.start();
    a = new UserService(m.db, cacheA);
    b = new UserService(m.db, cacheB);
  });
  afterAll(async () => {
    await cacheA?.stop();
    await cacheB?.stop();
    for (const store of stores ?? []) await store.close();
    await m?.close();
  });

  const identity = () => ({ id: nextId++, first_name: "Cached", language_code: "en" });

  it("a write is stored, not dropped: the writer's next update runs no upsert", async () => {
    const sender = identity();
    const first = await a.touch(sender);
    expect(first.created).toBe(true);
    await sleep(5);
    const written = await a.setLocale(sender.id, "ru");
    expect(written?.locale).toBe("ru");
    const next = await a.touch(sender);
    expect(next).toEqual({ user: written, created: false });
    // An upsert would have moved last-seen.
    expect(next.user.lastSeenAt).toBe(first.user.lastSeenAt);
  });

  it("a ban, a consent or a language written in one process is what the other serves next, without an upsert", async () => {
    const sender = identity();
    const seen = (await b.touch(sender)).user;
    expect(cacheB.peekLocal(String(sender.id))).toEqual(seen);
    await sleep(5);
    for (const write of [() => a.ban(sender.id, "spam"), () => a.acceptPolicy(sender.id, 3), () => a.setLocale(sender.id, "uz")]) {
      const written = await write();
      await waitFor(() => cacheB.peekLocal(String(sender.id)) === undefined);
      const served = await b.touch(sender);
      expect(served).toEqual({ user: written, created: false });
      expect(served.user.lastSeenAt).toBe(seen.lastSeenAt);
    }
    const last = (await b.touch(sender)).user;
    expect(last).toMatchObject({ banned: true, banReason: "spam", acceptedPolicyVersion: 3, locale: "uz" });
    expect(await b.get(sender.id)).toEqual(last);
  });

  it("every write moves updatedAt forward, even several in one millisecond", async () => {
    const sender = identity();
    let previous = (await a.touch(sender)).user.updatedAt;
    const writes = [
      () => a.setLocale(sender.id, "en"),
      () => a.acceptPolicy(sender.id, 1),
      () => a.ban(sender.id, "x"),
      () => a.unban(sender.id),
      () => a.setBlocked(sender.id, true),
      () => a.setBlocked(sender.id, false),
    ];
    for (const write of writes) {
      const updatedAt = (await write())!.updatedAt;
      expect(updatedAt).toBeGreaterThan(previous);
      previous = updatedAt;
    }
    // A new name is a change too; only last-seen moving is not.
    const renamed = await a.touch({ ...sender, first_name: "Renamed" });
    expect(renamed.user.firstName).toBe("Renamed");
    expect(renamed.user.updatedAt).toBeGreaterThan(previous);
  });

  it("a profile read before a write, stored after it, never replaces the written one", async () => {
    const sender = identity();
    const before = (await b.touch(sender)).user;
    const banned = await a.ban(sender.id, "late reader");
    await waitFor(() => cacheB.peekLocal(String(sender.id)) === undefined);
    // What a touch in B that upserted just before the ban would store when its answer arrives last.
    await cacheB.refresh(String(sender.id), async () => before);
    expect(cacheB.peekLocal(String(sender.id))).toBeUndefined();
    expect(await b.get(sender.id)).toEqual(banned);
    expect((await b.touch(sender)).user.banned).toBe(true);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(10);
  }
}
