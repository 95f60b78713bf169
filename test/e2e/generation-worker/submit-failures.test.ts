import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
  type GenerationApp,
} from "./harness.js";

const SUBMIT_PATH = /^\/api\/v3\/google\/nano-banana-pro\/text-to-image$/;

describe.each(TEST_TARGETS)("generation submit failures on $name", (target) => {
  let app: GenerationApp;
  beforeAll(async () => {
    app = await startGenerationApp(target);
  });
  afterAll(async () => {
    await app?.stop();
  });

  /** Submits the fake saw from now on, and the tasks it created. */
  function track() {
    const submits = submitsSeen(app.fake).length;
    const tasks = app.fake.tasks.size;
    return () => ({ submits: submitsSeen(app.fake).length - submits, tasks: app.fake.tasks.size - tasks });
  }

  it("a 500 on submit may have created a task: failed as submit_unknown, refunded once, never resent", async () => {
    const { h, fake } = app;
    const user = await newUser(h, 400);
    const seen = track();
    fake.injectFault({ method: "POST", path: SUBMIT_PATH }, { status: 500 });
    const generation = await createGeneration(h, user);
    await expectRefundedOnce(h, user, generation.id, "submit_unknown", 400);
    expect(seen()).toEqual({ submits: 1, tasks: 0 });
  });

  it("a submit that hangs past the request timeout is failed as submit_unknown, refunded once, never resent", async () => {
    const { h, fake } = app;
    const user = await newUser(h, 400);
    const seen = track();
    fake.injectFault({ method: "POST", path: SUBMIT_PATH }, { hangMs: 15_000 });
    const generation = await createGeneration(h, user);
    await expectRefundedOnce(h, user, generation.id, "submit_unknown", 400);
    expect(seen()).toEqual({ submits: 1, tasks: 0 });
  });

  it("a 400 on submit certainly created nothing: failed as submit_rejected and refunded once", async () => {
    const { h, fake } = app;
    const user = await newUser(h, 400);
    const seen = track();
    fake.injectFault({ method: "POST", path: SUBMIT_PATH }, { status: 400, body: JSON.stringify({ code: 400, message: "size is invalid" }) });
    const generation = await createGeneration(h, user);
    await expectRefundedOnce(h, user, generation.id, "submit_rejected", 400);
    expect(seen()).toEqual({ submits: 1, tasks: 0 });
  });

  it("a 429 on submit certainly created nothing: the submit is tried again later and delivered once, charged once", async () => {
    const { h, fake } = app;
    const user = await newUser(h, 400);
    const seen = track();
    fake.injectFault({ method: "POST", path: SUBMIT_PATH }, { status: 429, body: JSON.stringify({ code: 429, message: "rate limit" }) });
    const generation = await createGeneration(h, user);
    const row = await settled(h, generation.id, 20_000);
    expect(row.status).toBe("delivered");
    expect(seen()).toEqual({ submits: 2, tasks: 1 });
    expect(documentsSentTo(h, user.telegramId)).toHaveLength(1);
    expect(await moneyOf(h, user, row.id)).toMatchObject({ balance: 250, ledgerSum: 250, charges: 1, refunds: 0 });
  });
});
