/** One server-sent event. */
export interface SseEvent {
  event: string;
  data: string;
}

/**
 * Splits a growing text buffer into complete SSE events (blank-line terminated); returns them and the
 * incomplete rest. Comment lines (":") and fields other than event/data are ignored.
 */
export function takeEvents(buffer: string): { events: SseEvent[]; rest: string } {
  const events: SseEvent[] = [];
  const blocks = buffer.replace(/\r\n?/g, "\n").split("\n\n");
  const rest = blocks.pop() ?? "";
  for (const block of blocks) {
    let event = "message";
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") event = value;
      else if (field === "data") data.push(value);
    }
    if (data.length > 0) events.push({ event, data: data.join("\n") });
  }
  return { events, rest };
}

export interface EventStreamOptions {
  url: string;
  headers: Record<string, string>;
  onEvent(event: SseEvent): void;
  /** Called on every (re)connection, so the caller can refresh what it may have missed. */
  onOpen(): void;
  /** A 401/403: retrying cannot help (the session expired, the user was banned). */
  onRefused(status: number): void;
}

const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 15_000;

/**
 * Reads a server-sent event stream with fetch, because EventSource cannot send the Authorization
 * header; reconnects with a growing delay until stopped. Returns the function that stops it.
 */
export function openEventStream(options: EventStreamOptions): () => void {
  const abort = new AbortController();
  let delay = RETRY_MIN_MS;

  const run = async () => {
    while (!abort.signal.aborted) {
      try {
        const response = await fetch(options.url, { headers: { ...options.headers, accept: "text/event-stream" }, signal: abort.signal });
        if (response.status === 401 || response.status === 403) {
          options.onRefused(response.status);
          return;
        }
        if (response.ok && response.body) {
          delay = RETRY_MIN_MS;
          options.onOpen();
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = "";
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            const taken = takeEvents(buffer + value);
            buffer = taken.rest;
            taken.events.forEach(options.onEvent);
          }
        }
      } catch {
        // Dropped or refused connection: try again below.
      }
      if (abort.signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, RETRY_MAX_MS);
    }
  };
  void run();
  return () => abort.abort();
}
