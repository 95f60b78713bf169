import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_TARGETS } from "../../support/targets.js";
import { plainText } from "../../support/plain-text.js";
import { buttonData, generateButton, ledgerOf, readyUser, solidImage, startGenerationApp, type GenerationHarness } from "./generation-harness.js";

let nextId = 920_000;

describe.each(TEST_TARGETS)("editing with reference images on $name", (target) => {
  let h: GenerationHarness;
  beforeAll(async () => {
    h = await startGenerationApp(target, { TRIAL_GENERATIONS: "0", ALBUM_DEBOUNCE_MS: "400" });
  });
  afterAll(async () => {
    await h?.stop();
  });

  const t = (key: string, vars?: Record<string, string | number>) => plainText(h.app.translator.t("en", key, vars));

  async function generateFrom(id: number, user: Awaited<ReturnType<typeof readyUser>>) {
    const menu = await h.bot.waitForBotMessage(id, (m) => buttonData(m).some((d) => d.startsWith("g:go:")), 10_000);
    const { data, price } = generateButton(menu);
    await user.pressButton(menu, data);
    const document = await h.bot.waitForCall("sendDocument", (c) => c.ok && c.payload.chat_id === id, 30_000);
    return { menu, price, document };
  }

  it("edits with one photo: the reference is uploaded to the provider, never passed as a Telegram URL", async () => {
    const id = ++nextId;
    const user = await readyUser(h, id, "en", 5000);
    h.bot.markCalls();
    await user.sendPhoto({ image: await solidImage({ r: 255, g: 0, b: 0 }), caption: "make it a sunset" });
    const { menu, price } = await generateFrom(id, user);
    expect(menu.text).toContain(t("generation-mode-edit", { count: 1 }));
    const submit = h.provider.requests.filter((r) => r.method === "POST" && r.path.endsWith("/edit") && JSON.stringify(r.body).includes("make it a sunset"));
    expect(submit).toHaveLength(1);
    const images = (submit[0]?.body as { images?: string[] }).images ?? [];
    expect(images).toHaveLength(1);
    expect(images[0]).toContain(h.provider.baseUrl);
    expect(JSON.stringify(h.provider.requests)).not.toContain("/file/bot");
    const { balance, sum } = await ledgerOf(h, id);
    expect(balance).toBe(5000 - (price as number));
    expect(sum).toBe(balance);
  });

  it("edits with an album of 5 (caption on any item) and with an image file", async () => {
    const id = ++nextId;
    const user = await readyUser(h, id, "en", 5000);
    h.bot.markCalls();
    const colors = [
      { r: 255, g: 0, b: 0 },
      { r: 0, g: 255, b: 0 },
      { r: 0, g: 0, b: 255 },
      { r: 255, g: 255, b: 0 },
      { r: 0, g: 255, b: 255 },
    ];
    const items = await Promise.all(colors.map(async (c) => ({ kind: "photo" as const, image: await solidImage(c) })));
    await user.sendAlbum(items, "blend these five");
    const { menu } = await generateFrom(id, user);
    expect(menu.text).toContain(t("generation-mode-edit", { count: 5 }));
    const submit = h.provider.requests.find((r) => r.method === "POST" && JSON.stringify(r.body).includes("blend these five"));
    expect((submit?.body as { images?: string[] }).images).toHaveLength(5);

    h.bot.markCalls();
    await user.sendDocument({ file_name: "photo.png", mime_type: "image/png", content: await solidImage({ r: 10, g: 20, b: 30 }), caption: "file edit" });
    const { menu: fileMenu } = await generateFrom(id, user);
    expect(fileMenu.text).toContain(t("generation-mode-edit", { count: 1 }));
  });

  it("refuses too many references for the model, a non-image file and an oversized file, charging nothing", async () => {
    const id = ++nextId;
    const user = await readyUser(h, id, "en", 5000);
    const image = await solidImage({ r: 1, g: 2, b: 3 });

    // An album of 5 on Qwen (at most 3 references): a clear message, no charge.
    h.bot.markCalls();
    await user.sendAlbum(Array.from({ length: 5 }, () => ({ kind: "photo" as const, image })), "too many for qwen");
    const menu = await h.bot.waitForBotMessage(id, (m) => buttonData(m).some((d) => d.startsWith("g:go:")), 10_000);
    const draftId = buttonData(menu).find((d) => d.startsWith("g:go:"))?.split(":")[2];
    await user.pressButton(menu, `g:m:${draftId}`);
    await h.bot.waitForBotMessage(id, (m) => buttonData(m).includes(`g:sm:${draftId}:qwen-image`));
    await user.pressButton(menu.message_id, `g:sm:${draftId}:qwen-image`);
    const qwenMenu = await h.bot.waitForBotMessage(id, (m) => m.edited && (m.text ?? "").includes("Qwen Image") && buttonData(m).some((d) => d.startsWith("g:go:")));
    expect(qwenMenu.text).toContain(t("generation-references-over-limit", { model: "Qwen Image", limit: 3, count: 5 }));
    const answer = await user.pressButton(qwenMenu, generateButton(qwenMenu).data);
    expect(answer?.text).toBe(t("generation-too-many-references", { model: "Qwen Image", limit: 3, count: 5 }));

    h.bot.markCalls();
    await user.sendDocument({ file_name: "notes.png", mime_type: "image/png", content: Buffer.from("%PDF-1.4 definitely not an image") });
    expect((await h.bot.waitForBotMessage(id)).text).toBe(t("generation-not-an-image", { name: "notes.png" }));

    h.bot.markCalls();
    await user.sendDocument({ file_name: "report.pdf", mime_type: "application/pdf", content: Buffer.from("%PDF-1.4") });
    expect((await h.bot.waitForBotMessage(id)).text).toBe(t("generation-not-an-image", { name: "report.pdf" }));

    h.bot.markCalls();
    const huge = Buffer.alloc(21 * 1024 * 1024, 0xff);
    image.copy(huge);
    await user.sendDocument({ file_name: "huge.png", mime_type: "image/png", content: huge });
    expect((await h.bot.waitForBotMessage(id, undefined, 15_000)).text).toBe(t("generation-file-too-large", { name: "huge.png", limit: 20 }));

    const { balance, entries } = await ledgerOf(h, id);
    expect(balance).toBe(5000);
    expect(entries.filter((e) => e.kind === "generation_charge")).toEqual([]);
  });
});
