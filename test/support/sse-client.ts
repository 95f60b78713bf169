import { takeEvents } from "../../web/miniapp/src/api/event-stream.js";

/** One server-sent event, its data parsed as JSON (every stream of this service sends JSON). */
export interface SseEvent {
  event: string;
  data: unknown;
}

/**
 * A server-sent event stream read over fetch, with the Mini App's own SSE parser: keeps every event and
 * the raw text (to check what the stream carried), and waits for events matching a predicate.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  raw = "";
  /** Resolves when the server ends the stream (or close() does). */
  readonly ended: Promise<void>;
  private readonly waiters = new Set<() => void>();

  private constructor(
    body: ReadableStream<Uint8Array>,
    private readonly abort: AbortController,
  ) {
    this.ended = this.read(body);
  }

  /** Opens the stream; `headers` carry what the endpoint signs in with (the Mini App's Authorization). */
  static async open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const abort = new AbortController();
    const response = await fetch(url, { headers: { ...headers, accept: "text/event-stream" }, signal: abort.signal });
    if (!response.ok || response.body === null) throw new Error(`SSE ${url} answered ${response.status}: ${await response.text()}`);
    if (!response.headers.get("content-type")?.startsWith("text/event-stream")) throw new Error(`SSE ${url} is not an event stream`);
    return new SseClient(response.body, abort);
  }

  /** The first `name` event (oldest first) whose data matches the predicate, waiting for it if needed. */
  waitFor<T = unknown>(name: string, predicate: (data: T) => boolean = () => true, timeoutMs = 10_000): Promise<T> {
    const find = () => this.events.find((e) => e.event === name && predicate(e.data as T))?.data as T | undefined;
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = find();
        if (found === undefined) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no "${name}" event matched within ${timeoutMs} ms; got: ${JSON.stringify(this.events).slice(0, 3000)}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  close(): void {
    this.abort.abort();
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of body) {
        const text = decoder.decode(chunk, { stream: true });
        this.raw += text;
        const taken = takeEvents(buffer + text);
        buffer = taken.rest;
        for (const event of taken.events) this.events.push({ event: event.event, data: JSON.parse(event.data) });
        for (const waiter of [...this.waiters]) waiter();
      }
    } catch {
      // Aborted by close().
    }
  }
}
