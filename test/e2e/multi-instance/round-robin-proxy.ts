import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What the proxy does with one Telegram update besides forwarding it to the next instance. */
export type Redelivery =
  /** Forwarded once. */
  | "none"
  /** Forwarded, and after its answer posted again to another instance (Telegram retrying a slow answer). */
  | "after"
  /** Posted to two instances at the same moment (a retry racing the original). */
  | "concurrent";

/** One POST of a Telegram update to one instance, as the proxy saw it. */
export interface UpdatePost {
  updateId: number;
  /** Index of the instance it went to. */
  instance: number;
  status: number;
  /** The instance answered that another one already has the update (`duplicate: true`). */
  duplicate: boolean;
  /** This POST was the proxy's re-delivery, not the original forward. */
  redelivery: boolean;
}

export interface RoundRobinProxy {
  /** Base URL (no trailing slash): the PUBLIC_URL every instance registers. */
  readonly url: string;
  /** The instances behind the proxy, by base URL; requests are spread over them in turn. */
  setUpstreams(urls: readonly string[]): void;
  /** Decides, per Telegram update, whether it is also re-delivered to another instance. */
  setRedelivery(policy: (updateId: number) => Redelivery): void;
  /** Every POST of a Telegram update, in completion order. */
  readonly updatePosts: readonly UpdatePost[];
  /** The instances that handled the update (answered 200 without `duplicate`): exactly one when dedupe works. */
  handledBy(updateId: number): number[];
  /** Every request forwarded (any path), in arrival order. */
  readonly requests: ReadonlyArray<{ instance: number; path: string }>;
  stop(): Promise<void>;
}

const TELEGRAM_WEBHOOK_PATH = "/telegram/webhook";
/** Hop-by-hop headers a proxy must not forward, and ones fetch computes itself. */
const DROPPED_HEADERS = new Set(["host", "connection", "keep-alive", "transfer-encoding", "content-length", "upgrade"]);

/**
 * A tiny load balancer for the multi-instance test: the emulator delivers to one webhook URL (as
 * Telegram does) and this spreads the requests over the instances in turn. With one upstream it is a
 * recording pass-through (a worker's own way to the Bot API, so the test knows who sent what). Telegram updates may also
 * be re-delivered to a second instance, to prove that an update is handled once whichever instance
 * gets it. The emulator is answered only after every copy was answered, so the per-chat ordering the
 * emulator keeps still holds.
 */
export async function startRoundRobinProxy(): Promise<RoundRobinProxy> {
  let upstreams: readonly string[] = [];
  let next = 0;
  let policy: (updateId: number) => Redelivery = () => "none";
  const updatePosts: UpdatePost[] = [];
  const requests: Array<{ instance: number; path: string }> = [];

  async function forward(instance: number, request: IncomingMessage, body: Buffer): Promise<{ status: number; body: Buffer; headers: Headers }> {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined || DROPPED_HEADERS.has(name)) continue;
      headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    requests.push({ instance, path: request.url ?? "/" });
    const response = await fetch(`${upstreams[instance]}${request.url ?? "/"}`, {
      method: request.method ?? "GET",
      headers,
      ...(body.length > 0 ? { body } : {}),
    });
    return { status: response.status, body: Buffer.from(await response.arrayBuffer()), headers: response.headers };
  }

  async function forwardUpdate(instance: number, updateId: number, request: IncomingMessage, body: Buffer, redelivery: boolean) {
    const answer = await forward(instance, request, body);
    updatePosts.push({ updateId, instance, status: answer.status, duplicate: isDuplicateAnswer(answer.body), redelivery });
    return answer;
  }

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        if (upstreams.length === 0) {
          response.writeHead(503).end();
          return;
        }
        const instance = next++ % upstreams.length;
        const other = (instance + 1) % upstreams.length;
        const updateId = request.url === TELEGRAM_WEBHOOK_PATH ? updateIdOf(body) : undefined;
        let answer;
        if (updateId === undefined) {
          answer = await forward(instance, request, body);
        } else {
          const mode = policy(updateId);
          if (mode === "concurrent") {
            [answer] = await Promise.all([
              forwardUpdate(instance, updateId, request, body, false),
              forwardUpdate(other, updateId, request, body, true),
            ]);
          } else {
            answer = await forwardUpdate(instance, updateId, request, body, false);
            if (mode === "after") await forwardUpdate(other, updateId, request, body, true);
          }
        }
        const contentType = answer.headers.get("content-type");
        response.writeHead(answer.status, contentType ? { "content-type": contentType } : {}).end(answer.body);
      })().catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(502).end(error instanceof Error ? error.message : String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    setUpstreams(urls) {
      upstreams = [...urls];
    },
    setRedelivery(next) {
      policy = next;
    },
    updatePosts,
    handledBy: (updateId) =>
      updatePosts.filter((p) => p.updateId === updateId && p.status === 200 && !p.duplicate).map((p) => p.instance),
    requests,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function updateIdOf(body: Buffer): number | undefined {
  try {
    const parsed = JSON.parse(body.toString("utf8")) as { update_id?: unknown };
    return typeof parsed.update_id === "number" ? parsed.update_id : undefined;
  } catch {
    return undefined;
  }
}

function isDuplicateAnswer(body: Buffer): boolean {
  try {
    return (JSON.parse(body.toString("utf8")) as { duplicate?: unknown }).duplicate === true;
  } catch {
    return false;
  }
}
