import type { Executor } from "../../../db/client.js";
import type { GenerationRow } from "../../../db/schema/index.js";
import type { Logger } from "../../../infra/logger.js";
import { generationsToWatch } from "./generation-queries.js";

type Listener = (rows: GenerationRow[]) => void;

/** How often the database is asked; a status shows up in the app at most this late. */
const INTERVAL_MS = 1500;
/** See generationsToWatch: wider than the interval. */
const RECENT_SECONDS = 20;

/**
 * Live generation changes for the Mini App's event streams. The worker that moves a generation may be
 * another process, so changes are read from the database — the one thing every instance shares —
 * rather than from in-process events. One query per interval serves every open stream of this
 * instance (not one per stream), and only while at least one is open.
 */
export class GenerationFeed {
  private readonly listeners = new Map<number, Set<Listener>>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly db: Executor,
    private readonly log: Logger,
  ) {}

  /**
   * Calls `listener` with the user's watched generations (running ones, and ones changed lately) at
   * every interval, starting with the next; the returned function stops it.
   */
  subscribe(userId: number, listener: Listener): () => void {
    let set = this.listeners.get(userId);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(userId, set);
    }
    set.add(listener);
    this.schedule(0);
    return () => {
      const current = this.listeners.get(userId);
      current?.delete(listener);
      if (current?.size === 0) this.listeners.delete(userId);
    };
  }

  /** Stops polling; waits for a query in flight so the database can close after it. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.listeners.clear();
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.closed || this.timer !== undefined || this.running !== undefined || this.listeners.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.tick().finally(() => {
        this.running = undefined;
        this.schedule(INTERVAL_MS);
      });
    }, delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    const userIds = [...this.listeners.keys()];
    let rows: GenerationRow[];
    try {
      rows = await generationsToWatch(this.db, userIds, RECENT_SECONDS);
    } catch (error) {
      this.log.warn({ err: error }, "reading generation changes for the Mini App failed");
      return;
    }
    const byUser = new Map<number, GenerationRow[]>();
    for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);
    for (const userId of userIds) {
      const userRows = byUser.get(userId) ?? [];
      for (const listener of this.listeners.get(userId) ?? []) listener(userRows);
    }
  }
}
