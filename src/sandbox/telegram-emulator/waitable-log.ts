interface Waiter<T> {
  match: (item: T) => boolean;
  resolve: (item: T) => void;
  reject: (error: unknown) => void;
}

/**
 * An append-only list that tests can wait on: `waitFor` first searches the items from a cursor, then
 * resolves with the first matching item appended later. Searching old items too is what makes
 * "act, then wait" free of races when the bot answers before the test starts waiting.
 */
export class WaitableLog<T> {
  readonly items: T[] = [];
  private mark = 0;
  private readonly waiters = new Set<Waiter<T>>();

  push(item: T): void {
    this.items.push(item);
    for (const waiter of this.waiters) {
      // A throwing test predicate fails that wait, never the emulator request that appended the item.
      let matched: boolean;
      try {
        matched = waiter.match(item);
      } catch (error) {
        this.waiters.delete(waiter);
        waiter.reject(error);
        continue;
      }
      if (matched) {
        this.waiters.delete(waiter);
        waiter.resolve(item);
      }
    }
  }

  /** Later waits only look at items appended after this point. */
  setMark(): void {
    this.mark = this.items.length;
  }

  /** Items appended since the latest mark, for diagnostics. */
  sinceMark(): T[] {
    return this.items.slice(this.mark);
  }

  waitFor(match: (item: T) => boolean, timeoutMs: number, describeTimeout: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const found = this.items.slice(this.mark).find(match);
      if (found !== undefined) {
        resolve(found);
        return;
      }
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(describeTimeout()));
      }, timeoutMs);
      const waiter: Waiter<T> = {
        match,
        resolve: (item) => {
          clearTimeout(timer);
          resolve(item);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.waiters.add(waiter);
    });
  }
}
