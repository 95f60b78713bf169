import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../../src/db/client.js";
import { QUEUES } from "../../../src/jobs/queues.js";
import { startFakeWavespeed } from "../../../src/sandbox/fake-wavespeed/index.js";
import { startTelegramEmulator } from "../../../src/sandbox/telegram-emulator/index.js";
import { plainText } from "../../support/plain-text.js";
import { TEST_TARGETS, type TestTarget } from "../../support/targets.js";
import {
  createGeneration,
  documentsSentTo,
  moneyOf,
  newUser,
  settled,
  startGenerationApp,
  submitsSeen,
  waitForStatus,
} from "./harness.js";

/** A database that outlives one app: PGlite files in a temporary folder, or a PostgreSQL database. */
async function durableDatabase(target: TestTarget): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  if (target.name === "postgres") {
    const database = await target.createDatabase();
    return { env: { DATABASE_URL: database.url! }, drop: () => database.drop() };
  }
  const dir = await mkdtemp(join(tmpdir(), "bananapics-restart-"));
  return { env: { DATA_DIR: dir }, drop: () => rm(dir, { recursive: true, force: true }) };
}

describe.each(TEST_TARGETS)("generation recovery after a restart on $name", (target) => {
  it("a worker stopped after the submit: the next one polls the stored task id and delivers once, charged once", async () => {
    const emulator = await startTelegramEmulator();
    const fake = await startFakeWavespeed({ apiKey: "fake-wavespeed-key-0123456789", latencyMs: 4000 });
    const database = await durableDatabase(target);
    try {
      const first = await startGenerationApp(target, { env: database.env, reuseFake: fake, emulator });
      const user = await newUser(first.h, 500);
      const generation = await createGeneration(first.h, user);
      const submitted = await waitForStatus(first.h, generation.id, "submitted");
      // The first poll (2 s) sees the task processing and says so.
      const processing = plainText(first.h.app.translator.t("en", "generation-status-processing", { model: "Nano Banana Pro" }));
      await first.h.bot.waitForBotMessage(user.telegramId, (m) => m.message_id === generation.statusMessageId && m.text === processing, 5000);
      await first.stop();

      // As if the process had died: its queued follow-up jobs are gone too, only the row remains.
      const handle = await openDatabase({ url: database.env.DATABASE_URL, dataDir: database.env.DATA_DIR ?? "memory://" });
      await handle.executeSql(`delete from pgboss.job where name in ('${QUEUES.generationPoll}', '${QUEUES.generationSubmit}')`);
      await handle.close();

      const second = await startGenerationApp(target, { env: database.env, reuseFake: fake, emulator });
      try {
        const row = await settled(second.h, generation.id, 20_000);
        expect(row).toMatchObject({ status: "delivered", providerTaskId: submitted.providerTaskId });
        expect(submitsSeen(fake)).toHaveLength(1);
        expect(fake.tasks.size).toBe(1);
        expect(documentsSentTo(second.h, user.telegramId)).toHaveLength(1);
        expect(await moneyOf(second.h, user, row.id)).toMatchObject({ balance: 350, ledgerSum: 350, charges: 1, refunds: 0 });
      } finally {
        await second.stop();
      }
    } finally {
      await fake.stop();
      await emulator.stop();
      await database.drop();
    }
  }, 60_000);
});
