import type { KeyValueStore } from "../infra/kv/index.js";

/**
 * Telegram delivers an album as separate updates sharing a media_group_id, with no end marker. Items
 * are collected in the shared store (so they may arrive at different instances) and the album is
 * handed over once, after a quiet period: every instance that received an item checks when the quiet
 * period has passed, and the first to claim the album processes it.
 */
export class AlbumCollector<T, C> {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly debounceMs: number,
    private readonly onComplete: (items: T[], context: C) => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** `context` (the update's context) is what the completed album is answered with, if this instance claims it. */
  async add(chatId: number, mediaGroupId: string, item: T, context: C): Promise<void> {
    const key = `album:${chatId}:${mediaGroupId}`;
    const ttlMs = Math.max(60_000, this.debounceMs * 10);
    await this.kv.appendToList(`${key}:items`, JSON.stringify(item), ttlMs);
    await this.kv.set(`${key}:last`, String(Date.now()), ttlMs);
    this.schedule(key, this.debounceMs, context);
  }

  private schedule(key: string, delayMs: number, context: C): void {
    setTimeout(() => {
      this.settle(key, context).catch(this.onError);
    }, delayMs).unref();
  }

  private async settle(key: string, context: C): Promise<void> {
    const last = Number((await this.kv.get(`${key}:last`)) ?? 0);
    const quietFor = Date.now() - last;
    if (quietFor < this.debounceMs) {
      this.schedule(key, this.debounceMs - quietFor, context);
      return;
    }
    if (!(await this.kv.setIfAbsent(`${key}:claimed`, "1", 10 * 60_000))) return;
    const items = (await this.kv.readList(`${key}:items`)).map((raw) => JSON.parse(raw) as T);
    await this.onComplete(items, context);
  }
}
