/** What a promise raced against a deadline came to: its value, or the deadline passing first. */
export type WithinDeadline<T> = { timedOut: false; value: T } | { timedOut: true };

/**
 * Waits for `promise` at most `ms`. A rejection before the deadline is passed on; after it, the promise
 * is left to settle on its own (its outcome is ignored). The timer never keeps the process alive.
 */
export async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<WithinDeadline<T>> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<{ timedOut: true }>((resolve) => {
    timer = setTimeout(() => resolve({ timedOut: true }), ms);
    timer.unref();
  });
  // A late rejection must not surface as an unhandled one.
  promise.catch(() => undefined);
  try {
    return await Promise.race([promise.then((value) => ({ timedOut: false as const, value })), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
