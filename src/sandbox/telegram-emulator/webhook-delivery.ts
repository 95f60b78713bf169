import type { Update } from "grammy/types";
import { deliveryQueueKey } from "./update-types.js";

/** Where and how updates are posted. */
export interface WebhookTarget {
  url: string;
  secretToken?: string;
}

/** What the delivery reports back to the bot it works for. */
export interface WebhookHooks {
  /** The webhook answered with a Bot API call in its body (grammY's webhook reply). */
  onReply(payload: Record<string, unknown>): Promise<void>;
  /** A delivery attempt failed; Telegram shows this as last_error_message in getWebhookInfo. */
  onError(message: string): void;
}

/** Attempts per update and the first retry delay (doubling), short so tests see retries quickly. */
const MAX_ATTEMPTS = 5;
const FIRST_RETRY_DELAY_MS = 100;
/** How long one POST may take: longer than grammY's 10 s webhook timeout so the bot's own timeout shows. */
const ATTEMPT_TIMEOUT_MS = 15_000;

/**
 * Posts updates to a webhook like Telegram: one queue per chat (callback and pre-checkout queries per
 * user), each delivered in order one at a time, different queues concurrently; non-2xx answers and
 * connection errors are retried with backoff, and an update is dropped after the last attempt.
 */
export class WebhookDelivery {
  private readonly queues = new Map<string, Update[]>();
  private readonly abort = new AbortController();

  constructor(
    private readonly target: WebhookTarget,
    private readonly hooks: WebhookHooks,
  ) {}

  get pendingCount(): number {
    let count = 0;
    for (const queue of this.queues.values()) count += queue.length;
    return count;
  }

  enqueue(update: Update): void {
    const key = deliveryQueueKey(update);
    const queue = this.queues.get(key);
    if (queue !== undefined) {
      queue.push(update);
      return;
    }
    this.queues.set(key, [update]);
    void this.work(key);
  }

  /**
   * Stops delivering and returns the updates not yet delivered, in update_id order. An update whose
   * POST is in flight is returned too: Telegram's delivery is at-least-once.
   */
  stop(): Update[] {
    this.abort.abort();
    const undelivered = [...this.queues.values()].flat().sort((a, b) => a.update_id - b.update_id);
    this.queues.clear();
    return undelivered;
  }

  private async work(key: string): Promise<void> {
    for (;;) {
      const queue = this.queues.get(key);
      const update = queue?.[0];
      if (queue === undefined || update === undefined || this.abort.signal.aborted) return;
      await this.deliver(update);
      if (this.abort.signal.aborted) return;
      queue.shift();
      if (queue.length === 0) {
        this.queues.delete(key);
        return;
      }
    }
  }

  private async deliver(update: Update): Promise<void> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const error = await this.post(update);
      if (error === undefined || this.abort.signal.aborted) return;
      this.hooks.onError(error);
      if (attempt < MAX_ATTEMPTS) await this.sleep(FIRST_RETRY_DELAY_MS * 2 ** (attempt - 1));
    }
  }

  /** One POST; resolves with an error message, or undefined when the webhook accepted the update. */
  private async post(update: Update): Promise<string | undefined> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (this.target.secretToken !== undefined) headers["X-Telegram-Bot-Api-Secret-Token"] = this.target.secretToken;
    let response: Response;
    try {
      response = await fetch(this.target.url, {
        method: "POST",
        headers,
        body: JSON.stringify(update),
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]),
      });
    } catch (error) {
      return `Connection failed: ${connectionErrorMessage(error)}`;
    }
    const body = await response.text().catch(() => "");
    if (!response.ok) return `Wrong response from the webhook: ${response.status} ${response.statusText}`.trim();
    const reply = parseWebhookReply(body);
    if (reply !== undefined) await this.hooks.onReply(reply);
    return undefined;
  }

  private sleep(ms: number): Promise<void> {
    const signal = this.abort.signal;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener("abort", done, { once: true });
    });
  }
}

function connectionErrorMessage(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === "string") return cause.code;
  return error instanceof Error ? error.message : String(error);
}

/** A webhook answer like {"method":"sendMessage",...} is executed as an API call, as Telegram does. */
function parseWebhookReply(body: string): Record<string, unknown> | undefined {
  if (body.trim() === "") return undefined;
  try {
    const parsed = JSON.parse(body) as unknown;
    if (typeof parsed === "object" && parsed !== null && typeof (parsed as { method?: unknown }).method === "string") {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // A non-JSON body is just an acknowledgement.
  }
  return undefined;
}
