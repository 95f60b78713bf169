import type { Database } from "../../db/client.js";
import type { Locale } from "../../config.js";
import type { TwoLayerCache } from "../../infra/two-layer-cache.js";
import { toUserProfile, type UserProfile } from "./user-profile.js";
import * as repo from "./user-repository.js";
import type { TelegramIdentity } from "./user-repository.js";

/** Last-seen is a statistic, not an audit trail: once a minute per user is precise enough. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

/**
 * The users capability for the bot, the Mini App and admin tools. Every write goes through here: the
 * row the write returned replaces the cached profile, and every other process drops its local copy at
 * the moment the row changes, so none serves a stale ban, consent or language afterwards.
 */
export class UserService {
  constructor(
    private readonly db: Database,
    private readonly cache: TwoLayerCache<UserProfile>,
    private readonly now: () => number = Date.now,
  ) {
    // Every write through the repository moves updatedAt forward: an older copy never replaces a newer one.
    cache.orderBy("updatedAt");
  }

  /**
   * Called on every update. Served from the cache when nothing changed and last-seen is fresh; otherwise
   * one upsert refreshes names and last-seen and returns the row (with the ban flag) at the same time.
   */
  async touch(sent: TelegramIdentity): Promise<{ user: UserProfile; created: boolean }> {
    const identity = storableIdentity(sent);
    const key = String(identity.id);
    const cached = await this.cache.get(key, async () => undefined);
    if (cached && !identityChanged(cached, identity) && this.now() - cached.lastSeenAt < LAST_SEEN_RESOLUTION_MS) {
      return { user: cached, created: false };
    }
    let created = false;
    const user = await this.cache.refresh(key, async () => {
      const upserted = await repo.upsertTelegramUser(this.db, identity);
      created = upserted.created;
      return toUserProfile(upserted.row);
    });
    return { user, created };
  }

  async get(telegramId: number): Promise<UserProfile | undefined> {
    return this.cache.get(String(telegramId), async () => {
      const row = await repo.findUserByTelegramId(this.db, telegramId);
      return row && row.telegramId !== null ? toUserProfile(row) : undefined;
    });
  }

  async setLocale(telegramId: number, locale: Locale): Promise<UserProfile | undefined> {
    return this.applied(telegramId, await repo.setUserLocale(this.db, telegramId, locale));
  }

  async acceptPolicy(telegramId: number, version: number): Promise<UserProfile | undefined> {
    return this.applied(telegramId, await repo.acceptPolicy(this.db, telegramId, version));
  }

  async setBlocked(telegramId: number, blocked: boolean): Promise<UserProfile | undefined> {
    return this.applied(telegramId, await repo.setBlockedAt(this.db, telegramId, blocked ? new Date(this.now()) : null));
  }

  async ban(telegramId: number, reason: string): Promise<UserProfile | undefined> {
    return this.applied(telegramId, await repo.setBan(this.db, telegramId, { banned: true, reason }));
  }

  async unban(telegramId: number): Promise<UserProfile | undefined> {
    return this.applied(telegramId, await repo.setBan(this.db, telegramId, { banned: false }));
  }

  /**
   * Drops the cached profile in every process. For writes made outside this service (privacy
   * preferences, deletion requests, erasure), so the next update sees the row as it now is.
   */
  async forget(telegramId: number): Promise<void> {
    await this.cache.invalidate(String(telegramId));
  }

  /** The next update of this user (in any process) is then served from the cache, with no upsert. */
  private async applied(telegramId: number, row: Awaited<ReturnType<typeof repo.findUserByTelegramId>>) {
    if (!row || row.telegramId === null) {
      await this.cache.invalidate(String(telegramId));
      return undefined;
    }
    const user = toUserProfile(row);
    await this.cache.write(String(telegramId), user);
    return user;
  }
}

/**
 * Names are free text typed by users; PostgreSQL text cannot hold NUL, and one NUL would make every
 * update of that user fail. It is dropped, the rest is kept as written.
 */
function storableIdentity(identity: TelegramIdentity): TelegramIdentity {
  const clean = (text: string) => text.replaceAll("\u0000", "");
  return {
    ...identity,
    first_name: clean(identity.first_name),
    ...(identity.last_name !== undefined ? { last_name: clean(identity.last_name) } : {}),
    ...(identity.username !== undefined ? { username: clean(identity.username) } : {}),
  };
}

function identityChanged(cached: UserProfile, identity: TelegramIdentity): boolean {
  return (
    cached.username !== (identity.username ?? null) ||
    cached.firstName !== identity.first_name ||
    cached.lastName !== (identity.last_name ?? null) ||
    (identity.language_code !== undefined && cached.languageCode !== identity.language_code)
  );
}
