import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { plainText } from "../../support/plain-text.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { createGeneration, documentsSentTo, moneyOf, newUser, settled, startGenerationApp, type GenerationApp } from "./harness.js";

describe.each(TEST_TARGETS)("provider balance guard and NSFW policy on $name", (target) => {
  let app: GenerationApp;
  beforeAll(async () => {
    app = await startGenerationApp(target, {
      env: { PROVIDER_MIN_BALANCE_USD: "1", ADMIN_IDS: "7099999", NSFW_POLICY: "allow" },
      fake: { balanceUsd: 0.42 },
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("pauses new generations below the threshold and alerts the admins once, however often it is asked", async () => {
    const { h, fake } = app;
    const admin = h.bot.user({ id: 7_099_999, first_name: "Admin", language_code: "en" });
    const adminId = admin.id;
    h.bot.markCalls();
    await admin.sendText("/start");
    await h.bot.waitForBotMessage(adminId);
    const guard = h.app.providerGuard!;

    h.bot.markCalls();
    expect(await Promise.all([guard.check(), guard.check(), guard.check()])).toEqual(["paused", "paused", "paused"]);
    const alert = plainText(h.app.translator.t("en", "generation-provider-balance-alert", { balance: "0.42", threshold: "1.00" }));
    await h.bot.waitForBotMessage(adminId, (m) => m.text === alert);
    expect(await guard.check()).toBe("paused");
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(h.bot.chat(adminId).messages.filter((m) => m.text === alert)).toHaveLength(1);
    // The balance is cached: one lookup served every check.
    expect(fake.requests.filter((r) => r.path === "/api/v3/balance")).toHaveLength(1);

    fake.setBehavior({ balanceUsd: 50 });
    await guard.invalidate();
    expect(await guard.check()).toBe("ok");
  });

  it("an unknown balance (provider unreachable) does not pause generations", async () => {
    const { h, fake } = app;
    const guard = h.app.providerGuard!;
    fake.injectFault({ method: "GET", path: /^\/api\/v3\/balance$/ }, { status: 503 }, 10);
    await guard.invalidate();
    expect(await guard.check()).toBe("ok");
    expect(await guard.balanceUsd()).toBeUndefined();
  });

  it("NSFW_POLICY=allow delivers a result the provider flagged", async () => {
    const { h, fake } = app;
    const user = await newUser(h, 300);
    fake.setBehavior({ nsfwRate: 1 });
    try {
      const generation = await createGeneration(h, user);
      const row = await settled(h, generation.id);
      expect(row).toMatchObject({ status: "delivered", nsfw: true });
    } finally {
      fake.setBehavior({ nsfwRate: 0 });
    }
    expect(documentsSentTo(h, user.telegramId)).toHaveLength(1);
    expect(await moneyOf(h, user)).toMatchObject({ balance: 150, ledgerSum: 150 });
  });
});
