/**
 * Tracks the fake's timers and background promises (renders, webhook deliveries) so `stop()` can
 * cancel and await them, and a test never leaks work into the next one.
 */
export class BackgroundWork {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<unknown>>();
  private readonly abort = new AbortController();

  /** Aborted by {@link stop}; pass it to outgoing requests. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** Runs `task` after `delayMs` unless stopped first. */
  schedule(delayMs: number, task: () => Promise<void>): void {
    if (this.abort.signal.aborted) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.track(task());
    }, delayMs);
    // A forgotten fake must not keep a test process alive.
    timer.unref();
    this.timers.add(timer);
  }

  /** Remembers a promise until it settles; its rejection is the caller's to record. */
  track<T>(promise: Promise<T>): Promise<T> {
    const settled = promise.finally(() => this.running.delete(settled));
    // Errors are observed through the returned promise; this copy only waits.
    settled.catch(() => undefined);
    this.running.add(settled);
    return promise;
  }

  /** Cancels timers, aborts outgoing requests and waits for what is already running. */
  async stop(): Promise<void> {
    this.abort.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }
}
