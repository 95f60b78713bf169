import { openDatabase } from "../src/db/client.js";
import { JobQueue } from "../src/jobs/job-queue.js";
import { ALL_QUEUES, QUEUE_SETTINGS } from "../src/jobs/queues.js";
import { createScratchDatabase } from "./support/environment.js";
import { collectingLogger } from "../test/support/collecting-logger.js";
let failures = 0;
for (let round = 0; round < 12; round++) {
  const db = await createScratchDatabase();
  const handles = await Promise.all(Array.from({ length: 4 }, () => openDatabase({ url: db.url })));
  const queues = handles.map((h) => new JobQueue(h, collectingLogger([]).logger, { pollingIntervalSeconds: 0.5 }));
  const results = await Promise.allSettled(queues.map(async (q) => { await q.start(ALL_QUEUES, QUEUE_SETTINGS); await q.send("heartbeat", {}); await q.work("heartbeat", async () => undefined); }));
  const bad = results.filter((r) => r.status === "rejected");
  failures += bad.length;
  if (bad.length) console.log("round", round, (bad[0] as PromiseRejectedResult).reason?.message);
  await Promise.allSettled(queues.map((q) => q.stop(500)));
  await Promise.allSettled(handles.map((h) => h.close()));
  await db.drop();
}
console.log("failures", failures);
