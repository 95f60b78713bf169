import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { EmulatedBot, EmulatedMessage } from "../telegram-emulator/index.js";
import type { BotInfoView, ChatMessageView, PayResult, PressResult } from "./api-types.js";
import { readBotFile } from "./bot-file-reader.js";
import type { ChatEventStreams } from "./chat-event-streams.js";
import { MAX_UPLOAD_BODY_BYTES, readUploadForm, sendUploads } from "./media-upload.js";
import { ChatPageRequestError, parseInput } from "./request-error.js";
import { simulatedInitData, webAppLaunchUrl } from "./sign-init-data.js";
import { simulatedUserSchema, type SimulatedUsers } from "./simulated-users.js";

export interface ChatApiDeps {
  apiRoot: string;
  bot: EmulatedBot;
  users: SimulatedUsers;
  streams: ChatEventStreams;
  view(message: EmulatedMessage): ChatMessageView;
  /** Remembers invoices paid through the page, which then show a receipt instead of a Pay button. */
  markPaid(chatId: number, messageId: number): void;
}

const userParams = z.object({ userId: z.coerce.number().int().positive() });
const messageParams = userParams.extend({ messageId: z.coerce.number().int().positive() });
const textBody = z.object({ text: z.string().max(4096).refine((text) => text.trim() !== "", "is empty") });
const pressBody = z.object({ row: z.number().int().nonnegative(), column: z.number().int().nonnegative() });
const fileParams = z.object({ fileId: z.string().min(1) });

/** Types a browser may show inline; anything else downloads, so a bot-sent HTML file cannot run on this origin. */
const INLINE_TYPES = new Set(["image/jpeg", "image/png", "image/webp", "image/gif", "application/pdf", "text/plain"]);

/**
 * The JSON and SSE API of the chat page under /sandbox/api. Every action goes through the emulator's
 * UserActor, so the bot receives exactly the updates a Telegram client would cause.
 */
export function registerChatApiRoutes(scope: FastifyInstance, deps: ChatApiDeps): void {
  const { bot, users } = deps;

  const findMessage = (userId: number, messageId: number): EmulatedMessage => {
    const message = bot.chat(userId).messages.find((m) => m.message_id === messageId);
    if (message === undefined) throw new ChatPageRequestError(404, `no message ${messageId} in this chat (deleted?)`);
    return message;
  };

  scope.get("/sandbox/api/bot", async (): Promise<BotInfoView> => ({
    id: bot.info.id,
    username: bot.info.username,
    firstName: bot.info.first_name,
  }));

  scope.get("/sandbox/api/users", async () => ({ users: users.list() }));

  scope.post("/sandbox/api/users", async (request, reply) => {
    const user = users.create(parseInput(simulatedUserSchema, request.body));
    return reply.code(201).send({ user });
  });

  scope.get("/sandbox/api/users/:userId/messages", async (request) => {
    const { userId } = parseInput(userParams, request.params);
    return { messages: bot.chat(users.get(userId).id).messages.map(deps.view) };
  });

  scope.get("/sandbox/api/users/:userId/events", async (request, reply) => {
    const { userId } = parseInput(userParams, request.params);
    deps.streams.attach(reply, users.get(userId).id);
  });

  scope.post("/sandbox/api/users/:userId/messages", async (request, reply) => {
    const { userId } = parseInput(userParams, request.params);
    const { text } = parseInput(textBody, request.body);
    const sent = await bot.user(users.get(userId)).sendText(text);
    return reply.code(201).send({ messageIds: [sent.message_id] });
  });

  scope.post("/sandbox/api/users/:userId/media", { bodyLimit: MAX_UPLOAD_BODY_BYTES }, async (request, reply) => {
    const { userId } = parseInput(userParams, request.params);
    const actor = bot.user(users.get(userId));
    const sent = await sendUploads(actor, readUploadForm(request.body, request.headers["content-type"]));
    return reply.code(201).send({ messageIds: sent.map((m) => m.message_id) });
  });

  scope.post("/sandbox/api/users/:userId/messages/:messageId/press", async (request): Promise<PressResult> => {
    const { userId, messageId } = parseInput(messageParams, request.params);
    const { row, column } = parseInput(pressBody, request.body);
    const user = users.get(userId);
    const markup = findMessage(userId, messageId).reply_markup;
    const button = markup !== undefined && "inline_keyboard" in markup ? markup.inline_keyboard[row]?.[column] : undefined;
    if (button === undefined) throw new ChatPageRequestError(404, "no such button (the keyboard has changed)");
    if ("url" in button) return { kind: "open", url: button.url, webApp: false };
    if ("web_app" in button) {
      return { kind: "open", url: webAppLaunchUrl(button.web_app.url, simulatedInitData(user, bot.token)), webApp: true };
    }
    if ("pay" in button) throw new ChatPageRequestError(400, "this is the invoice's Pay button: POST …/pay");
    if (!("callback_data" in button)) throw new ChatPageRequestError(400, `the sandbox cannot press this kind of button ("${button.text}")`);
    const answer = await bot.user(user).pressButton(messageId, button.callback_data);
    if (answer === undefined) return { kind: "no_answer" };
    const result: PressResult = { kind: "answer" };
    if (answer.text !== undefined) result.text = answer.text;
    if (answer.show_alert !== undefined) result.showAlert = answer.show_alert;
    if (answer.url !== undefined) result.url = answer.url;
    return result;
  });

  scope.post("/sandbox/api/users/:userId/messages/:messageId/pay", async (request): Promise<PayResult> => {
    const { userId, messageId } = parseInput(messageParams, request.params);
    const actor = bot.user(users.get(userId));
    if (findMessage(userId, messageId).invoice === undefined) throw new ChatPageRequestError(400, `message ${messageId} is not an invoice`);
    const outcome = await actor.pay(messageId).catch((error: unknown) => {
      // The emulator refuses a second payment of one invoice, as Telegram shows a receipt instead.
      throw new ChatPageRequestError(409, error instanceof Error ? error.message : String(error));
    });
    if (outcome.ok) deps.markPaid(userId, messageId);
    const result: PayResult = { ok: outcome.ok };
    if (outcome.errorMessage !== undefined) result.errorMessage = outcome.errorMessage;
    if (outcome.timedOut !== undefined) result.timedOut = outcome.timedOut;
    if (outcome.chargeId !== undefined) result.chargeId = outcome.chargeId;
    return result;
  });

  scope.get("/sandbox/api/files/:fileId", async (request, reply) => {
    const { fileId } = parseInput(fileParams, request.params);
    const file = await readBotFile(deps.apiRoot, bot.token, fileId);
    if (file === undefined) throw new ChatPageRequestError(404, "no such file (or it was sent by URL, which the emulator does not fetch)");
    const type = file.contentType.split(";")[0]?.trim() ?? "";
    return reply
      .header("content-type", file.contentType)
      .header("content-disposition", INLINE_TYPES.has(type) ? "inline" : "attachment")
      .header("x-content-type-options", "nosniff")
      .header("content-security-policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
      .header("cache-control", "private, max-age=86400, immutable")
      .send(file.bytes);
  });
}
