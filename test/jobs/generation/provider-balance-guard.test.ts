import { describe, expect, it } from "vitest";
import { ProviderBalanceGuard } from "../../../src/domain/generation/provider-balance-guard.js";
import { MemoryStore } from "../../../src/infra/kv/index.js";
import { collectingLogger } from "../../support/collecting-logger.js";
import { waitUntil } from "../../support/wait.js";

function setup(balance: () => Promise<number>, store = new MemoryStore()) {
  const alerts: number[] = [];
  const lookups = { count: 0 };
  const guard = new ProviderBalanceGuard({
    balance: {
      getBalance: () => {
        lookups.count++;
        return balance();
      },
    },
    kv: store,
    minBalanceUsd: 1,
    alertAdmins: async (usd) => {
      alerts.push(usd);
    },
    logger: collectingLogger([]).logger,
    lookupTimeoutMs: 100,
  });
  return { guard, alerts, lookups, store };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe("provider balance guard", () => {
  it("is ok at or above the threshold and paused below it", async () => {
    expect(await setup(async () => 1).guard.check()).toBe("ok");
    expect(await setup(async () => 0.99).guard.check()).toBe("paused");
  });

  it("caches the balance and shares one lookup between concurrent checks", async () => {
    const { guard, lookups } = setup(async () => 5);
    await Promise.all([guard.check(), guard.check(), guard.check()]);
    await guard.check();
    expect(lookups.count).toBe(1);
    await guard.invalidate();
    await guard.check();
    expect(lookups.count).toBe(2);
  });

  it("does not pause when the provider cannot say (error or no answer in time)", async () => {
    expect(await setup(async () => Promise.reject(new Error("down"))).guard.check()).toBe("ok");
    const slow = setup(() => new Promise<number>((resolve) => setTimeout(() => resolve(0), 1000)));
    expect(await slow.guard.check()).toBe("ok");
    // The unknown answer is remembered for a while, so a down provider is not asked on every press.
    await slow.guard.check();
    expect(slow.lookups.count).toBe(1);
  });

  it("alerts once per interval across guards sharing the store (processes sharing Redis)", async () => {
    const store = new MemoryStore();
    const a = setup(async () => 0.2, store);
    const b = setup(async () => 0.2, store);
    await a.guard.check();
    await b.guard.check();
    await a.guard.check();
    // The alert leaves in the background: wait for it, then give a second one the chance to show up.
    await waitUntil(() => a.alerts.length + b.alerts.length > 0, "an alert was sent", 10_000);
    await settle();
    expect([...a.alerts, ...b.alerts]).toEqual([0.2]);
  });
});
