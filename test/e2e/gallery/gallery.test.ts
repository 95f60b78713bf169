import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../../src/db/schema/index.js";
import { credit } from "../../../src/domain/ledger/ledger.js";
import { LEDGER_KINDS } from "../../../src/domain/ledger/ledger-kinds.js";
import { enqueueGalleryPost } from "../../../src/jobs/gallery/enqueue-gallery-post.js";
import type { ApiCallRecord, UserActor } from "../../../src/sandbox/telegram-emulator/index.js";
import { plainText } from "../../support/plain-text.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { waitUntil } from "../../support/wait.js";
import { buttonData, generateButton, ledgerOf, solidImage, startGenerationApp, userRow, type GenerationHarness } from "../generation/generation-harness.js";
import { pressForScreen, runsOf, sendPictureForTools, startButton, toolButton } from "../tools/tool-helpers.js";

const CHANNEL = -1001234567890;
let nextId = 975_000;

/** Someone whose identity must never reach the channel: an unusual name, a username and their id. */
interface Person {
  id: number;
  user: UserActor;
  firstName: string;
  lastName: string;
  username: string;
}

/** Every call the bot made into the gallery channel. */
function channelCalls(h: GenerationHarness): ApiCallRecord[] {
  return h.bot.calls.filter((c) => Number(c.payload.chat_id) === CHANNEL);
}

/** How many gallery-post jobs have finished, by outcome. */
async function galleryJobs(h: GenerationHarness): Promise<number> {
  const metric = await h.app.metrics.jobsProcessed.get();
  return metric.values.filter((v) => v.labels.queue === "gallery-post").reduce((sum, v) => sum + v.value, 0);
}

describe.each(TEST_TARGETS)("the gallery channel on $name", (target) => {
  let h: GenerationHarness;
  beforeAll(async () => {
    h = await startGenerationApp(target, { GALLERY_CHANNEL_ID: String(CHANNEL), TRIAL_GENERATIONS: "0", DEFAULT_LOCALE: "en" });
    h.bot.addChannel(CHANNEL, "Bananapics gallery", "bananapics_gallery");
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** Onboards a person in English with 1000 credits and sets their gallery choices through /settings. */
  async function person(gallery: { results: boolean; references: boolean }): Promise<Person> {
    const id = ++nextId;
    const firstName = `Quilliam${id}`;
    const lastName = `Zebrowski${id}`;
    const username = `qz_private_${id}`;
    const user = h.bot.user({ id, first_name: firstName, last_name: lastName, username, language_code: "en" });
    h.bot.markCalls();
    await user.sendText("/start");
    await user.pressButton(await h.bot.waitForBotMessage(id), "onb:lang:en");
    await user.pressButton(await h.bot.waitForBotMessage(id, (m) => buttonData(m).includes("onb:accept")), "onb:accept");
    await h.bot.waitForBotMessage(id, (m) => buttonData(m).includes("home:create"));
    await credit(h.app.database.db, {
      userId: (await userRow(h, id)).id,
      amount: 1000,
      kind: LEDGER_KINDS.adminAdjustment,
      reference: "test",
      idempotencyKey: `gallery-test:${id}`,
      note: "test setup",
    });
    if (gallery.results) {
      h.bot.markCalls();
      await user.sendText("/settings");
      await user.pressButton(await h.bot.waitForBotMessage(id), "set:pref:gal:on");
      if (gallery.references) {
        const settings = await h.bot.waitForBotMessage(id, (m) => m.edited && buttonData(m).includes("set:pref:galref:on"));
        await user.pressButton(settings, "set:pref:galref:on");
        await waitUntil(async () => (await userRow(h, id)).galleryReferencesOptIn, "the references opt-in is saved");
      }
      await waitUntil(async () => (await userRow(h, id)).galleryOptIn, "the gallery opt-in is saved");
    }
    return { id, user, firstName, lastName, username };
  }

  /** Sends a prompt (with a photo as reference when `photo` is set), presses Generate and waits until it is delivered. */
  async function generate(p: Person, prompt: string, photo = false) {
    h.bot.markCalls();
    if (photo) await p.user.sendPhoto({ image: await solidImage({ r: 250, g: 200, b: 0 }), caption: prompt });
    else await p.user.sendText(prompt);
    const menu = await h.bot.waitForBotMessage(p.id, (m) => buttonData(m).some((d) => d.startsWith("g:go:")), 10_000);
    await p.user.pressButton(menu, generateButton(menu).data);
    let row: Awaited<ReturnType<typeof runsOf>>[number] | undefined;
    await waitUntil(async () => (row = (await runsOf(h, p.id)).at(-1))?.status === "delivered", `${prompt} is delivered`, 30_000);
    return row!;
  }

  function expectNoIdentity(p: Person, calls: ApiCallRecord[]): void {
    const everything = JSON.stringify(calls.map((c) => [c.payload, c.result]));
    for (const secret of [String(p.id), p.firstName, p.lastName, p.username]) expect(everything).not.toContain(secret);
  }

  it("posts an opted-in user's result with the model hashtag and the prompt, and nothing that identifies them", async () => {
    const p = await person({ results: true, references: false });
    const before = channelCalls(h).length;
    const row = await generate(p, "a lighthouse at dawn <b>bold</b> & calm");
    await waitUntil(() => channelCalls(h).length > before, "the gallery post", 15_000);
    const [post, ...more] = channelCalls(h).slice(before);
    expect(more).toEqual([]);
    expect(post).toMatchObject({ method: "sendDocument", ok: true });
    expect(post!.payload.document).toBe(row.resultFileIds[0]);
    // The default model of a new user: the first enabled one.
    expect(row.modelKey).toBe("seedream-v4");
    const result = post!.result as { message_id: number; caption: string };
    expect(result.caption).toBe(plainText(h.app.translator.t("en", "gallery-caption", { hashtag: "SeedreamV4", prompt: row.prompt })));
    expect(result.caption).toContain("a lighthouse at dawn <b>bold</b> & calm");
    expectNoIdentity(p, channelCalls(h));
    await waitUntil(async () => (await runsOf(h, p.id))[0]?.galleryMessageId === result.message_id, "the post's id is stored");

    // Idempotent: the same post job again (a retry, a duplicate) posts nothing more.
    const jobs = await galleryJobs(h);
    await enqueueGalleryPost(h.app.queue, row.id);
    await waitUntil(async () => (await galleryJobs(h)) > jobs, "the repeated job ran", 10_000);
    expect(channelCalls(h).slice(before)).toHaveLength(1);
  }, 60_000);

  it("never posts for a user who did not opt in, nor any tool result", async () => {
    const p = await person({ results: false, references: false });
    const before = channelCalls(h).length;
    const jobs = await galleryJobs(h);
    const row = await generate(p, "a private still life");
    expect(row.galleryMessageId).toBeNull();

    const q = await person({ results: true, references: true });
    const { offer } = await sendPictureForTools(h, q.id, q.user, await solidImage({ r: 1, g: 2, b: 3 }));
    const screen = await pressForScreen(h, q.id, q.user, offer, toolButton(offer, "watermark"));
    await q.user.pressButton(screen.message_id, startButton(screen).data);
    await waitUntil(async () => (await runsOf(h, q.id))[0]?.status === "delivered", "the tool result is delivered", 30_000);

    // The post is decided with the delivery: no job was even enqueued, so none can post later.
    const tool = (await runsOf(h, q.id))[0]!;
    const enqueued = await h.app.database.db.execute(
      sql`select count(*)::int as n from pgboss.job where name = 'gallery-post' and (data->>'generationId')::bigint in (${row.id}, ${tool.id})`,
    );
    expect(JSON.stringify(enqueued)).toContain('"n":0');
    expect(await galleryJobs(h)).toBe(jobs);
    expect(channelCalls(h).slice(before)).toEqual([]);
  }, 60_000);

  it("posts the reference images under the result only for a user who allowed that too", async () => {
    const onlyResults = await person({ results: true, references: false });
    let before = channelCalls(h).length;
    await generate(onlyResults, "turn it into a sunflower field", true);
    await waitUntil(() => channelCalls(h).length > before, "the result post", 15_000);
    await waitUntil(async () => (await galleryJobs(h)) > 0 && (await runsOf(h, onlyResults.id))[0]?.galleryMessageId !== null, "the post is recorded");
    expect(channelCalls(h).slice(before).map((c) => c.method)).toEqual(["sendDocument"]);
    expect((await runsOf(h, onlyResults.id))[0]?.galleryReferencesMessageId).toBeNull();

    const withReferences = await person({ results: true, references: true });
    before = channelCalls(h).length;
    const row = await generate(withReferences, "turn it into a lemon grove", true);
    await waitUntil(() => channelCalls(h).length >= before + 2, "the result and reference posts", 15_000);
    const [result, references] = channelCalls(h).slice(before);
    expect(result).toMatchObject({ method: "sendDocument", ok: true });
    expect(references).toMatchObject({ method: "sendPhoto", ok: true });
    expect(references!.payload.photo).toBe(row.references[0]?.fileId);
    const posted = references!.result as { caption: string; reply_to_message?: { message_id: number } };
    expect(posted.caption).toBe(plainText(h.app.translator.t("en", "gallery-references-caption")));
    expect(posted.reply_to_message?.message_id).toBe((result!.result as { message_id: number }).message_id);
    expectNoIdentity(withReferences, channelCalls(h));
    expectNoIdentity(onlyResults, channelCalls(h));
    await waitUntil(async () => (await runsOf(h, withReferences.id))[0]?.galleryReferencesMessageId !== null, "the references post is recorded");

    // Several references go as one album under the result.
    before = channelCalls(h).length;
    h.bot.markCalls();
    const picture = await solidImage({ r: 20, g: 200, b: 90 });
    await withReferences.user.sendAlbum([{ kind: "photo", image: picture }, { kind: "photo", image: picture }], "blend the two");
    const menu = await h.bot.waitForBotMessage(withReferences.id, (m) => buttonData(m).some((d) => d.startsWith("g:go:")), 10_000);
    await withReferences.user.pressButton(menu, generateButton(menu).data);
    await waitUntil(() => channelCalls(h).length >= before + 2, "the result and the album of references", 30_000);
    const [albumResult, album] = channelCalls(h).slice(before);
    expect(albumResult?.method).toBe("sendDocument");
    expect(album).toMatchObject({ method: "sendMediaGroup", ok: true });
    const albumRow = (await runsOf(h, withReferences.id)).at(-1)!;
    expect((album!.payload.media as Array<{ type: string; media: string }>).map((m) => [m.type, m.media])).toEqual(
      albumRow.references.map((r) => ["photo", r.fileId]),
    );
    expectNoIdentity(withReferences, channelCalls(h));
  }, 90_000);
});

describe.each(TEST_TARGETS)("a gallery channel that refuses posts on $name", (target) => {
  let h: GenerationHarness;
  beforeAll(async () => {
    // A channel the bot cannot post to (the emulator does not know it): "chat not found".
    h = await startGenerationApp(target, { GALLERY_CHANNEL_ID: "-1009999999999", TRIAL_GENERATIONS: "0" });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it("never affects the user's delivery or money", async () => {
    const id = ++nextId;
    const user = h.bot.user({ id, first_name: "Opted", language_code: "en" });
    h.bot.markCalls();
    await user.sendText("/start");
    await user.pressButton(await h.bot.waitForBotMessage(id), "onb:lang:en");
    await user.pressButton(await h.bot.waitForBotMessage(id, (m) => buttonData(m).includes("onb:accept")), "onb:accept");
    await h.bot.waitForBotMessage(id, (m) => buttonData(m).includes("home:create"));
    const row = await userRow(h, id);
    await h.app.database.db.update(users).set({ galleryOptIn: true }).where(eq(users.id, row.id));
    await credit(h.app.database.db, { userId: row.id, amount: 500, kind: LEDGER_KINDS.adminAdjustment, reference: "test", idempotencyKey: `gallery-refused:${id}`, note: "test" });

    h.bot.markCalls();
    await user.sendText("a quiet harbour");
    const menu = await h.bot.waitForBotMessage(id, (m) => buttonData(m).some((d) => d.startsWith("g:go:")), 10_000);
    const { data, price } = generateButton(menu);
    await user.pressButton(menu, data);
    await waitUntil(
      () => h.logLines.some((line) => line.includes("the gallery channel refused the post")),
      "the refused post is logged for the operator",
      30_000,
    );
    const [run] = await runsOf(h, id);
    expect(run).toMatchObject({ status: "delivered", galleryMessageId: null, refundedAt: null });
    expect(h.bot.calls.filter((c) => c.method === "sendDocument" && c.payload.chat_id === id && c.ok)).toHaveLength(1);
    expect((await ledgerOf(h, id)).balance).toBe(500 - (price as number));
  }, 60_000);
});
