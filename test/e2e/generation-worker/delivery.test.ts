import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CAPTION_LIMIT } from "../../../src/domain/generation/result-caption.js";
import { plainText } from "../../support/plain-text.js";
import { TEST_TARGETS } from "../../support/targets.js";
import {
  callbackData,
  createGeneration,
  documentsSentTo,
  expectTokenNeverLeaked,
  moneyOf,
  newUser,
  sendReferences,
  settled,
  startGenerationApp,
  statusMessage,
  submitsSeen,
  type GenerationApp,
} from "./harness.js";

describe.each(TEST_TARGETS)("generation delivery on $name", (target) => {
  let app: GenerationApp;
  beforeAll(async () => {
    app = await startGenerationApp(target);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("delivers a text-to-image result as a document replying to the prompt, with caption, file id and done status", async () => {
    const { h, fake } = app;
    const user = await newUser(h, 1000);
    const submitsBefore = submitsSeen(fake).length;
    const generation = await createGeneration(h, user, { prompt: "a <small> banana & a \"moon\"" });

    const row = await settled(h, generation.id);
    expect(row.status).toBe("delivered");
    const [sent, ...more] = documentsSentTo(h, user.telegramId);
    expect(more).toHaveLength(0);
    const message = sent!.result as { message_id: number; document: { file_id: string; file_name: string }; caption: string; reply_to_message?: { message_id: number } };
    expect(row.resultFileIds).toEqual([message.document.file_id]);
    expect(message.document.file_name).toBe(`bananapics-${row.publicId}.png`);
    expect(message.reply_to_message?.message_id).toBe(row.promptMessageId);
    expect(message.caption).toBe(plainText(h.app.translator.t("en", "generation-result-caption", { hashtag: "NanoBananaPro", prompt: row.prompt })));
    expect(message.caption).toContain('a <small> banana & a "moon"');
    const delivered = h.bot.chat(user.telegramId).messages.find((m) => m.message_id === message.message_id)!;
    expect(callbackData(delivered)).toEqual([`gen:again:${row.publicId}`]);

    expect(statusMessage(h, row).text).toBe(plainText(h.app.translator.t("en", "generation-status-done", { model: "Nano Banana Pro" })));
    expect(await moneyOf(h, user, row.id)).toMatchObject({ balance: 850, ledgerSum: 850, charges: 1, refunds: 0 });

    const submits = submitsSeen(fake).slice(submitsBefore);
    expect(submits).toHaveLength(1);
    expect(submits[0]).toMatchObject({ path: "/api/v3/google/nano-banana-pro/text-to-image", body: { prompt: row.prompt, resolution: "1k" } });
    expect(submits[0]!.query["webhook"]).toBeUndefined();
  });

  it.each([1, 5])("an edit with %i reference(s) uploads each image to the provider and submits only the uploaded URLs", async (count) => {
    const { h, fake } = app;
    const user = await newUser(h, 1000);
    const references = await sendReferences(user, count);
    const before = fake.requests.length;
    const generation = await createGeneration(h, user, { references });

    const row = await settled(h, generation.id);
    expect(row.status).toBe("delivered");
    const requests = fake.requests.slice(before);
    expect(requests.filter((r) => r.path === "/api/v3/media/upload/binary")).toHaveLength(count);
    const [submit, ...again] = submitsSeen({ ...fake, requests });
    expect(again).toHaveLength(0);
    expect(submit!.path).toBe("/api/v3/google/nano-banana-pro/edit");
    const images = (submit!.body as { images: string[] }).images;
    expect(images).toHaveLength(count);
    expect(row.references.map((r) => r.uploadedUrl)).toEqual(images);
    for (const url of images) expect(url.startsWith(`${fake.baseUrl}/media/`)).toBe(true);
    expect(documentsSentTo(h, user.telegramId)).toHaveLength(1);
    expectTokenNeverLeaked(app);
  });

  it("cuts a long prompt so the caption stays within Telegram's limit, escaping it after the cut", async () => {
    const { h } = app;
    const user = await newUser(h, 1000);
    const prompt = `${"<b>&".repeat(300)}🍌${"x".repeat(400)}`;
    const generation = await createGeneration(h, user, { prompt });

    const row = await settled(h, generation.id);
    expect(row.status).toBe("delivered");
    const caption = (documentsSentTo(h, user.telegramId)[0]!.result as { caption: string }).caption;
    expect(caption.length).toBeLessThanOrEqual(CAPTION_LIMIT);
    expect(caption.length).toBeGreaterThan(CAPTION_LIMIT - 5);
    expect(caption).toContain("<b>&<b>&");
    expect(caption.endsWith("…")).toBe(true);
  });

  it("never hands the bot token to the provider or writes it to a log", () => {
    expectTokenNeverLeaked(app);
  });
});
