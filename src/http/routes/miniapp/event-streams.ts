import type { ServerResponse } from "node:http";
import type { FastifyReply } from "fastify";
import type { GenerationRow } from "../../../db/schema/index.js";
import type { Logger } from "../../../infra/logger.js";
import type { MiniAppEvents } from "./api-types.js";
import type { GenerationFeed } from "./generation-feed.js";
import type { GenerationViews } from "./generation-views.js";

/** Proxies drop idle connections; a comment line now and then keeps the stream open. */
const HEARTBEAT_MS = 15_000;

/**
 * The Mini App's server-sent events: a `generation` event whenever one of the user's generations
 * appears or changes. SSE because the traffic is one-way; the app reads it with fetch (EventSource
 * cannot send the Authorization header) and reconnects by itself.
 */
export class MiniAppEventStreams {
  private readonly open = new Map<ServerResponse, () => void>();

  constructor(
    private readonly feed: GenerationFeed,
    private readonly views: GenerationViews,
    private readonly log: Logger,
  ) {}

  /** Takes over the reply and streams the user's generation changes until the client leaves or closeAll(). */
  attach(reply: FastifyReply, user: { id: number; telegramId: number }): void {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
      "x-request-id": String(reply.request.id),
    });
    res.write(": connected\n\n");

    // What the client has seen of each generation, so only changes are sent.
    const seen = new Map<string, string>();
    let sending = Promise.resolve();
    const onRows = (rows: GenerationRow[]) => {
      const changed = rows.filter((row) => seen.get(row.publicId) !== versionOf(row));
      if (changed.length === 0) return;
      for (const row of changed) seen.set(row.publicId, versionOf(row));
      sending = sending
        .then(async () => {
          for (const view of await this.views.many(changed, user.telegramId)) send(res, "generation", view);
        })
        .catch((error: unknown) => this.log.warn({ err: error }, "could not send a Mini App event"));
    };
    const unsubscribe = this.feed.subscribe(user.id, onRows);
    const heartbeat = setInterval(() => res.write(": ping\n\n"), HEARTBEAT_MS);
    heartbeat.unref();

    const detach = () => {
      clearInterval(heartbeat);
      unsubscribe();
      this.open.delete(res);
    };
    this.open.set(res, detach);
    res.on("close", detach);
  }

  /** Ends every stream (the server is closing; clients reconnect elsewhere). */
  closeAll(): void {
    for (const [res, detach] of [...this.open]) {
      detach();
      res.end();
    }
  }
}

function send<K extends keyof MiniAppEvents>(res: ServerResponse, event: K, data: MiniAppEvents[K]): void {
  if (!res.writableEnded) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

function versionOf(row: GenerationRow): string {
  return `${row.status}:${row.updatedAt.getTime()}`;
}
