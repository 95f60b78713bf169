import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_TARGETS } from "../../support/targets.js";
import { waitUntil } from "../../support/wait.js";
import {
  createGeneration,
  documentsSentTo,
  expectRefundedOnce,
  moneyOf,
  newUser,
  startGenerationApp,
  waitForStatus,
  type GenerationApp,
} from "./harness.js";

describe.each(TEST_TARGETS)("generation failures after the provider accepted the task, on $name", (target) => {
  let app: GenerationApp;
  beforeAll(async () => {
    app = await startGenerationApp(target);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("a failed task is refunded once, and a trial generation gets its trial back", async () => {
    const { h, fake } = app;
    const user = await newUser(h);
    fake.scriptNextTasks(["failed"]);
    const generation = await createGeneration(h, user, { trial: true });
    await expectRefundedOnce(h, user, generation.id, "provider_failed", 0);
    expect(documentsSentTo(h, user.telegramId)).toHaveLength(0);
  });

  it("a safety-filter refusal is a content block, refunded once", async () => {
    const { h, fake } = app;
    const user = await newUser(h, 500);
    fake.scriptNextTasks(["content_blocked"]);
    const generation = await createGeneration(h, user);
    await expectRefundedOnce(h, user, generation.id, "content_blocked", 500);
  });

  it("a result flagged NSFW is not delivered under the default policy, and is refunded once", async () => {
    const { h, fake } = app;
    const user = await newUser(h, 500);
    fake.setBehavior({ nsfwRate: 1 });
    try {
      const generation = await createGeneration(h, user);
      const row = await expectRefundedOnce(h, user, generation.id, "nsfw_blocked", 500);
      expect(row.nsfw).toBe(true);
    } finally {
      fake.setBehavior({ nsfwRate: 0 });
    }
    expect(documentsSentTo(h, user.telegramId)).toHaveLength(0);
  });

  it("an output that expired at the provider before it was downloaded is refunded once", async () => {
    const { h, fake } = app;
    const user = await newUser(h, 500);
    const generation = await createGeneration(h, user);
    const submitted = await waitForStatus(h, generation.id, "submitted");
    // The task finishes long before the first poll (2 s); its file is gone by then.
    await waitUntil(() => fake.tasks.get(submitted.providerTaskId!)?.status === "completed", "the task completed");
    fake.deleteOutputs();
    await expectRefundedOnce(h, user, generation.id, "delivery_failed", 500);
    expect(documentsSentTo(h, user.telegramId)).toHaveLength(0);
  });

  it("a user who blocked the bot is refunded once (delivery_failed) and nothing is retried", async () => {
    const { h } = app;
    const user = await newUser(h, 500);
    const generation = await createGeneration(h, user);
    await waitForStatus(h, generation.id, "submitted");
    user.actor.blockBot();
    const row = await waitForStatus(h, generation.id, "failed");
    expect(row.failureCode).toBe("delivery_failed");
    expect(await moneyOf(h, user, generation.id)).toMatchObject({ balance: 500, ledgerSum: 500, charges: 1, refunds: 1 });
    const attempts = h.bot.calls.filter((c) => c.method === "sendDocument" && Number(c.payload.chat_id) === user.telegramId);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.error?.error_code).toBe(403);
  });
});
