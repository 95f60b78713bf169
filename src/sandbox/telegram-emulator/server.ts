import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { UserFromGetMe } from "grammy/types";
import { ApiError } from "./api-error.js";
import { type ApiOutcome, dispatchApiCall } from "./api-dispatch.js";
import { EmulatedBotImpl } from "./emulated-bot.js";
import { readRequestPayload } from "./http/request-payload.js";
import type { EmulatedBot, EmulatorOptions, TelegramEmulator } from "./types.js";

const API_PATH = /^\/bot([^/]+)\/([^/]*)$/;
const FILE_PATH = /^\/file\/bot([^/]+)\/(.+)$/;

/**
 * Starts an HTTP server that answers like api.telegram.org for the bots registered on it:
 * `/bot<token>/<method>` (GET or POST; JSON, urlencoded or multipart) and `/file/bot<token>/<path>`.
 */
export async function startTelegramEmulator(options: EmulatorOptions = {}): Promise<TelegramEmulator> {
  const host = options.host ?? "127.0.0.1";
  const preCheckoutTimeoutMs = options.preCheckoutTimeoutMs ?? 10_000;
  const bots = new Map<string, EmulatedBotImpl>();

  const server = createServer((req, res) => {
    handleRequest(bots, req, res).catch((error: unknown) => {
      const status = error instanceof ApiError ? error.errorCode : 500;
      const description = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) sendJson(res, status, { ok: false, error_code: status, description });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address;

  return {
    apiRoot: `http://${urlHost}:${address.port}`,

    registerBot({ token, username, firstName, id }): EmulatedBot {
      if (bots.has(token)) throw new Error(`A bot with token ${token} is registered already`);
      const tokenId = Number(token.split(":")[0]);
      const botId = id ?? (Number.isSafeInteger(tokenId) && tokenId > 0 ? tokenId : 1_000_000 + bots.size);
      const info: UserFromGetMe = {
        id: botId,
        is_bot: true,
        first_name: firstName ?? username,
        username,
        can_join_groups: true,
        can_read_all_group_messages: false,
        supports_inline_queries: false,
        can_connect_to_business: false,
        has_main_web_app: false,
        has_topics_enabled: false,
        allows_users_to_create_topics: false,
        can_manage_bots: false,
        supports_join_request_queries: false,
      };
      const bot = new EmulatedBotImpl(token, info, preCheckoutTimeoutMs);
      bots.set(token, bot);
      return bot;
    },

    bot(token: string): EmulatedBot {
      const bot = bots.get(token);
      if (bot === undefined) throw new Error(`No bot with token ${token} is registered`);
      return bot;
    },

    async stop(): Promise<void> {
      for (const bot of bots.values()) bot.shutdown();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

async function handleRequest(bots: Map<string, EmulatedBotImpl>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://emulator.local");
  const fileMatch = FILE_PATH.exec(url.pathname);
  if (fileMatch !== null && req.method === "GET") {
    serveFile(bots.get(decodeURIComponent(fileMatch[1] ?? "")), decodeURIComponent(fileMatch[2] ?? ""), res);
    return;
  }
  const apiMatch = API_PATH.exec(url.pathname);
  if (apiMatch === null || (req.method !== "GET" && req.method !== "POST")) {
    sendJson(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    return;
  }
  const bot = bots.get(decodeURIComponent(apiMatch[1] ?? ""));
  if (bot === undefined) {
    sendJson(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    return;
  }
  const method = apiMatch[2] ?? "";
  if (method === "") {
    sendJson(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    return;
  }
  // Aborts a held long poll when the client disconnects (grammY's bot.stop() does that).
  const disconnected = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) disconnected.abort();
  });
  const request = await readRequestPayload(req, url);
  const outcome = await dispatchApiCall(bot, method, request, disconnected.signal);
  if (res.destroyed) return;
  sendOutcome(res, outcome);
}

function sendOutcome(res: ServerResponse, outcome: ApiOutcome): void {
  if (outcome.ok) {
    sendJson(res, 200, { ok: true, result: outcome.result });
    return;
  }
  sendJson(res, outcome.error.error_code, { ok: false, ...outcome.error });
}

function serveFile(bot: EmulatedBotImpl | undefined, path: string, res: ServerResponse): void {
  const file = bot?.files.atPath(path);
  if (file?.bytes === undefined) {
    sendJson(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    return;
  }
  res.writeHead(200, {
    "content-type": file.mime_type ?? (file.kind === "photo" ? "image/jpeg" : "application/octet-stream"),
    "content-length": file.bytes.length,
  });
  res.end(file.bytes);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}
