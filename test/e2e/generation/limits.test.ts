import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { generations } from "../../../src/db/schema/index.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { plainText } from "../../support/plain-text.js";
import { waitUntil } from "../../support/wait.js";
import { buttonData, generateButton, ledgerOf, readyUser, startGenerationApp, userRow, type GenerationHarness } from "./generation-harness.js";

let nextId = 930_000;

describe.each(TEST_TARGETS)("generation limits and money on $name", (target) => {
  let h: GenerationHarness;
  beforeAll(async () => {
    h = await startGenerationApp(target, { TRIAL_GENERATIONS: "1", MAX_PARALLEL_GENERATIONS: "2", PROMPT_MAX_LENGTH: "50" });
  });
  afterAll(async () => {
    await h?.stop();
  });

  const t = (key: string, vars?: Record<string, string | number>) => plainText(h.app.translator.t("en", key, vars));
  const draftMenu = (id: number) => h.bot.waitForBotMessage(id, (m) => buttonData(m).some((d) => d.startsWith("g:go:")), 10_000);
  const generationsOf = async (telegramId: number) => {
    const user = await userRow(h, telegramId);
    return h.app.database.db.select().from(generations).where(eq(generations.userId, user.id));
  };

  it("the first generation of a new user is free, and the button says so", async () => {
    const id = ++nextId;
    const user = await readyUser(h, id, "en", 0);
    h.bot.markCalls();
    await user.sendText("a free cat");
    const menu = await draftMenu(id);
    expect(menu.text).toContain(t("generation-draft-trial", { count: 1 }));
    const { data, price } = generateButton(menu);
    expect(price).toBe("trial");
    await user.pressButton(menu, data);
    await h.bot.waitForCall("sendDocument", (c) => c.ok && c.payload.chat_id === id, 30_000);
    const [generation] = await generationsOf(id);
    expect(generation?.paidWithTrial).toBe(true);
    expect(generation?.priceCredits).toBe(0);
    expect((await ledgerOf(h, id)).entries).toEqual([]);
    // No trial left: the next draft shows a price.
    h.bot.markCalls();
    await user.sendText("a paid cat");
    expect(generateButton(await draftMenu(id)).price).toEqual(expect.any(Number));
  });

  it("20 concurrent presses of Generate start one generation and charge once", async () => {
    const id = ++nextId;
    const user = await readyUser(h, id, "en", 0);
    await h.app.database.db.update((await import("../../../src/db/schema/index.js")).users).set({ trialUsed: 1 }).where(eq((await import("../../../src/db/schema/index.js")).users.telegramId, id));
    h.bot.markCalls();
    await user.sendText("one lighthouse");
    const menu = await draftMenu(id);
    const { data, price } = generateButton(menu);
    const { credit } = await import("../../../src/domain/ledger/ledger.js");
    const row = await userRow(h, id);
    await credit(h.app.database.db, { userId: row.id, amount: 3 * (price as number), kind: "admin_adjustment", reference: "t", idempotencyKey: `t:${id}` });
    const answers = await Promise.all(Array.from({ length: 20 }, () => user.pressButton(menu.message_id, data).catch(() => undefined)));
    expect(answers.filter((a) => a?.text === t("generation-already-started"))).toHaveLength(19);
    expect(await generationsOf(id)).toHaveLength(1);
    const ledger = await ledgerOf(h, id);
    expect(ledger.entries.filter((e) => e.kind === "generation_charge")).toHaveLength(1);
    expect(ledger.balance).toBe(2 * (price as number));
    expect(ledger.sum).toBe(ledger.balance);
  });

  it("at most MAX_PARALLEL_GENERATIONS run at once; a refusal charges nothing; the balance never goes negative", async () => {
    h.provider.setBehavior({ latencyMs: 6000 });
    try {
      const id = ++nextId;
      const user = await readyUser(h, id, "en", 0);
      const { users } = await import("../../../src/db/schema/index.js");
      await h.app.database.db.update(users).set({ trialUsed: 1 }).where(eq(users.telegramId, id));
      const { credit } = await import("../../../src/domain/ledger/ledger.js");
      const row = await userRow(h, id);
      let price = 0;
      const outcomes: Array<string | undefined> = [];
      for (let i = 0; i < 4; i++) {
        h.bot.markCalls();
        await user.sendText(`parallel ${i}`);
        const menu = await draftMenu(id);
        const button = generateButton(menu);
        price = button.price as number;
        if (i === 0) await credit(h.app.database.db, { userId: row.id, amount: 3 * price, kind: "admin_adjustment", reference: "t", idempotencyKey: `t:${id}` });
        const answer = await user.pressButton(menu.message_id, button.data);
        outcomes.push(answer?.text);
      }
      expect(outcomes[2]).toBe(t("generation-parallel-limit", { limit: 2 }));
      expect(outcomes[3]).toBe(t("generation-parallel-limit", { limit: 2 }));
      expect(await generationsOf(id)).toHaveLength(2);
      const ledger = await ledgerOf(h, id);
      expect(ledger.balance).toBe(price);
      expect(ledger.sum).toBe(ledger.balance);
      await waitUntil(async () => (await generationsOf(id)).every((g) => g.status === "delivered"), "both delivered", 30_000);
    } finally {
      h.provider.setBehavior({ latencyMs: 200 });
    }
  });

  it("refuses a prompt that is too long with its length, and an empty caption-less image asks for a prompt", async () => {
    const id = ++nextId;
    const user = await readyUser(h, id, "en", 1000);
    const long = "x".repeat(51);
    h.bot.markCalls();
    await user.sendText(long);
    expect((await h.bot.waitForBotMessage(id)).text).toBe(t("generation-prompt-too-long", { length: 51, limit: 50 }));

    h.bot.markCalls();
    await user.sendPhoto({});
    expect((await h.bot.waitForBotMessage(id)).text).toBe(t("generation-ask-prompt", { count: 1 }));
    h.bot.markCalls();
    await user.sendText("now a dragon");
    const menu = await draftMenu(id);
    expect(menu.text).toContain(t("generation-mode-edit", { count: 1 }));
    expect(menu.text).toContain("now a dragon");
  });

  it("a new prompt replaces the old draft, whose buttons stop working", async () => {
    const id = ++nextId;
    const user = await readyUser(h, id, "en", 1000);
    h.bot.markCalls();
    await user.sendText("first idea");
    const first = await draftMenu(id);
    h.bot.markCalls();
    await user.sendText("second idea");
    await draftMenu(id);
    const old = h.bot.chat(id).messages.find((m) => m.message_id === first.message_id);
    expect(buttonData(old!)).toEqual([]);
    // A forged press on the old draft's Generate is refused.
    h.bot.markCalls();
    h.bot.pushUpdate({
      callback_query: {
        id: `old-${id}`,
        from: { id, is_bot: false, first_name: "x" },
        chat_instance: "c",
        data: generateButton(first).data,
        message: { message_id: first.message_id, date: 0, chat: { id, type: "private", first_name: "x" } },
      },
    });
    const answer = await h.bot.waitForCall("answerCallbackQuery", (c) => c.payload.callback_query_id === `old-${id}`);
    expect(answer.payload.text).toBe(t("generation-already-started"));
    expect(await generationsOf(id)).toHaveLength(0);
  });

  it("Regenerate shows the price first and starts a new generation with the same settings", async () => {
    const id = ++nextId;
    const user = await readyUser(h, id, "en", 2000);
    const { users } = await import("../../../src/db/schema/index.js");
    await h.app.database.db.update(users).set({ trialUsed: 1 }).where(eq(users.telegramId, id));
    h.bot.markCalls();
    await user.sendText("a red fox");
    const menu = await draftMenu(id);
    await user.pressButton(menu, generateButton(menu).data);
    const doc = await h.bot.waitForCall("sendDocument", (c) => c.ok && c.payload.chat_id === id, 30_000);
    const result = doc.result as { message_id: number };
    const resultMessage = await h.bot.waitForBotMessage(id, (m) => m.message_id === result.message_id);
    const again = buttonData(resultMessage).find((d) => d.startsWith("gen:again:"));
    expect(again).toBeDefined();
    h.bot.markCalls();
    await user.pressButton(resultMessage, again!);
    const repeat = await draftMenu(id);
    expect(repeat.text).toContain("a red fox");
    expect((await ledgerOf(h, id)).entries.filter((e) => e.kind === "generation_charge")).toHaveLength(1);
    await user.pressButton(repeat, generateButton(repeat).data);
    await waitUntil(async () => (await generationsOf(id)).length === 2, "second generation");
  });
});
