import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generations } from "../../../src/db/schema/index.js";
import { plainText } from "../../support/plain-text.js";
import { TEST_TARGETS } from "../../support/targets.js";
import {
  createGeneration,
  documentsSentTo,
  expectRefundedOnce,
  moneyOf,
  newUser,
  settled,
  startGenerationApp,
  submitsSeen,
  waitForStatus,
  type GenerationApp,
} from "./harness.js";

describe.each(TEST_TARGETS)("generation deadlines, sweeper and races on $name", (target) => {
  let app: GenerationApp;
  beforeAll(async () => {
    app = await startGenerationApp(target);
  });
  afterAll(async () => {
    await app?.stop();
  });

  const worker = () => app.h.app.generationWorker!;
  const age = async (id: number, status: string) => {
    await app.h.app.database.db
      .update(generations)
      .set({ status, updatedAt: sql`now() - interval '5 minutes'` })
      .where(eq(generations.id, id));
  };

  it("a task still running at the deadline is failed as timeout and refunded once, after showing 'processing'", async () => {
    const { h, fake } = app;
    const user = await newUser(h, 300);
    fake.scriptNextTasks(["never"]);
    h.bot.markCalls();
    const generation = await createGeneration(h, user, { deadlineSeconds: 4 });
    const processing = plainText(h.app.translator.t("en", "generation-status-processing", { model: "Nano Banana Pro" }));
    await h.bot.waitForBotMessage(user.telegramId, (m) => m.message_id === generation.statusMessageId && m.text === processing, 8000);
    await expectRefundedOnce(h, user, generation.id, "timeout", 300);
  });

  it("the sweeper racing the poll (and itself) on an overdue generation delivers it once", async () => {
    const { h } = app;
    const user = await newUser(h, 300);
    const generation = await createGeneration(h, user);
    await waitForStatus(h, generation.id, "submitted");
    await h.app.database.db.update(generations).set({ deadlineAt: sql`now() - interval '1 second'` }).where(eq(generations.id, generation.id));
    await new Promise((resolve) => setTimeout(resolve, 400));
    await Promise.all([worker().sweep(), worker().poll(generation.id), worker().sweep(), worker().poll(generation.id)]);
    const row = await settled(h, generation.id);
    expect(row.status).toBe("delivered");
    // The regular poll chain comes by later and must find nothing to do.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(documentsSentTo(h, user.telegramId)).toHaveLength(1);
    expect(await moneyOf(h, user, row.id)).toMatchObject({ balance: 150, ledgerSum: 150, charges: 1, refunds: 0 });
  });

  it("a generation left 'submitting' by a crash is failed as submit_unknown and refunded, never resubmitted", async () => {
    const { h, fake } = app;
    const user = await newUser(h, 300);
    const submits = submitsSeen(fake).length;
    const generation = await createGeneration(h, user, { enqueue: false });
    await age(generation.id, "submitting");
    await worker().sweep();
    await expectRefundedOnce(h, user, generation.id, "submit_unknown", 300);
    expect(submitsSeen(fake).length).toBe(submits);
  });

  it("a queued generation whose submit job was lost is resumed by the sweeper and delivered", async () => {
    const { h } = app;
    const user = await newUser(h, 300);
    const generation = await createGeneration(h, user, { enqueue: false });
    await age(generation.id, "queued");
    const report = await worker().sweep();
    expect(report.resumed).toBeGreaterThanOrEqual(1);
    const row = await settled(h, generation.id);
    expect(row.status).toBe("delivered");
    expect(documentsSentTo(h, user.telegramId)).toHaveLength(1);
  });
});
