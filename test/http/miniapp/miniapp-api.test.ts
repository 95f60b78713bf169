import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generations, starOrders } from "../../../src/db/schema/index.js";
import type {
  GenerationPage,
  GenerationView,
  MeView,
  ModelsView,
  QuoteView,
  RegenerateQuoteView,
  TopUpView,
  UploadedReferenceView,
} from "../../../src/http/routes/miniapp/api-types.js";
import { readBotFile } from "../../../src/sandbox/chat-page/bot-file-reader.js";
import { TEST_BOT_TOKEN } from "../../support/bot-app.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { ledgerOf, readyUser, solidImage, startGenerationApp, userRow, type GenerationHarness } from "../../e2e/generation/generation-harness.js";
import { initDataFor, MiniAppStream, MiniAppTestClient } from "./miniapp-harness.js";
import { upscaleRun } from "../../support/tool-run-fixture.js";

let nextId = 960_000;
const code = MiniAppTestClient.code;

describe.each(TEST_TARGETS)("the Mini App API on $name", (target) => {
  let h: GenerationHarness;
  let base: string;

  beforeAll(async () => {
    h = await startGenerationApp(target, { TRIAL_GENERATIONS: "0", MINIAPP_AUTH_MAX_AGE_SECONDS: "600" });
    base = h.app.httpUrl() ?? "";
  });
  afterAll(async () => {
    await h?.stop();
  });

  const clientFor = (id: number, options?: Parameters<typeof initDataFor>[1]) => new MiniAppTestClient(base, initDataFor({ id }, options));

  /** A user who went through onboarding in the bot, with credits, and an app client for them. */
  async function appUser(credits: number) {
    const id = ++nextId;
    const actor = await readyUser(h, id, "en", credits);
    return { id, actor, app: clientFor(id) };
  }

  async function quotePrice(app: MiniAppTestClient, model: string, referenceCount: number): Promise<number> {
    const quote = await app.post<QuoteView>("/api/miniapp/quote", { model, params: {}, referenceCount });
    expect(quote.status).toBe(200);
    return quote.body.price;
  }

  it("authenticates by initData: valid, missing, tampered, signed by another bot and stale", async () => {
    const { id, app } = await appUser(1234);
    const me = await app.get<MeView>("/api/miniapp/me");
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { telegramId: id, locale: "en" }, balance: 1234, trialsLeft: 0 });

    const anonymous = await new MiniAppTestClient(base, undefined).get("/api/miniapp/me");
    expect([anonymous.status, code(anonymous)]).toEqual([401, "unauthorized"]);

    // Another user's id with the first user's signature: the hash no longer matches.
    const valid = initDataFor({ id });
    const forged = valid.replace(encodeURIComponent(`"id":${id}`), encodeURIComponent(`"id":${id + 1}`));
    expect(forged).not.toBe(valid);
    const tampered = await new MiniAppTestClient(base, forged).get("/api/miniapp/me");
    expect([tampered.status, code(tampered)]).toEqual([401, "init_data_invalid"]);

    const otherBot = await clientFor(id, { token: "7000000002:ANOTHERtokenAAAAbbbbCCCCddddEEEEff" }).get("/api/miniapp/me");
    expect([otherBot.status, code(otherBot)]).toEqual([401, "init_data_invalid"]);

    // MINIAPP_AUTH_MAX_AGE_SECONDS=600 in this suite.
    expect((await clientFor(id, { ageSeconds: 500 }).get("/api/miniapp/me")).status).toBe(200);
    const stale = await clientFor(id, { ageSeconds: 700 }).get("/api/miniapp/me");
    expect([stale.status, code(stale)]).toEqual([401, "init_data_expired"]);
  });

  it("refuses whom the bot refuses: unknown users, users who did not accept the policy, banned users", async () => {
    const unknown = await clientFor(++nextId).get("/api/miniapp/me");
    expect([unknown.status, code(unknown)]).toEqual([403, "not_registered"]);

    const newcomer = ++nextId;
    h.bot.markCalls();
    await h.bot.user({ id: newcomer, first_name: "New", language_code: "en" }).sendText("/start");
    await h.bot.waitForBotMessage(newcomer);
    const notAccepted = await clientFor(newcomer).get("/api/miniapp/me");
    expect([notAccepted.status, code(notAccepted)]).toEqual([403, "policy_not_accepted"]);

    const { id, app } = await appUser(500);
    expect((await app.get("/api/miniapp/me")).status).toBe(200);
    await h.app.users.ban(id, "test");
    for (const path of ["/api/miniapp/me", "/api/miniapp/generations", "/api/miniapp/models"]) {
      const banned = await app.get(path);
      expect([path, banned.status, code(banned)]).toEqual([path, 403, "banned"]);
    }
    const upload = await app.upload(await solidImage({ r: 1, g: 2, b: 3 }));
    expect([upload.status, code(upload)]).toEqual([403, "banned"]);
  });

  it("checks uploads by their bytes and size, and stores a good one in the user's chat like a bot reference", async () => {
    const { id, app } = await appUser(0);
    h.bot.markCalls();
    const pdf = await app.upload(Buffer.from("%PDF-1.4 not an image at all"), "image/png");
    expect([pdf.status, code(pdf)]).toEqual([415, "not_an_image"]);
    const gif = await app.upload(Buffer.from("GIF89a\u0001\u0000\u0001\u0000"), "image/gif");
    expect([gif.status, code(gif)]).toEqual([415, "not_an_image"]);
    const huge = Buffer.alloc(20 * 1024 * 1024 + 1, 0xff);
    (await solidImage({ r: 9, g: 9, b: 9 })).copy(huge);
    const tooLarge = await app.upload(huge);
    expect([tooLarge.status, code(tooLarge)]).toEqual([413, "file_too_large"]);
    expect(h.bot.calls.filter((c) => c.method === "sendDocument" && c.payload.chat_id === id)).toEqual([]);

    const jpeg = await app.upload(await solidImage({ r: 200, g: 10, b: 10 }, "jpeg"), "application/octet-stream");
    expect(jpeg.status).toBe(201);
    expect(jpeg.body).toMatchObject({ mimeType: "image/jpeg" });
    const sent = await h.bot.waitForCall("sendDocument", (c) => c.ok && c.payload.chat_id === id);
    expect(sent.payload.caption).toBe(h.app.translator.t("en", "miniapp-reference-caption"));
    expect(sent.payload.disable_notification).toBe(true);

    // A token is the user's own: another user cannot start a generation with it.
    const { app: other } = await appUser(5000);
    const price = await quotePrice(other, "nano-banana", 1);
    const stolen = await other.post("/api/miniapp/generations", {
      prompt: "with someone else's image",
      model: "nano-banana",
      references: [(jpeg.body as UploadedReferenceView).token],
      expectedPrice: price,
    });
    expect([stolen.status, code(stolen)]).toEqual([400, "reference_invalid"]);
  });

  it("starts a generation with an uploaded image on the bot's pipeline: charged once, delivered to the chat, seen live in the app", async () => {
    const { id, app } = await appUser(5000);
    const stream = await MiniAppStream.open(base, app.initData ?? "");
    try {
      const models = await app.get<ModelsView>("/api/miniapp/models");
      expect(models.body.models.map((m) => m.key)).toEqual((await h.app.catalog.listEnabled()).map((m) => m.key));
      const upload = await app.upload(await solidImage({ r: 0, g: 128, b: 255 }));
      expect(upload.status).toBe(201);
      const token = (upload.body as UploadedReferenceView).token;

      const price = await quotePrice(app, "nano-banana", 1);
      expect(price).toBe((await h.app.catalog.quote("nano-banana", "edit", {})).credits);

      // A price the app did not show is never charged.
      const stalePrice = await app.post("/api/miniapp/generations", { prompt: "a blue sky", model: "nano-banana", references: [token], expectedPrice: price + 1 });
      expect([stalePrice.status, code(stalePrice), (stalePrice.body as { error: { details: unknown } }).error.details]).toEqual([409, "price_changed", { price }]);
      expect((await ledgerOf(h, id)).balance).toBe(5000);

      h.bot.markCalls();
      const started = await app.post<GenerationView>("/api/miniapp/generations", {
        prompt: "  a blue sky over the sea  ",
        model: "nano-banana",
        params: {},
        references: [token],
        expectedPrice: price,
      });
      expect(started.status).toBe(201);
      expect(started.body).toMatchObject({ phase: "queued", prompt: "a blue sky over the sea", mode: "edit", price, source: "miniapp" });

      // The worker delivers to the chat as for the bot: a document with the caption and Regenerate.
      const delivered = await h.bot.waitForCall("sendDocument", (c) => c.ok && c.payload.chat_id === id && String(c.payload.caption ?? "").includes("a blue sky"), 30_000);
      const document = (delivered.result as { document?: { file_id: string } }).document;
      expect(document).toBeDefined();

      const done = await stream.waitFor((g) => g.id === started.body.id && g.phase === "done");
      expect(done.results.map((r) => r.fileId)).toEqual([document?.file_id]);
      const seen = stream.generations.filter((g) => g.id === started.body.id).map((g) => g.phase);
      expect(seen.at(-1)).toBe("done");

      const detail = await app.get<GenerationView>(`/api/miniapp/generations/${started.body.id}`);
      expect(detail.body).toMatchObject({ phase: "done", status: "delivered", failure: null });
      expect(detail.body.references).toHaveLength(1);

      // The app's image is the chat's file, through our proxy (no bot token in any URL it got).
      const [result] = detail.body.results;
      expect(JSON.stringify(detail.body)).not.toContain(TEST_BOT_TOKEN);
      const viaProxy = await fetch(`${base}${result?.url}`);
      expect(viaProxy.status).toBe(200);
      const fromChat = await readBotFile(h.emulator.apiRoot, TEST_BOT_TOKEN, result?.fileId ?? "");
      expect(Buffer.from(await viaProxy.arrayBuffer()).equals(fromChat?.bytes ?? Buffer.alloc(0))).toBe(true);
      const thumb = await fetch(`${base}${result?.thumbUrl}`);
      expect(thumb.headers.get("content-type")).toBe("image/webp");
      const download = await fetch(`${base}${result?.downloadUrl}`);
      expect(download.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="bananapics-${started.body.id}\\.(png|jpg|webp)"$`));

      // The reference went to the provider as an uploaded file, never as a Telegram URL.
      const submit = h.provider.requests.find((r) => r.method === "POST" && JSON.stringify(r.body).includes("a blue sky over the sea"));
      expect((submit?.body as { images?: string[] }).images?.[0]).toContain(h.provider.baseUrl);
      expect(JSON.stringify(h.provider.requests)).not.toContain("/file/bot");

      const ledger = await ledgerOf(h, id);
      expect(ledger.balance).toBe(5000 - price);
      expect(ledger.sum).toBe(ledger.balance);
      expect(ledger.entries.filter((e) => e.kind === "generation_charge")).toHaveLength(1);
    } finally {
      stream.close();
    }
  });

  it("a generation that fails is refunded once, told in the chat as a new message (it has no status message), and shown failed in the app", async () => {
    const { id, app } = await appUser(5000);
    const price = await quotePrice(app, "qwen-image", 0);
    h.provider.scriptNextTasks(["failed"]);
    h.bot.markCalls();
    const started = await app.post<GenerationView>("/api/miniapp/generations", { prompt: "this one fails", model: "qwen-image", references: [], expectedPrice: price });
    expect(started.status).toBe(201);
    const failed = await waitForPhase(app, started.body.id, "failed");
    expect(failed.failure).toEqual({ code: "provider_failed", refunded: true });
    const notice = await h.bot.waitForCall("sendMessage", (c) => c.ok && c.payload.chat_id === id && String(c.payload.text).includes("Qwen Image"), 10_000);
    expect(JSON.stringify(notice.payload.reply_markup)).toContain(`gen:retry:${started.body.id}`);
    const ledger = await ledgerOf(h, id);
    expect(ledger.balance).toBe(5000);
    expect(ledger.entries.map((e) => e.kind).sort()).toEqual(["admin_adjustment", "generation_charge", "generation_refund"]);
  });

  it("keeps users apart: another user's generation and files are 404", async () => {
    const owner = await appUser(5000);
    const price = await quotePrice(owner.app, "qwen-image", 0);
    const started = await owner.app.post<GenerationView>("/api/miniapp/generations", { prompt: "mine only", model: "qwen-image", references: [], expectedPrice: price });
    expect(started.status).toBe(201);
    const done = await waitForPhase(owner.app, started.body.id, "done");

    const intruder = await appUser(5000);
    const detail = await intruder.app.get(`/api/miniapp/generations/${started.body.id}`);
    expect([detail.status, code(detail)]).toEqual([404, "not_found"]);
    const regenerate = await intruder.app.post(`/api/miniapp/generations/${started.body.id}/regenerate`, {});
    expect([regenerate.status, code(regenerate)]).toEqual([404, "not_found"]);
    const missing = await intruder.app.get(`/api/miniapp/generations/00000000-0000-4000-8000-000000000000`);
    expect(missing.status).toBe(404);
    expect((await intruder.app.get<GenerationPage>("/api/miniapp/generations")).body.items).toEqual([]);

    const fileId = done.results[0]?.fileId ?? "";
    const byHeader = await intruder.app.get(`/api/miniapp/files/${fileId}`);
    expect([byHeader.status, code(byHeader)]).toEqual([404, "not_found"]);
    // The owner's ticket names the owner and this file: it opens nothing else and cannot be altered.
    const ownerUrl = new URL(`${base}${done.results[0]?.url}`);
    const ticket = ownerUrl.searchParams.get("t") ?? "";
    const forgedTicket = ticket.replace(/^\d+/, String(intruder.id));
    expect((await fetch(`${base}/api/miniapp/files/${fileId}?t=${forgedTicket}`)).status).toBe(401);
    expect((await fetch(`${base}/api/miniapp/files/${fileId}`)).status).toBe(401);
    expect((await fetch(ownerUrl)).status).toBe(200);
  });

  it("regenerates: the price first, then with that price a new generation with the same settings", async () => {
    const { id, app } = await appUser(5000);
    const price = await quotePrice(app, "qwen-image", 0);
    const first = await app.post<GenerationView>("/api/miniapp/generations", {
      prompt: "same again",
      model: "qwen-image",
      params: { size: "1024*1536" },
      references: [],
      expectedPrice: price,
    });
    expect(first.status).toBe(201);
    await waitForPhase(app, first.body.id, "done");

    const offer = await app.post<RegenerateQuoteView>(`/api/miniapp/generations/${first.body.id}/regenerate`, {});
    expect(offer.status).toBe(200);
    expect(offer.body).toMatchObject({ price, trial: false, balance: 5000 - price, model: { key: "qwen-image" } });
    expect((await ledgerOf(h, id)).balance).toBe(5000 - price);

    const again = await app.post<GenerationView>(`/api/miniapp/generations/${first.body.id}/regenerate`, { expectedPrice: offer.body.price });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ prompt: "same again", model: { key: "qwen-image" }, params: { size: "1024*1536" }, source: "miniapp" });
    expect(again.body.id).not.toBe(first.body.id);
    await waitForPhase(app, again.body.id, "done");
    expect((await ledgerOf(h, id)).balance).toBe(5000 - 2 * price);
  });

  it("refuses what cannot start with a clear code and charges nothing", async () => {
    const { id, app } = await appUser(50);
    const price = await quotePrice(app, "nano-banana", 0);
    const post = (body: Record<string, unknown>) => app.post("/api/miniapp/generations", { model: "nano-banana", references: [], expectedPrice: price, prompt: "x", ...body });

    expect(code(await post({ prompt: "   " }))).toBe("prompt_empty");
    const long = await post({ prompt: "y".repeat(2001) });
    expect([long.status, code(long), (long.body as { error: { details: unknown } }).error.details]).toEqual([400, "prompt_too_long", { length: 2001, limit: 2000 }]);
    expect(code(await post({ references: ["forged.token"] }))).toBe("reference_invalid");
    expect(code(await post({ model: "no-such-model" }))).toBe("model_unavailable");
    for (const tool of await h.app.catalog.listEnabledTools()) expect(code(await post({ model: tool.key }))).toBe("model_unavailable");
    expect(code(await post({ params: { aspect_ratio: "99:1" } }))).toBe("invalid_parameters");
    const poor = await post({ prompt: "too expensive" });
    expect([poor.status, code(poor)]).toEqual([402, "insufficient_funds"]);
    expect((await ledgerOf(h, id)).balance).toBe(50);
    expect(await h.app.database.db.select().from(generations).where(eq(generations.userId, (await userRow(h, id)).id))).toEqual([]);
  });

  it("lists the history newest first, page by page, including generations started in the bot", async () => {
    const { id, app } = await appUser(0);
    const user = await userRow(h, id);
    const rows = Array.from({ length: 25 }, (_, i) => ({
      userId: user.id,
      source: i % 2 === 0 ? "bot" : "miniapp",
      modelKey: "nano-banana",
      mode: "text_to_image",
      providerModelId: "google/nano-banana/text-to-image",
      prompt: `history ${i}`,
      priceCredits: 78,
      status: "failed",
      failureCode: "timeout",
      // Shown already, so the worker's sweeper does not tell the chat about these made-up failures.
      statusShown: "failed",
      chatId: id,
      deadlineAt: new Date(),
    }));
    for (const row of rows) await h.app.database.db.insert(generations).values(row);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const path: string = `/api/miniapp/generations?limit=10${cursor === null ? "" : `&cursor=${cursor}`}`;
      const page: GenerationPage = (await app.get<GenerationPage>(path)).body;
      expect(page.items.length).toBeLessThanOrEqual(10);
      seen.push(...page.items.map((item) => item.prompt));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(rows.map((r) => r.prompt).reverse());
    const first = (await app.get<GenerationPage>("/api/miniapp/generations?limit=1")).body.items[0];
    expect(first).toMatchObject({ phase: "failed", failure: { code: "timeout", refunded: false }, source: "bot" });
    expect(code(await app.get("/api/miniapp/generations?cursor=abc"))).toBe("invalid_request");
  });

  it("lists an image tool's run as a tool run: its tool and options, no prompt, and no regenerating it", async () => {
    const { id, app } = await appUser(0);
    const user = await userRow(h, id);
    const [run] = await h.app.database.db
      .insert(generations)
      .values(upscaleRun({ userId: user.id, chatId: id }, { targetResolution: "8k", status: "failed", failureCode: "timeout", statusShown: "failed" }))
      .returning();
    const listed = (await app.get<GenerationPage>("/api/miniapp/generations?limit=1")).body.items[0];
    expect(listed).toMatchObject({
      id: run!.publicId,
      kind: "tool",
      mode: "tool",
      prompt: "",
      model: { key: "upscale" },
      tool: { key: "upscale", emoji: "🔍", options: ["8k"] },
    });
    const one = (await app.get<GenerationView>(`/api/miniapp/generations/${run!.publicId}`)).body;
    expect(one.tool).toEqual(listed!.tool);
    expect(code(await app.post(`/api/miniapp/generations/${run!.publicId}/regenerate`, {}))).toBe("model_unavailable");
  });

  it("tops up through an invoice link made by the payments domain; paying it credits the balance like a bot invoice", async () => {
    const { id, actor, app } = await appUser(0);
    const me = await app.get<MeView>("/api/miniapp/me");
    const preset = me.body.payments.presets[0];
    expect(preset).toEqual({ stars: 70, credits: 1000 });

    const invoice = await app.post<TopUpView>("/api/miniapp/top-up", { stars: 70 });
    expect(invoice.status).toBe(200);
    expect(invoice.body).toMatchObject({ stars: 70, credits: 1000 });
    const orders = await h.app.database.db.select().from(starOrders).where(eq(starOrders.userId, (await userRow(h, id)).id));
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ stars: 70, credits: 1000, status: "pending" });

    const outcome = await actor.payInvoiceLink(invoice.body.link);
    expect(outcome.ok).toBe(true);
    await expect.poll(async () => (await ledgerOf(h, id)).balance, { timeout: 10_000 }).toBe(1000);

    const tooSmall = await app.post("/api/miniapp/top-up", { stars: 1 });
    expect([tooSmall.status, code(tooSmall)]).toEqual([400, "amount_invalid"]);
  });
});

async function waitForPhase(app: MiniAppTestClient, id: string, phase: GenerationView["phase"]): Promise<GenerationView> {
  let last: GenerationView | undefined;
  await expect
    .poll(
      async () => {
        last = (await app.get<GenerationView>(`/api/miniapp/generations/${id}`)).body;
        return last.phase;
      },
      { timeout: 30_000, interval: 200 },
    )
    .toBe(phase);
  if (last === undefined) throw new Error("no generation");
  return last;
}
