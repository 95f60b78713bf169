import { InlineKeyboard, InputFile, type Context } from "grammy";
import type { FastifyInstance } from "fastify";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessageView, PayResult, PressResult, SimulatedUser } from "../../../src/sandbox/chat-page/api-types.js";
import { registerSandboxChatPage } from "../../../src/sandbox/chat-page/register-chat-page.js";
import { createHttpServer } from "../../../src/http/server.js";
import { createLogger } from "../../../src/infra/logger.js";
import { createMetrics } from "../../../src/infra/metrics.js";
import { createErrorReporter } from "../../../src/infra/error-reporter.js";
import { startHarness, TOKEN, type Harness } from "../telegram-emulator/helpers.js";
import { isValidInitData } from "./init-data-check.js";
import { SseClient } from "../../support/sse-client.js";

/**
 * What the product bot does not do yet (invoices, refunds, web apps, chat actions, deletions), shown
 * through the page API with a tiny grammY bot on its own emulator. The pre-checkout timeout is short
 * here; the sandbox uses Telegram's 10 s.
 */
const PRE_CHECKOUT_TIMEOUT_MS = 400;
const MINI_APP_URL = "https://mini.example.com/app?from=chat";

let h: Harness;
let http: FastifyInstance;
let base: string;
let stream: SseClient;
const user: SimulatedUser = { id: 4001, first_name: "Malika", username: "malika_b", language_code: "uz" };
const bodies: string[] = [];
let lastCharge = "";

beforeAll(async () => {
  h = await startHarness({ preCheckoutTimeoutMs: PRE_CHECKOUT_TIMEOUT_MS });
  const bot = h.bot;
  const invoice = (payload: string) => (ctx: Context) =>
    ctx.replyWithInvoice("Starter pack", "1000 credits for images", payload, "XTR", [{ label: "Starter pack", amount: 5 }]);
  bot.command("buy", invoice("ok"));
  bot.command("decline", invoice("decline"));
  bot.command("slow", invoice("slow"));
  bot.on("pre_checkout_query", async (ctx) => {
    const payload = ctx.preCheckoutQuery.invoice_payload;
    if (payload === "ok") await ctx.answerPreCheckoutQuery(true);
    if (payload === "decline") await ctx.answerPreCheckoutQuery(false, "Sold out, sorry");
  });
  bot.on("message:successful_payment", async (ctx) => {
    lastCharge = ctx.message.successful_payment.telegram_payment_charge_id;
  });
  bot.command("refund", async (ctx) => {
    await ctx.api.refundStarPayment(ctx.chat.id, lastCharge);
  });
  bot.command("app", (ctx) =>
    ctx.reply("Open the app", {
      reply_markup: new InlineKeyboard().webApp("Open app", MINI_APP_URL).url("Website", "https://example.com/").row().text("Careful", "alert"),
    }),
  );
  bot.callbackQuery("alert", (ctx) => ctx.answerCallbackQuery({ text: "Are you sure?", show_alert: true }));
  bot.command("typing", (ctx) => ctx.replyWithChatAction("upload_photo"));
  bot.command("edit", async (ctx) => {
    const sent = await ctx.reply("first version");
    await ctx.api.editMessageText(ctx.chat.id, sent.message_id, "second version");
  });
  bot.command("delete", async (ctx) => {
    const sent = await ctx.reply("gone soon");
    await ctx.api.deleteMessage(ctx.chat.id, sent.message_id);
  });
  bot.command("html", (ctx) =>
    ctx.reply('<b>bold <i>both</i></b> <a href="https://example.com/x">link</a> <tg-spoiler>hidden</tg-spoiler> <code>x</code>', {
      parse_mode: "HTML",
    }),
  );
  bot.command("photo", async (ctx) => {
    const image = await sharp({ create: { width: 900, height: 600, channels: 3, background: "#3390ec" } }).jpeg().toBuffer();
    await ctx.replyWithPhoto(new InputFile(image, "result.jpg"), { caption: "here you go" });
  });
  await h.startPolling();

  const logger = createLogger({ level: "silent", secrets: [] });
  http = createHttpServer({ logger, metrics: createMetrics(), errors: createErrorReporter(undefined, []) });
  registerSandboxChatPage(http, { emulator: h.emu, bot: h.tg }, { pageDir: "/nonexistent" });
  await http.listen({ host: "127.0.0.1", port: 0 });
  const address = http.server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/sandbox/api`;
  expect((await post("/users", user)).status).toBe(201);
  stream = await SseClient.open(`${base}/users/${user.id}/events`);
});

afterAll(async () => {
  stream?.close();
  await http?.close();
  await h?.stop();
});

async function call(path: string, init?: RequestInit): Promise<{ status: number; json<T>(): T }> {
  const response = await fetch(`${base}${path}`, init);
  const text = await response.text();
  bodies.push(text);
  return { status: response.status, json: <T>() => JSON.parse(text) as T };
}

const post = (path: string, body: unknown) =>
  call(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const pay = (messageId: number) => call(`/users/${user.id}/messages/${messageId}/pay`, { method: "POST" });

async function command(text: string, predicate: (m: ChatMessageView) => boolean = () => true): Promise<ChatMessageView> {
  const sent = await post(`/users/${user.id}/messages`, { text });
  const [id] = sent.json<{ messageIds: number[] }>().messageIds;
  return stream.waitFor<ChatMessageView>("message", (m) => m.from === "bot" && m.id > (id ?? 0) && predicate(m));
}

describe("the chat page API with invoices, web apps and live changes", () => {
  it("pays an invoice through the pre-checkout exchange, shows the receipt, refuses a second payment and shows a refund", async () => {
    const invoice = await command("/buy", (m) => m.invoice !== undefined);
    expect(invoice.invoice).toEqual({ title: "Starter pack", description: "1000 credits for images", currency: "XTR", totalAmount: 5, paid: false });

    const paid = await pay(invoice.id);
    expect(paid.status).toBe(200);
    const result = paid.json<PayResult>();
    expect(result.ok).toBe(true);
    expect(result.chargeId).toMatch(/^stx/);
    const receipt = await stream.waitFor<ChatMessageView>("message", (m) => m.payment?.kind === "paid");
    expect(receipt).toMatchObject({ from: "user", payment: { kind: "paid", currency: "XTR", totalAmount: 5, chargeId: result.chargeId } });
    await expect.poll(() => lastCharge).toBe(result.chargeId);

    const history = (await call(`/users/${user.id}/messages`)).json<{ messages: ChatMessageView[] }>().messages;
    expect(history.find((m) => m.id === invoice.id)?.invoice?.paid).toBe(true);
    expect((await pay(invoice.id)).status).toBe(409);

    await post(`/users/${user.id}/messages`, { text: "/refund" });
    const refund = await stream.waitFor<ChatMessageView>("message", (m) => m.payment?.kind === "refunded");
    expect(refund.payment).toEqual({ kind: "refunded", currency: "XTR", totalAmount: 5, chargeId: result.chargeId });
  });

  it("reports a declined payment and one the bot never confirmed, without a successful_payment", async () => {
    const declined = await command("/decline", (m) => m.invoice !== undefined);
    expect((await pay(declined.id)).json<PayResult>()).toEqual({ ok: false, errorMessage: "Sold out, sorry" });
    const slow = await command("/slow", (m) => m.invoice !== undefined);
    expect((await pay(slow.id)).json<PayResult>()).toEqual({ ok: false, timedOut: true });
    const receipts = stream.events.filter((e) => e.event === "message" && (e.data as ChatMessageView).payment?.kind === "paid");
    expect(receipts).toHaveLength(1);
  });

  it("opens web app buttons with correctly signed initData, URL buttons as they are, and shows callback alerts", async () => {
    const menu = await command("/app", (m) => m.text === "Open the app");
    expect(menu.inlineKeyboard?.map((row) => row.map((b) => b.kind))).toEqual([["web_app", "url"], ["callback"]]);
    expect(menu.inlineKeyboard?.[0]?.[1]).toEqual({ text: "Website", kind: "url", url: "https://example.com/" });

    const webApp = (await post(`/users/${user.id}/messages/${menu.id}/press`, { row: 0, column: 0 })).json<PressResult>();
    if (webApp.kind !== "open") throw new Error(`expected a URL, got ${JSON.stringify(webApp)}`);
    expect(webApp.webApp).toBe(true);
    const url = new URL(webApp.url);
    expect(`${url.origin}${url.pathname}${url.search}`).toBe(MINI_APP_URL);
    const launch = new URLSearchParams(url.hash.slice(1));
    const initData = launch.get("tgWebAppData") ?? "";
    expect(isValidInitData(initData, TOKEN)).toBe(true);
    const launchedAs = JSON.parse(new URLSearchParams(initData).get("user") ?? "") as unknown;
    expect(launchedAs).toMatchObject({ id: 4001, first_name: "Malika", username: "malika_b", language_code: "uz" });
    expect(launch.get("tgWebAppVersion")).toBe("8.0");
    expect(launch.get("tgWebAppPlatform")).toBe("web");

    expect((await post(`/users/${user.id}/messages/${menu.id}/press`, { row: 0, column: 1 })).json<PressResult>()).toEqual({
      kind: "open",
      url: "https://example.com/",
      webApp: false,
    });
    expect((await post(`/users/${user.id}/messages/${menu.id}/press`, { row: 1, column: 0 })).json<PressResult>()).toEqual({
      kind: "answer",
      text: "Are you sure?",
      showAlert: true,
    });
  });

  it("streams chat actions, edits in place and deletions", async () => {
    await post(`/users/${user.id}/messages`, { text: "/typing" });
    expect(await stream.waitFor<{ action: string; at: number }>("chat_action")).toMatchObject({ action: "upload_photo" });

    const first = await command("/edit", (m) => m.text === "first version");
    const edited = await stream.waitFor<ChatMessageView>("edit", (m) => m.id === first.id);
    expect(edited).toMatchObject({ text: "second version", edited: true });

    const doomed = await command("/delete", (m) => m.text === "gone soon");
    expect(await stream.waitFor("delete", (d: { messageId: number }) => d.messageId === doomed.id)).toEqual({ messageId: doomed.id });
    const history = (await call(`/users/${user.id}/messages`)).json<{ messages: ChatMessageView[] }>().messages;
    expect(history.some((m) => m.id === doomed.id)).toBe(false);
  });

  it("carries HTML formatting as entities with UTF-16 offsets, and the bot's photos as downloadable files", async () => {
    const formatted = await command("/html");
    expect(formatted.text).toBe("bold both link hidden x");
    expect(formatted.entities).toEqual([
      { type: "bold", offset: 0, length: 9 },
      { type: "italic", offset: 5, length: 4 },
      { type: "text_link", offset: 10, length: 4, url: "https://example.com/x" },
      { type: "spoiler", offset: 15, length: 6 },
      { type: "code", offset: 22, length: 1 },
    ]);

    const photo = await command("/photo", (m) => m.photo !== undefined);
    expect(photo.text).toBe("here you go");
    expect(photo.photo?.width).toBe(900);
    const response = await fetch(`${base}/files/${photo.photo?.originalFileId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/jpeg");
  });

  it("never shows the bot token, and ends open event streams when the server closes", async () => {
    const secret = TOKEN.split(":")[1] ?? TOKEN;
    for (const text of [...bodies, stream.raw]) expect(text).not.toContain(secret);

    const extra = await SseClient.open(`${base}/users/${user.id}/events`);
    const started = Date.now();
    await http.close();
    await extra.ended;
    await stream.ended;
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
