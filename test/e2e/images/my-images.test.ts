import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GenerationRow } from "../../../src/db/schema/index.js";
import type { ApiCallRecord, EmulatedMessage } from "../../../src/sandbox/telegram-emulator/index.js";
import { plainText } from "../../support/plain-text.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { waitUntil } from "../../support/wait.js";
import type { BotAppHarness } from "../../support/bot-app.js";
import { buttonData, buttonTexts, readyUser, solidImage, userRow } from "../generation/generation-harness.js";
import { createGeneration, settled, startGenerationApp, type GenerationApp, type TestUser } from "../generation-worker/harness.js";
import { pressForScreen, runsOf, sendPictureForTools, startButton, toolButton } from "../tools/tool-helpers.js";

let nextId = 985_000;

/** A user who accepted the terms (the feature is behind the consent gate), as the worker harness names them. */
async function onboarded(h: BotAppHarness, credits: number): Promise<TestUser> {
  const telegramId = ++nextId;
  const actor = await readyUser(h, telegramId, "en", credits);
  return { actor, telegramId, userId: (await userRow(h, telegramId)).id };
}

describe.each(TEST_TARGETS)("My images on $name", (target) => {
  let app: GenerationApp;
  let owner: TestUser;
  /** The owner's runs: a tool result, five generations, a failed one and one more generation, oldest first. */
  let runs: GenerationRow[];
  beforeAll(async () => {
    app = await startGenerationApp(target);
    const { h } = app;
    owner = await onboarded(h, 10_000);

    const { offer } = await sendPictureForTools(h, owner.telegramId, owner.actor, await solidImage({ r: 90, g: 30, b: 160 }));
    const screen = await pressForScreen(h, owner.telegramId, owner.actor, offer, toolButton(offer, "upscale"));
    await owner.actor.pressButton(screen.message_id, startButton(screen).data);
    await waitUntil(async () => (await runsOf(h, owner.telegramId))[0]?.status === "delivered", "the tool result is delivered", 30_000);

    for (let i = 1; i <= 5; i++) await settled(h, (await createGeneration(h, owner, { prompt: `picture ${i}: a fox & <a> hound` })).id);
    app.fake.scriptNextTasks(["failed"]);
    await settled(h, (await createGeneration(h, owner, { prompt: "this one fails" })).id);
    await settled(h, (await createGeneration(h, owner, { prompt: `picture 6: ${"a very long description ".repeat(10)}` })).id);
    runs = await runsOf(h, owner.telegramId);
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  });

  const t = (key: string, vars?: Record<string, string | number>) => plainText(app.h.app.translator.t("en", key, vars));

  /** The original delivery of a run, as first sent by the worker. */
  function firstDelivery(row: GenerationRow): ApiCallRecord {
    const call = app.h.bot.calls.find(
      (c) => c.method === "sendDocument" && c.ok && (c.result as { document?: { file_id: string } }).document?.file_id === row.resultFileIds[0],
    );
    if (!call) throw new Error(`no delivery of generation ${row.id}`);
    return call;
  }

  async function openPage(command: "/images" | { message: EmulatedMessage; data: string }): Promise<EmulatedMessage> {
    const { h } = app;
    h.bot.markCalls();
    if (command === "/images") {
      await owner.actor.sendText("/images");
      return h.bot.waitForBotMessage(owner.telegramId, (m) => buttonData(m).some((d) => d.startsWith("img:send:")));
    }
    await owner.actor.pressButton(command.message, command.data);
    return h.bot.waitForBotMessage(owner.telegramId, (m) => m.message_id === command.message.message_id && m.edited);
  }

  it("lists delivered generations and tool results, newest first, five to a page", async () => {
    const delivered = runs.filter((r) => r.status === "delivered").reverse();
    expect(delivered).toHaveLength(7);
    expect(runs.some((r) => r.status === "failed")).toBe(true);

    const first = await openPage("/images");
    expect(first.text).toContain(t("images-title", { page: 1, pages: 2 }));
    expect(first.text).toContain("5. ");
    expect(first.text).not.toContain("6. ");
    expect(first.text).toContain("picture 6: a very long description");
    expect(first.text).toContain("…");
    expect(first.text).toContain("picture 2: a fox & <a> hound");
    expect(first.text).not.toContain("picture 1:");
    expect(first.text).not.toContain("this one fails");
    expect(first.text).toContain("Nano Banana Pro");
    expect(buttonData(first)).toEqual([
      ...delivered.slice(0, 5).map((r) => `img:send:${r.publicId}`),
      "img:page:1",
      "home:profile",
      "home:show",
    ]);
    expect(buttonTexts(first).slice(0, 5)).toEqual([1, 2, 3, 4, 5].map((n) => t("btn-images-send", { number: n })));

    const second = await openPage({ message: first, data: "img:page:1" });
    expect(second.text).toContain(t("images-title", { page: 2, pages: 2 }));
    expect(second.text).toContain("picture 1: a fox & <a> hound");
    // The tool result: its name and option instead of a prompt.
    expect(second.text).toContain(`7. `);
    expect(second.text).toContain("🔍 Upscale · 4K");
    expect(buttonData(second)).toEqual([...delivered.slice(5).map((r) => `img:send:${r.publicId}`), "img:page:0", "home:profile", "home:show"]);
  });

  it("sends every result again by its Telegram file id after the provider has deleted its copies", async () => {
    const { h, fake } = app;
    fake.deleteOutputs();
    const delivered = runs.filter((r) => r.status === "delivered").reverse();
    for (const row of delivered) {
      expect((await fetch(row.outputs[0] ?? "")).status, "the provider's copy is gone").toBe(404);
    }
    const providerRequests = fake.requests.length;
    let page = await openPage("/images");
    for (const [index, row] of delivered.entries()) {
      if (index === 5) page = await openPage({ message: page, data: "img:page:1" });
      h.bot.markCalls();
      await owner.actor.pressButton(page.message_id, `img:send:${row.publicId}`);
      const call = await h.bot.waitForCall("sendDocument", (c) => c.payload.chat_id === owner.telegramId);
      expect(call.ok, JSON.stringify(call.error)).toBe(true);
      // By the stored file id itself — no upload, no provider URL — and with the caption it first had.
      expect(call.payload.document).toBe(row.resultFileIds[0]);
      const again = call.result as { document: { file_unique_id: string }; caption?: string };
      const original = firstDelivery(row).result as { document: { file_unique_id: string }; caption?: string };
      expect(again.document.file_unique_id).toBe(original.document.file_unique_id);
      expect(again.caption).toBe(original.caption);
    }
    // Not one request to the provider: its copies are not needed any more.
    expect(fake.requests.slice(providerRequests).filter((r) => r.path.startsWith("/outputs/"))).toEqual([]);
  }, 60_000);

  it("opens from the home menu, is empty for a new user, and never sends someone else's image", async () => {
    const { h } = app;
    const stranger = await onboarded(h, 0);
    h.bot.markCalls();
    await stranger.actor.sendText("/images");
    const empty = await h.bot.waitForBotMessage(stranger.telegramId);
    expect(empty.text).toBe(t("images-empty"));

    h.bot.markCalls();
    await stranger.actor.sendText("/start");
    const home = await h.bot.waitForBotMessage(stranger.telegramId, (m) => buttonData(m).includes("img:page:0"));
    await stranger.actor.pressButton(home, "img:page:0");
    const fromHome = await h.bot.waitForBotMessage(stranger.telegramId, (m) => m.edited && m.message_id === home.message_id);
    expect(fromHome.text).toBe(t("images-empty"));

    // A forged press naming the owner's image: refused, nothing sent.
    const before = h.bot.calls.filter((c) => c.method === "sendDocument").length;
    const owned = runs.find((r) => r.status === "delivered")!;
    h.bot.pushUpdate({
      callback_query: {
        id: "forged-images-1",
        from: { id: stranger.telegramId, is_bot: false, first_name: "Gena" },
        chat_instance: "forged",
        message: { message_id: home.message_id, date: 0, chat: { id: stranger.telegramId, type: "private", first_name: "Gena" } },
        data: `img:send:${owned.publicId}`,
      },
    });
    await waitUntil(() => h.bot.calls.some((c) => c.method === "answerCallbackQuery" && c.payload.callback_query_id === "forged-images-1"), "the forged press is answered");
    const answer = h.bot.calls.find((c) => c.method === "answerCallbackQuery" && c.payload.callback_query_id === "forged-images-1")!;
    expect(answer.payload.text).toBe(t("images-gone"));
    expect(h.bot.calls.filter((c) => c.method === "sendDocument")).toHaveLength(before);
  });
});
