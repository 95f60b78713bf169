import { describe, expect, it } from "vitest";
import { settleWithin } from "../../src/infra/deadline.js";

const after = <T>(ms: number, outcome: () => T) => new Promise<T>((resolve) => setTimeout(() => resolve(outcome()), ms));

describe("settleWithin", () => {
  it("gives the value of a promise that settles before the deadline", async () => {
    expect(await settleWithin(after(5, () => 42), 1000)).toEqual({ timedOut: false, value: 42 });
  });

  it("says the deadline passed when the promise is slower, without waiting for it", async () => {
    const started = Date.now();
    expect(await settleWithin(after(5000, () => 1), 30)).toEqual({ timedOut: true });
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it("passes on a rejection before the deadline, and ignores one after it", async () => {
    await expect(settleWithin(Promise.reject(new Error("refused")), 1000)).rejects.toThrow("refused");
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", listener);
    try {
      const late = after(50, () => undefined).then(() => {
        throw new Error("too late");
      });
      expect(await settleWithin(late, 10)).toEqual({ timedOut: true });
      await after(100, () => undefined);
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", listener);
    }
  });
});
