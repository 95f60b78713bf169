import type { KeyValueStore } from "../../infra/kv/index.js";

/**
 * Sends of one second leave within its first part; the rest of the second is a margin for the time a
 * request takes to reach Telegram, so a send can never arrive in the next second's window.
 */
const SEND_SPAN_MS = 750;
/** A window key outlives its second a little, for workers whose clocks lag behind. */
const WINDOW_TTL_MS = 5000;
const PAUSE_KEY = "broadcast:rate:paused-until";

export type Permit =
  /** Send now. */
  | { kind: "go" }
  /** Telegram asked everyone to wait until `untilMs` (epoch ms); longer than the caller wants to wait in place. */
  | { kind: "paused"; untilMs: number }
  /** The signal fired (shutdown). */
  | { kind: "aborted" };

export interface SendRateLimiterOptions {
  kv: KeyValueStore;
  /**
   * Sends per second across every worker of the deployment; a function is read at every send, so a
   * rate an admin changes at runtime applies to broadcasts already running.
   */
  ratePerSecond: number | (() => number);
  now?: () => number;
}

/**
 * The one send rate all broadcast workers share, kept in the shared store (Redis in production).
 * Each second has a counter; a worker takes a numbered ticket from the current second's counter and
 * sends at its slot, so a second's sends are spread out and never exceed the rate however many
 * workers take tickets. Telegram's 429 sets a shared "paused until" that stops every worker.
 */
export class SendRateLimiter {
  private readonly rate: () => number;
  private readonly kv: KeyValueStore;
  private readonly now: () => number;

  constructor(options: SendRateLimiterOptions) {
    const { ratePerSecond } = options;
    // A fixed rate is checked at once; a function's values when they are read.
    if (typeof ratePerSecond === "number") checkedRate(ratePerSecond);
    this.rate = typeof ratePerSecond === "function" ? ratePerSecond : () => ratePerSecond;
    this.kv = options.kv;
    this.now = options.now ?? Date.now;
  }

  /** The rate in effect now. */
  get ratePerSecond(): number {
    return checkedRate(this.rate());
  }

  /**
   * Waits for a send slot. Pauses up to `maxPauseWaitMs` are waited out here; a longer one is returned
   * so the caller can give its work back instead of holding it.
   */
  async acquire(signal: AbortSignal, maxPauseWaitMs: number): Promise<Permit> {
    for (;;) {
      if (signal.aborted) return { kind: "aborted" };
      const now = this.now();
      const pausedUntil = await this.pausedUntil();
      if (pausedUntil > now) {
        if (pausedUntil - now > maxPauseWaitMs) return { kind: "paused", untilMs: pausedUntil };
        await sleep(pausedUntil - now, signal);
        continue;
      }
      const second = Math.floor(now / 1000);
      const secondStart = second * 1000;
      if (now - secondStart >= SEND_SPAN_MS) {
        await sleep(secondStart + 1000 - now, signal);
        continue;
      }
      const ticket = await this.kv.incrementWindow(`broadcast:rate:${second}`, WINDOW_TTL_MS);
      const rate = this.ratePerSecond;
      if (ticket > rate) {
        await sleep(secondStart + 1000 - this.now(), signal);
        continue;
      }
      const slot = secondStart + Math.floor(((ticket - 1) * SEND_SPAN_MS) / rate);
      const wait = slot - this.now();
      if (wait > 0) await sleep(wait, signal);
      // A ticket used late, or after a 429 paused everyone meanwhile, is dropped: it can only lower the rate.
      // The clock is read after the pause check, whose round trip to the store may itself make the ticket late.
      if (signal.aborted) return { kind: "aborted" };
      if ((await this.pausedUntil()) > this.now()) continue;
      if (this.now() - secondStart >= SEND_SPAN_MS) continue;
      return { kind: "go" };
    }
  }

  /** Telegram's 429: every worker waits `ms` from now. A later pause is never shortened by an earlier one. */
  async pause(ms: number): Promise<void> {
    const until = this.now() + ms;
    if ((await this.pausedUntil()) >= until) return;
    await this.kv.set(PAUSE_KEY, String(until), ms + 1000);
  }

  /** Epoch ms until which sending is paused (0 when it is not). */
  async pausedUntil(): Promise<number> {
    const value = await this.kv.get(PAUSE_KEY);
    const until = value === null ? 0 : Number(value);
    return Number.isFinite(until) ? until : 0;
  }
}

function checkedRate(rate: number): number {
  if (!Number.isInteger(rate) || rate < 1) throw new RangeError(`a send rate must be a positive whole number per second, got ${rate}`);
  return rate;
}

/** Resolves after `ms`, or at once when the signal fires. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
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
