import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generations, users, type GenerationRow } from "../../../src/db/schema/index.js";
import type { PostedReference } from "../../../src/domain/gallery/gallery-posts.js";
import { DELETION_REASONS } from "../../../src/domain/privacy/deletion-reasons.js";
import { credit } from "../../../src/domain/ledger/ledger.js";
import { LEDGER_KINDS } from "../../../src/domain/ledger/ledger-kinds.js";
import type { UserActor } from "../../../src/sandbox/telegram-emulator/index.js";
import { plainText } from "../../support/plain-text.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { waitUntil } from "../../support/wait.js";
import { buttonData, generateButton, solidImage, startGenerationApp, userRow, type GenerationHarness } from "../generation/generation-harness.js";

const CHANNEL = -1001234567891;
const ADMIN = 976_001;
let nextId = 976_100;

interface Person {
  telegramId: number;
  userId: number;
  user: UserActor;
}

describe.each(TEST_TARGETS)("gallery posts follow the user's consent on $name", (target) => {
  let h: GenerationHarness;
  beforeAll(async () => {
    h = await startGenerationApp(target, {
      GALLERY_CHANNEL_ID: String(CHANNEL),
      TRIAL_GENERATIONS: "0",
      DEFAULT_LOCALE: "en",
      ADMIN_IDS: String(ADMIN),
    });
    h.bot.addChannel(CHANNEL, "Bananapics gallery", "bananapics_gallery");
    // The admin opened the bot once, so it may write to them.
    await h.bot.user({ id: ADMIN, first_name: "Admin", language_code: "en" }).sendText("/start");
    await h.bot.waitForBotMessage(ADMIN);
  });
  afterAll(async () => {
    await h?.stop();
  });

  const t = (key: string) => plainText(h.app.translator.t("en", key));
  const channelIds = () => h.bot.chat(CHANNEL).messages.map((m) => m.message_id);
  const channelMessage = (id: number) => h.bot.chat(CHANNEL).messages.find((m) => m.message_id === id);
  const generationRow = async (id: number): Promise<GenerationRow> => (await h.app.database.db.select().from(generations).where(eq(generations.id, id)))[0]!;
  /** Successful deleteMessage calls in the channel, per message id. */
  const deletions = (id: number) => h.bot.calls.filter((c) => c.method === "deleteMessage" && c.ok && Number(c.payload.chat_id) === CHANNEL && Number(c.payload.message_id) === id);

  /** Onboards someone in English with credits, opted in to the gallery (and its references when asked). */
  async function person(references: boolean): Promise<Person> {
    const telegramId = ++nextId;
    const user = h.bot.user({ id: telegramId, first_name: `Gal${telegramId}`, language_code: "en" });
    h.bot.markCalls();
    await user.sendText("/start");
    await user.pressButton(await h.bot.waitForBotMessage(telegramId), "onb:lang:en");
    await user.pressButton(await h.bot.waitForBotMessage(telegramId, (m) => buttonData(m).includes("onb:accept")), "onb:accept");
    await h.bot.waitForBotMessage(telegramId, (m) => buttonData(m).includes("home:create"));
    const { id: userId } = await userRow(h, telegramId);
    await credit(h.app.database.db, { userId, amount: 1000, kind: LEDGER_KINDS.adminAdjustment, reference: "test", idempotencyKey: `removal:${telegramId}`, note: "test" });
    await setPreference({ telegramId, userId, user }, "gal:on");
    if (references) await setPreference({ telegramId, userId, user }, "galref:on");
    return { telegramId, userId, user };
  }

  /** Presses a settings toggle and returns the settings screen shown after it. */
  async function setPreference(p: Person, toggle: string) {
    h.bot.markCalls();
    await p.user.sendText("/settings");
    const screen = await h.bot.waitForBotMessage(p.telegramId, (m) => buttonData(m).includes(`set:pref:${toggle}`));
    h.bot.markCalls();
    await p.user.pressButton(screen, `set:pref:${toggle}`);
    return h.bot.waitForBotMessage(p.telegramId, (m) => m.edited && (m.text ?? "").includes(t("settings-title")));
  }

  /** Generates with a photo as reference and waits until the result (and the references when allowed) are in the channel. */
  async function postedGeneration(p: Person, prompt: string, references: boolean): Promise<GenerationRow> {
    h.bot.markCalls();
    await p.user.sendPhoto({ image: await solidImage({ r: 30, g: 120, b: 240 }), caption: prompt });
    const menu = await h.bot.waitForBotMessage(p.telegramId, (m) => buttonData(m).some((d) => d.startsWith("g:go:")), 10_000);
    await p.user.pressButton(menu, generateButton(menu).data);
    let row: GenerationRow | undefined;
    await waitUntil(
      async () => {
        row = (await h.app.database.db.select().from(generations).where(eq(generations.userId, p.userId))).at(-1);
        return row?.galleryMessageId != null && (!references || row.galleryReferencesMessageId != null);
      },
      `${prompt} is in the gallery`,
      30_000,
    );
    expect(channelIds()).toContain(row!.galleryMessageId);
    if (references) expect(channelIds()).toContain(row!.galleryReferencesMessageId);
    return row!;
  }

  it("leaving the gallery takes the user's posts out of the channel and forgets their ids", async () => {
    const p = await person(true);
    const row = await postedGeneration(p, "a red kite over dunes", true);
    const posted = [row.galleryMessageId!, row.galleryReferencesMessageId!];
    expect((row.references as PostedReference[])[0]?.galleryMessageId).toBe(row.galleryReferencesMessageId);

    const screen = await setPreference(p, "gal:off");
    expect(screen.text).toContain(t("settings-gallery-removing"));
    await waitUntil(() => posted.every((id) => !channelIds().includes(id)), "both posts are gone from the channel", 15_000);
    for (const id of posted) expect(deletions(id)).toHaveLength(1);
    await waitUntil(async () => (await generationRow(row.id)).galleryMessageId === null, "the ids are forgotten");
    const after = await generationRow(row.id);
    expect(after.galleryReferencesMessageId).toBeNull();
    expect((after.references as PostedReference[]).every((r) => r.galleryMessageId === undefined)).toBe(true);
    expect(after.references.map((r) => r.fileId)).toEqual(row.references.map((r) => r.fileId));
  }, 90_000);

  it("withdrawing only the reference images removes those and keeps the result", async () => {
    const p = await person(true);
    const row = await postedGeneration(p, "a paper boat on a pond", true);
    const screen = await setPreference(p, "galref:off");
    expect(screen.text).toContain(t("settings-gallery-references-removing"));
    await waitUntil(() => !channelIds().includes(row.galleryReferencesMessageId!), "the references post is gone", 15_000);
    await waitUntil(async () => (await generationRow(row.id)).galleryReferencesMessageId === null, "its id is forgotten");
    expect(channelIds()).toContain(row.galleryMessageId);
    expect((await generationRow(row.id)).galleryMessageId).toBe(row.galleryMessageId);
    expect(deletions(row.galleryMessageId!)).toHaveLength(0);
  }, 90_000);

  it("a deletion request takes the posts down at once and says so; the erasure then leaves no ids behind", async () => {
    const p = await person(false);
    const row = await postedGeneration(p, "a lantern in fog", false);
    h.bot.markCalls();
    await p.user.sendText("/deleteme");
    const explanation = await h.bot.waitForBotMessage(p.telegramId, (m) => buttonData(m).includes("priv:del-yes"));
    h.bot.markCalls();
    await p.user.pressButton(explanation, "priv:del-yes");
    const confirmation = await h.bot.waitForBotMessage(p.telegramId, (m) => buttonData(m).includes("priv:cancel"));
    expect(confirmation.text).toContain(t("privacy-deletion-gallery-removing"));
    await waitUntil(() => !channelIds().includes(row.galleryMessageId!), "the post is gone", 15_000);
    // The job forgets the ids right after the last message went.
    await waitUntil(async () => (await generationRow(row.id)).galleryMessageId === null, "the id is forgotten");

    const outcome = await h.app.privacy.eraseNow(p.userId, { adminTelegramId: ADMIN, reason: DELETION_REASONS.adminRequest });
    expect(outcome.status).toBe("erased");
    expect(await generationRow(row.id)).toMatchObject({ galleryMessageId: null, galleryReferencesMessageId: null, resultFileIds: [] });
  }, 90_000);

  it("an admin's erasure waits until the posts are out of the channel, then erases", async () => {
    const p = await person(true);
    const row = await postedGeneration(p, "a quiet orchard", true);
    const outcome = await h.app.privacy.eraseNow(p.userId, { adminTelegramId: ADMIN, reason: DELETION_REASONS.adminRequest });
    expect(outcome).toMatchObject({ status: "deferred", activeGenerations: 0, galleryPosts: 1 });
    await waitUntil(
      () => !channelIds().includes(row.galleryMessageId!) && !channelIds().includes(row.galleryReferencesMessageId!),
      "both posts are gone",
      15_000,
    );
    await waitUntil(async () => (await generationRow(row.id)).galleryMessageId === null, "the ids are forgotten");
    expect((await h.app.privacy.purgeDue(15 * 60 * 1000)).erased).toBeGreaterThanOrEqual(1);
    expect((await h.app.database.db.select().from(users).where(eq(users.id, p.userId)))[0]?.erasedAt).not.toBeNull();
    expect(await generationRow(row.id)).toMatchObject({ galleryMessageId: null, galleryReferencesMessageId: null, prompt: "" });
  }, 90_000);

  it("a post too old to delete is replaced by a neutral placeholder, and its id is dropped", async () => {
    const p = await person(false);
    const row = await postedGeneration(p, "an old lighthouse", false);
    const before = channelMessage(row.galleryMessageId!)!;
    // What Telegram answers for a channel post older than 48 hours when the bot may not delete others' messages.
    h.bot.failNext("deleteMessage", { error_code: 400, description: "Bad Request: message can't be deleted" });
    h.bot.markCalls();
    await setPreference(p, "gal:off");
    const edit = await h.bot.waitForCall("editMessageMedia", (c) => Number(c.payload.chat_id) === CHANNEL && c.ok, 15_000);
    expect(Number(edit.payload.message_id)).toBe(row.galleryMessageId);
    const replaced = channelMessage(row.galleryMessageId!)!;
    expect(replaced.caption).toBe(t("gallery-removed-caption"));
    expect(replaced.document?.file_id).toBeDefined();
    expect(replaced.document?.file_id).not.toBe(before.document?.file_id);
    expect(JSON.stringify(replaced.message)).not.toContain("old lighthouse");
    await waitUntil(async () => (await generationRow(row.id)).galleryMessageId === null, "the id is dropped");
  }, 90_000);

  it("a post that can be neither deleted nor replaced is reported to the admins by link, never silently kept", async () => {
    const p = await person(false);
    const row = await postedGeneration(p, "a stubborn mountain", false);
    h.bot.failNext("deleteMessage", { error_code: 400, description: "Bad Request: message can't be deleted" });
    h.bot.failNext("editMessageMedia", { error_code: 400, description: "Bad Request: message can't be edited" });
    h.bot.markCalls();
    await setPreference(p, "gal:off");
    const alert = await h.bot.waitForBotMessage(ADMIN, (m) => (m.text ?? "").includes(`#${row.galleryMessageId}`), 15_000);
    expect(alert.text).toContain("can't be edited");
    const link = alert.entities?.find((e) => e.type === "text_link");
    expect(link).toMatchObject({ url: `https://t.me/c/${String(CHANNEL).slice(4)}/${row.galleryMessageId}` });
    expect(h.logLines.some((l) => l.includes("could be neither deleted nor replaced"))).toBe(true);
    expect(channelIds()).toContain(row.galleryMessageId);
    await waitUntil(async () => (await generationRow(row.id)).galleryMessageId === null, "the id is dropped after the report");
  }, 90_000);

  it("a failed removal is retried and removes the post once", async () => {
    const p = await person(false);
    const row = await postedGeneration(p, "a fleeting comet", false);
    // A flood wait longer than the Api's own retry waits: the job fails and pg-boss tries it again.
    h.bot.failNext("deleteMessage", { error_code: 429, description: "Too Many Requests: retry after 30", parameters: { retry_after: 30 } });
    h.bot.markCalls();
    await setPreference(p, "gal:off");
    await waitUntil(() => !channelIds().includes(row.galleryMessageId!), "the post is gone after the retry", 45_000);
    const attempts = h.bot.calls.filter((c) => c.method === "deleteMessage" && Number(c.payload.message_id) === row.galleryMessageId && Number(c.payload.chat_id) === CHANNEL);
    expect(attempts.map((c) => c.ok)).toEqual([false, true]);
    await waitUntil(async () => (await generationRow(row.id)).galleryMessageId === null, "the id is forgotten");
  }, 90_000);
});
