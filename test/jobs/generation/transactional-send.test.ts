import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../../src/db/client.js";
import { JobQueue } from "../../../src/jobs/job-queue.js";
import { collectingLogger } from "../../support/collecting-logger.js";
import { TEST_TARGETS } from "../../support/targets.js";

const QUEUE = "tx-echo";

describe.each(TEST_TARGETS)("jobs sent inside a Drizzle transaction on $name", (target) => {
  let handle: DatabaseHandle;
  let queue: JobQueue;
  let drop: () => Promise<void>;
  const seen: unknown[] = [];

  beforeAll(async () => {
    const database = await target.createDatabase();
    drop = database.drop;
    handle = await openDatabase({ url: database.url, dataDir: database.dataDir });
    queue = new JobQueue(handle, collectingLogger([]).logger, { pollingIntervalSeconds: 0.5 });
    await queue.start([QUEUE], { [QUEUE]: { policy: "short" } });
    await queue.work(QUEUE, async (data) => {
      seen.push(data);
    });
  });
  afterAll(async () => {
    await queue?.stop(2000);
    await handle?.close();
    await drop?.();
  });

  async function jobsWithKey(key: string): Promise<number> {
    const { rows } = await handle.executeSql("select count(*)::int as n from pgboss.job where name = $1 and singleton_key = $2", [QUEUE, key]);
    return Number(rows[0]?.["n"] ?? 0);
  }

  it("a committed transaction's job exists and reaches the worker with its data intact", async () => {
    const data = { generationId: 42, nested: { list: [1, "two"], quote: "it's \"$1\"" } };
    const id = await handle.db.transaction(async (tx) => queue.inTransaction(tx).send(QUEUE, data, { singletonKey: "committed", startAfter: 0 }));
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(() => seen.length === 1);
    expect(seen[0]).toEqual(data);
  });

  it("a rolled-back transaction leaves no job", async () => {
    await expect(
      handle.db.transaction(async (tx) => {
        const id = await queue.inTransaction(tx).send(QUEUE, { generationId: 7 }, { singletonKey: "rolled-back", startAfter: 60 });
        expect(id).not.toBeNull();
        throw new Error("refused after the job was written");
      }),
    ).rejects.toThrow("refused after the job was written");
    expect(await jobsWithKey("rolled-back")).toBe(0);
  });

  it("the short policy keeps one waiting job per singleton key, inside transactions too", async () => {
    const first = await handle.db.transaction(async (tx) => queue.inTransaction(tx).send(QUEUE, { n: 1 }, { singletonKey: "once", startAfter: 60 }));
    const second = await handle.db.transaction(async (tx) => queue.inTransaction(tx).send(QUEUE, { n: 2 }, { singletonKey: "once", startAfter: 60 }));
    const third = await queue.send(QUEUE, { n: 3 }, { singletonKey: "once" });
    expect(first).not.toBeNull();
    expect([second, third]).toEqual([null, null]);
    expect(await jobsWithKey("once")).toBe(1);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
