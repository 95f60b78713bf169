import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { runMigrations } from "../../src/db/migrate.js";
import { JobQueue } from "../../src/jobs/job-queue.js";
import { registerHeartbeat, lastHeartbeatAt } from "../../src/jobs/heartbeat.js";
import { MemoryStore } from "../../src/infra/kv/index.js";
import { collectingLogger } from "../support/collecting-logger.js";
import { TEST_TARGETS } from "../support/targets.js";

describe.each(TEST_TARGETS)("job queue on $name", (target) => {
  it("runs the heartbeat job and delivers sent jobs to a worker", async () => {
    const database = await target.createDatabase();
    const handle = await openDatabase({ url: database.url, dataDir: database.dataDir });
    const { logger } = collectingLogger([]);
    const queue = new JobQueue(handle, logger, { pollingIntervalSeconds: 0.5 });
    const kv = new MemoryStore();
    try {
      await runMigrations(handle);
      await queue.start(["heartbeat", "echo"]);
      const seen: string[] = [];
      await queue.work<{ word: string }>("echo", async (data) => {
        seen.push(data.word);
      });
      const before = Date.now();
      await registerHeartbeat(queue, kv);
      await queue.send("echo", { word: "hello" });
      await queue.send("echo", { word: "world" });
      await waitFor(async () => seen.length === 2 && (await lastHeartbeatAt(kv)) !== undefined, 15_000);
      expect(seen.sort()).toEqual(["hello", "world"]);
      expect(await lastHeartbeatAt(kv)).toBeGreaterThanOrEqual(before);
      await queue.ping();
    } finally {
      await queue.stop(2000);
      await handle.close();
      await database.drop();
    }
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}
