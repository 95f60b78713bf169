import type { ServerResponse } from "node:http";
import type { FastifyReply } from "fastify";
import type { EmulatedBot, EmulatedMessage } from "../telegram-emulator/index.js";
import type { ChatEvents, ChatMessageView } from "./api-types.js";

/** Proxies and browsers drop idle streams; a comment line now and then keeps them open. */
const HEARTBEAT_MS = 15_000;
/** How soon EventSource reconnects after the stream breaks (it then gets the history again). */
const RETRY_MS = 1_000;

/**
 * Server-sent events of one private chat: the chat so far, then every new, edited and deleted message
 * and chat action, live from the emulator's events. SSE rather than WebSocket because the traffic is
 * one-way and EventSource reconnects by itself.
 */
export class ChatEventStreams {
  /** Open streams and how to detach each from the emulator. */
  private readonly open = new Map<ServerResponse, () => void>();

  constructor(
    private readonly bot: EmulatedBot,
    private readonly view: (message: EmulatedMessage) => ChatMessageView,
  ) {}

  /** Takes over the reply and streams chat `chatId` until the client goes away or closeAll(). */
  attach(reply: FastifyReply, chatId: number): void {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      ...headersOf(reply),
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    const send = <K extends keyof ChatEvents>(event: K, data: ChatEvents[K]) => {
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    res.write(`retry: ${RETRY_MS}\n\n`);
    // The snapshot and the subscription happen in one tick, so no event falls between them.
    send("history", { messages: this.bot.chat(chatId).messages.map(this.view) });

    const onMessage = (message: EmulatedMessage) => {
      if (message.chat_id === chatId) send("message", this.view(message));
    };
    const onEdit = (message: EmulatedMessage) => {
      if (message.chat_id === chatId) send("edit", this.view(message));
    };
    const onDelete = (event: { chat_id: number; message_id: number }) => {
      if (event.chat_id === chatId) send("delete", { messageId: event.message_id });
    };
    const onChatAction = (event: { chat_id: number; action: string; at: number }) => {
      if (event.chat_id === chatId) send("chat_action", { action: event.action, at: event.at });
    };
    const events = this.bot.events;
    events.on("message", onMessage);
    events.on("edit", onEdit);
    events.on("delete", onDelete);
    events.on("chat_action", onChatAction);
    const heartbeat = setInterval(() => res.write(": ping\n\n"), HEARTBEAT_MS);
    // Detached before the response ends, so no event is ever written to a finished response.
    const detach = () => {
      clearInterval(heartbeat);
      events.off("message", onMessage);
      events.off("edit", onEdit);
      events.off("delete", onDelete);
      events.off("chat_action", onChatAction);
      this.open.delete(res);
    };
    this.open.set(res, detach);
    res.on("close", detach);
  }

  /** Ends every stream; the HTTP server cannot close gracefully while they are open. */
  closeAll(): void {
    for (const [res, detach] of this.open) {
      detach();
      res.end();
    }
  }
}

/** Headers hooks already set on the reply (x-request-id), which a hijacked reply would otherwise lose. */
function headersOf(reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (typeof value === "string" || typeof value === "number") headers[name] = String(value);
  }
  return headers;
}
