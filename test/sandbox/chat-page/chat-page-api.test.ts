import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../../src/config.js";
import type { ChatMessageView, PressResult, SimulatedUser } from "../../../src/sandbox/chat-page/api-types.js";
import { registerSandboxChatPage } from "../../../src/sandbox/chat-page/register-chat-page.js";
import { createHttpServer } from "../../../src/http/server.js";
import { createLogger } from "../../../src/infra/logger.js";
import { createMetrics } from "../../../src/infra/metrics.js";
import { createErrorReporter } from "../../../src/infra/error-reporter.js";
import { SANDBOX_BOT_TOKEN } from "../../../src/sandbox/start-sandbox.js";
import { plainText } from "../../support/plain-text.js";
import { startSandboxApp, type SandboxAppHarness } from "./sandbox-app.js";
import { SseClient } from "../../support/sse-client.js";

let h: SandboxAppHarness;
let pageDir: string;
const streams: SseClient[] = [];
/** Every body the API answered, to prove the bot token never reaches the page. */
const bodies: string[] = [];

beforeAll(async () => {
  pageDir = mkdtempSync(join(tmpdir(), "sandbox-page-"));
  mkdirSync(join(pageDir, "assets"));
  writeFileSync(join(pageDir, "index.html"), "<!doctype html><title>chat page marker</title>");
  writeFileSync(join(pageDir, "assets", "index-abc123.js"), "console.log('page')");
  h = await startSandboxApp({ pageDir });
});

afterAll(async () => {
  for (const stream of streams) stream.close();
  await h?.stop();
  rmSync(pageDir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Headers;
  bytes: Buffer;
  json<T = Record<string, unknown>>(): T;
}

async function call(path: string, init?: RequestInit): Promise<Answer> {
  const response = await fetch(`${h.url}${path}`, { redirect: "manual", ...init });
  const bytes = Buffer.from(await response.arrayBuffer());
  bodies.push(bytes.toString("latin1"));
  return { status: response.status, headers: response.headers, bytes, json: <T>() => JSON.parse(bytes.toString("utf8")) as T };
}

const post = (path: string, body: unknown) =>
  call(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

async function openStream(userId: number): Promise<SseClient> {
  const stream = await SseClient.open(`${h.url}/sandbox/api/users/${userId}/events`);
  streams.push(stream);
  return stream;
}

const t = (locale: Locale, key: string, vars?: Record<string, string | number>) => plainText(h.app.translator.t(locale, key, vars));

function buttonPosition(message: ChatMessageView, text: string): { row: number; column: number } {
  const rows = message.inlineKeyboard ?? [];
  for (const [row, buttons] of rows.entries()) {
    const column = buttons.findIndex((b) => b.text === text);
    if (column >= 0) return { row, column };
  }
  throw new Error(`no button "${text}" in ${JSON.stringify(rows)}`);
}

function png(width: number, height: number, seed: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: seed % 256, g: 120, b: 200 } } }).png().toBuffer();
}

function upload(userId: number, kind: string, files: Array<{ name: string; type: string; bytes: Buffer }>, caption?: string) {
  const form = new FormData();
  form.append("kind", kind);
  if (caption !== undefined) form.append("caption", caption);
  files.forEach((file, i) => form.append(`file${i}`, new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name));
  return call(`/sandbox/api/users/${userId}/media`, { method: "POST", body: form });
}

let nextId = 300_000_000;
async function createUser(profile: Partial<SimulatedUser> = {}): Promise<SimulatedUser> {
  const user = { id: ++nextId, first_name: "Nodira", language_code: "en", ...profile };
  const created = await post("/sandbox/api/users", user);
  expect(created.status).toBe(201);
  return created.json<{ user: SimulatedUser }>().user;
}

describe("sandbox chat page API on the app in sandbox mode", () => {
  it("names the bot without its token and lists, validates and creates simulated users", async () => {
    const bot = await call("/sandbox/api/bot");
    expect(bot.json()).toEqual({ id: h.sandbox.bot.info.id, username: "bananapics_sandbox_bot", firstName: "Bananapics (sandbox)" });

    const initial = (await call("/sandbox/api/users")).json<{ users: SimulatedUser[] }>().users;
    expect(initial).toEqual([{ id: 100_000_001, first_name: "Alex", username: "alex_sandbox", language_code: "en" }]);

    const bad = await post("/sandbox/api/users", { id: 5, first_name: " ", username: "ab", language_code: "EN!" });
    expect(bad.status).toBe(400);
    const message = bad.json<{ error: { message: string } }>().error.message;
    expect(message).toContain("first_name");
    expect(message).toContain("username");
    expect(message).toContain("language_code");
    expect((await post("/sandbox/api/users", { first_name: "No id" })).status).toBe(400);
    expect((await post("/sandbox/api/users", { id: h.sandbox.bot.info.id, first_name: "Me" })).status).toBe(400);

    const created = await post("/sandbox/api/users", { id: 777, first_name: " Zarina ", username: "", language_code: "uz" });
    expect(created.status).toBe(201);
    expect(created.json()).toEqual({ user: { id: 777, first_name: "Zarina", language_code: "uz" } });
    expect((await post("/sandbox/api/users", { id: 777, first_name: "Again" })).status).toBe(409);
    const users = (await call("/sandbox/api/users")).json<{ users: SimulatedUser[] }>().users;
    expect(users.map((u) => u.id)).toEqual([100_000_001, 777]);

    expect((await call("/sandbox/api/users/778/messages")).status).toBe(404);
    expect((await post("/sandbox/api/users/778/messages", { text: "hi" })).status).toBe(404);
    expect((await call("/sandbox/api/users/abc/messages")).status).toBe(400);
  });

  it("runs onboarding: /start and the bot's answers arrive over SSE, buttons press, edits replace in place", async () => {
    const user = await createUser({ first_name: "Nodira", language_code: "en" });
    const stream = await openStream(user.id);
    expect(await stream.waitFor("history")).toEqual({ messages: [] });

    const sent = await post(`/sandbox/api/users/${user.id}/messages`, { text: "  /start " });
    expect(sent.status).toBe(201);
    const mine = await stream.waitFor<ChatMessageView>("message", (m) => m.from === "user");
    expect(mine).toMatchObject({ from: "user", text: "/start", entities: [{ type: "bot_command", offset: 0, length: 6 }] });

    const picker = await stream.waitFor<ChatMessageView>("message", (m) => m.from === "bot");
    expect(picker.text).toBe(t("en", "onboarding-choose-language", { name: "Nodira" }));
    expect(picker.inlineKeyboard?.flat().map((b) => b.kind)).toEqual(["callback", "callback", "callback"]);

    const english = buttonPosition(picker, t("en", "language-name-en"));
    const pressed = await post(`/sandbox/api/users/${user.id}/messages/${picker.id}/press`, english);
    expect(pressed.status).toBe(200);
    expect(pressed.json<PressResult>().kind).toBe("answer");

    const consentText = t("en", "onboarding-consent");
    const consent = await stream.waitFor<ChatMessageView>("edit", (m) => m.text === consentText);
    expect(consent.id).toBe(picker.id);
    expect(consent.edited).toBe(true);
    const title = "Before we start";
    expect(consent.entities).toContainEqual({ type: "bold", offset: consentText.indexOf(title), length: title.length });

    const accept = buttonPosition(consent, t("en", "btn-accept"));
    const accepted = await post(`/sandbox/api/users/${user.id}/messages/${consent.id}/press`, accept);
    expect(accepted.json<PressResult>()).toEqual({ kind: "answer", text: t("en", "onboarding-accepted") });
    const home = await stream.waitFor<ChatMessageView>("message", (m) => m.text === t("en", "home-welcome", { name: "Nodira" }));
    expect(home.inlineKeyboard?.length).toBeGreaterThan(0);

    const history = (await call(`/sandbox/api/users/${user.id}/messages`)).json<{ messages: ChatMessageView[] }>().messages;
    expect(history.map((m) => m.id)).toContain(home.id);
    // The menu message was edited twice in place: picker → consent → thanks.
    expect(history.find((m) => m.id === picker.id)).toMatchObject({ text: t("en", "onboarding-accepted"), edited: true });

    expect((await post(`/sandbox/api/users/${user.id}/messages/${home.id}/press`, { row: 99, column: 0 })).status).toBe(404);
    expect((await post(`/sandbox/api/users/${user.id}/messages/9999/press`, { row: 0, column: 0 })).status).toBe(404);
    expect((await call(`/sandbox/api/users/${user.id}/messages/${home.id}/pay`, { method: "POST" })).status).toBe(400);
    expect((await post(`/sandbox/api/users/${user.id}/messages`, { text: "   " })).status).toBe(400);
  });

  it("uploads a photo, an album and documents, and serves every file by id", async () => {
    const user = await createUser({ first_name: "Farrukh" });
    const stream = await openStream(user.id);
    const photo = await png(1000, 700, 1);

    const single = await upload(user.id, "photo", [{ name: "cat.png", type: "image/png", bytes: photo }], "a cat");
    expect(single.status).toBe(201);
    const [photoId] = single.json<{ messageIds: number[] }>().messageIds;
    const photoMessage = await stream.waitFor<ChatMessageView>("message", (m) => m.id === photoId);
    expect(photoMessage).toMatchObject({ from: "user", text: "a cat" });
    const original = await call(`/sandbox/api/files/${photoMessage.photo?.originalFileId}`);
    expect(original.status).toBe(200);
    expect(original.headers.get("content-type")).toBe("image/png");
    expect(original.bytes.equals(photo)).toBe(true);
    const shown = await call(`/sandbox/api/files/${photoMessage.photo?.fileId}`);
    expect(shown.status).toBe(200);
    expect(shown.headers.get("content-disposition")).toBe("inline");

    const albumFiles = await Promise.all(
      [2, 3, 4].map(async (seed) => ({ name: `p${seed}.png`, type: "image/png", bytes: await png(300, 200, seed) })),
    );
    const album = await upload(user.id, "photo", albumFiles, "three variants");
    expect(album.status).toBe(201);
    const albumIds = album.json<{ messageIds: number[] }>().messageIds;
    expect(albumIds).toHaveLength(3);
    const items = await Promise.all(albumIds.map((id) => stream.waitFor<ChatMessageView>("message", (m) => m.id === id)));
    expect(new Set(items.map((m) => m.mediaGroupId)).size).toBe(1);
    expect(items[0]?.mediaGroupId).toBeDefined();
    expect(items.map((m) => m.text)).toEqual(["three variants", undefined, undefined]);
    const third = await call(`/sandbox/api/files/${items[2]?.photo?.originalFileId}`);
    expect(third.bytes.equals(albumFiles[2]?.bytes ?? Buffer.alloc(0))).toBe(true);

    const notes = Buffer.from("shopping list: bananas\n");
    const doc = await upload(user.id, "document", [{ name: "notes.txt", type: "text/plain", bytes: notes }], "my notes");
    const [docId] = doc.json<{ messageIds: number[] }>().messageIds;
    const docMessage = await stream.waitFor<ChatMessageView>("message", (m) => m.id === docId);
    expect(docMessage.document).toMatchObject({ fileName: "notes.txt", mimeType: "text/plain", size: notes.length });
    expect((await call(`/sandbox/api/files/${docMessage.document?.fileId}`)).bytes.equals(notes)).toBe(true);

    const docs = await upload(user.id, "document", [
      { name: "a.bin", type: "application/octet-stream", bytes: Buffer.from([1, 2, 3]) },
      { name: "b.html", type: "text/html", bytes: Buffer.from("<script>alert(1)</script>") },
    ]);
    const docIds = docs.json<{ messageIds: number[] }>().messageIds;
    const html = await stream.waitFor<ChatMessageView>("message", (m) => m.id === docIds[1]);
    const served = await call(`/sandbox/api/files/${html.document?.fileId}`);
    // A bot-sent HTML file must not run on the page's origin.
    expect(served.headers.get("content-disposition")).toBe("attachment");
    expect(served.headers.get("content-security-policy")).toContain("sandbox");

    // Larger than the server's default 1 MB body limit: the upload route has its own.
    const big = Buffer.alloc(25 * 1024 * 1024, 7);
    expect((await upload(user.id, "document", [{ name: "big.bin", type: "application/octet-stream", bytes: big }])).status).toBe(201);
  });

  it("refuses uploads a Telegram client could not send", async () => {
    const user = await createUser();
    const notImage = await upload(user.id, "photo", [{ name: "x.jpg", type: "image/jpeg", bytes: Buffer.from("not an image") }]);
    expect(notImage.status).toBe(400);
    expect(notImage.json<{ error: { message: string } }>().error.message).toContain("IMAGE_PROCESS_FAILED");
    const eleven = Array.from({ length: 11 }, (_, i) => ({ name: `f${i}.txt`, type: "text/plain", bytes: Buffer.from(`${i}`) }));
    expect((await upload(user.id, "document", eleven)).status).toBe(400);
    expect((await upload(user.id, "document", [])).status).toBe(400);
    expect((await upload(user.id, "video", [{ name: "a.txt", type: "text/plain", bytes: Buffer.from("a") }])).status).toBe(400);
    expect((await post(`/sandbox/api/users/${user.id}/media`, { kind: "photo" })).status).toBe(400);
    expect((await call("/sandbox/api/files/AgACAgIAAxkBAAIunknown")).status).toBe(404);
    expect((await call("/sandbox/api/files/..%2F..%2Fetc%2Fpasswd")).status).toBe(404);
  });

  it("serves the built page at /sandbox/ with cache headers fit for fingerprinted assets", async () => {
    const bare = await call("/sandbox");
    expect([301, 302]).toContain(bare.status);
    expect(bare.headers.get("location")).toBe("/sandbox/");
    const index = await call("/sandbox/");
    expect(index.status).toBe(200);
    expect(index.bytes.toString()).toContain("chat page marker");
    expect(index.headers.get("cache-control")).toBe("no-cache");
    const asset = await call("/sandbox/assets/index-abc123.js");
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toContain("immutable");
    expect((await call("/sandbox/api/nothing-here")).status).toBe(404);
  });

  it("never shows the bot token to the page, in any answer or event", () => {
    const secret = SANDBOX_BOT_TOKEN.split(":")[1] ?? SANDBOX_BOT_TOKEN;
    expect(bodies.length).toBeGreaterThan(30);
    for (const text of [...bodies, ...streams.map((s) => s.raw)]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe("sandbox chat page without a build", () => {
  it("answers /sandbox with a 503 that says how to build the page", async () => {
    const logger = createLogger({ level: "silent", secrets: [] });
    const http = createHttpServer({ logger, metrics: createMetrics(), errors: createErrorReporter(undefined, []) });
    registerSandboxChatPage(http, h.sandbox, { pageDir: join(tmpdir(), "no-such-sandbox-build") });
    await http.ready();
    try {
      for (const url of ["/sandbox", "/sandbox/"]) {
        const response = await http.inject({ url });
        expect(response.statusCode).toBe(503);
        expect(response.body).toContain("npm run build");
      }
    } finally {
      await http.close();
    }
  });
});
