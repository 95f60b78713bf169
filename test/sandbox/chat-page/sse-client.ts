/** One server-sent event as the page's EventSource would see it. */
export interface SseEvent {
  event: string;
  data: unknown;
}

/**
 * A minimal EventSource over fetch for tests: keeps every event and the raw text (to check what the
 * stream carried), and waits for events matching a predicate.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  raw = "";
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  private readonly waiters = new Set<() => void>();
  private readonly abort = new AbortController();

  private constructor(body: ReadableStream<Uint8Array>) {
    this.ended = this.read(body);
  }

  static async open(url: string): Promise<SseClient> {
    const controller = new AbortController();
    const response = await fetch(url, { headers: { accept: "text/event-stream" }, signal: controller.signal });
    if (!response.ok || response.body === null) throw new Error(`SSE ${url} answered ${response.status}: ${await response.text()}`);
    if (!response.headers.get("content-type")?.startsWith("text/event-stream")) throw new Error("not an event stream");
    const client = new SseClient(response.body);
    client.abort.signal.addEventListener("abort", () => controller.abort());
    return client;
  }

  /** The first event (oldest first) matching the predicate, waiting for it if needed. */
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
        buffer += text;
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          this.parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf("\n\n");
        }
      }
    } catch {
      // Aborted by close().
    }
  }

  private parse(block: string): void {
    let event = "message";
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith("event: ")) event = line.slice(7);
      else if (line.startsWith("data: ")) data.push(line.slice(6));
    }
    if (data.length === 0) return;
    this.events.push({ event, data: JSON.parse(data.join("\n")) });
    for (const waiter of this.waiters) waiter();
  }
}
