import type { Database } from "../../db/client.js";
import type { UserRow } from "../../db/schema/index.js";
import type { KeyValueStore } from "../../infra/kv/index.js";
import { removeGalleryPostsOf, type GalleryRemovals } from "../gallery/gallery-removals.js";
import type { Logger } from "../../infra/logger.js";
import { toUserProfile, type UserProfile } from "../users/user-profile.js";
import { buildAccountExport, type AccountExport } from "./account-export.js";
import { eraseAccountNow, purgeDueAccounts, type ErasureDeps, type ErasureOutcome, type PurgeReport } from "./account-erasure.js";
import { summarizeUserData, type DataSummary } from "./data-summary.js";
import type { AdminDeletionReason, UserDeletionReason } from "./deletion-reasons.js";
import { cancelDeletion, deletionDueAt, markForDeletion } from "./deletion-requests.js";
import { setPrivacyPreference, type PrivacyPreference } from "./privacy-preferences.js";

export interface PrivacySettings {
  /** Days from a user's request to the erasure (ACCOUNT_DELETION_GRACE_DAYS). */
  deletionGraceDays: number;
  /** One export per user per this many seconds (DATA_EXPORT_INTERVAL_MINUTES). */
  exportIntervalSeconds: number;
}

export interface PrivacyServiceDeps {
  db: Database;
  kv: KeyValueStore;
  logger: Logger;
  /** See ErasureDeps.forget; also called after every change of a user's privacy columns. */
  forget(telegramId: number): Promise<void>;
  settings: PrivacySettings;
  /** Takes a user's posts out of the gallery channel when their consent or their account goes. */
  galleryRemovals: GalleryRemovals;
  /** The clock; tests move it instead of waiting. */
  now?: () => Date;
}

/** A privacy change as the user is told about it. */
export interface PrivacyChange {
  /** The profile as it now is; undefined for an unknown or erased account. */
  profile: UserProfile | undefined;
  /** How many of the user's generations are being taken out of the gallery channel because of it. */
  galleryPostsRemoving: number;
}

export type ExportClaim = { ok: true; release(): Promise<void> } | { ok: false; retryAfterSeconds: number };

/**
 * The data rights of issue #11 for the bot, the jobs and (later) the admin tools: access, export,
 * preferences, deletion requests and erasure. Every write to a user's privacy columns drops the cached
 * profile, so the next update anywhere sees it.
 */
export class PrivacyService {
  private readonly now: () => Date;
  private readonly erasure: ErasureDeps;

  constructor(private readonly deps: PrivacyServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.erasure = { db: deps.db, forget: deps.forget, logger: deps.logger, galleryRemovals: deps.galleryRemovals };
  }

  get settings(): PrivacySettings {
    return this.deps.settings;
  }

  /** When a request made now would be carried out. */
  dueDateForNewRequest(): Date {
    return deletionDueAt(this.now(), this.deps.settings.deletionGraceDays);
  }

  /**
   * Marks the account for deletion after the grace period; a pending request keeps its date. The
   * user's gallery posts are taken down at once, in the same transaction: a pending deletion already
   * ends their consent to be published (galleryConsent), and they stay down if the request is cancelled.
   */
  async requestDeletion(userId: number, reason: UserDeletionReason): Promise<PrivacyChange> {
    const now = this.now();
    const { row, galleryPostsRemoving } = await this.deps.db.transaction(async (tx) => {
      const marked = await markForDeletion(tx, userId, { reason, requestedAt: now, dueAt: this.dueDateForNewRequest() });
      return { row: marked, galleryPostsRemoving: marked ? await removeGalleryPostsOf(tx, this.deps.galleryRemovals, userId) : 0 };
    });
    if (row) this.deps.logger.info({ userId, reason, dueAt: row.deletionDueAt?.toISOString(), galleryPostsRemoving }, "account deletion requested");
    return { profile: await this.applied(row), galleryPostsRemoving };
  }

  /** Takes back the user's own request; undefined when there was none they may cancel. */
  async cancelDeletion(userId: number): Promise<UserProfile | undefined> {
    const row = await cancelDeletion(this.deps.db, userId);
    if (row) this.deps.logger.info({ userId }, "account deletion cancelled");
    return this.applied(row);
  }

  /**
   * Turns a preference on or off. Leaving the gallery, or withdrawing the reference images, takes the
   * posts the consent no longer covers out of the channel: the removal job is enqueued in the same
   * transaction as the change.
   */
  async setPreference(userId: number, preference: PrivacyPreference, enabled: boolean): Promise<PrivacyChange> {
    const withdrawsGallery = !enabled && (preference === "gallery" || preference === "galleryReferences");
    const { row, galleryPostsRemoving } = await this.deps.db.transaction(async (tx) => {
      const updated = await setPrivacyPreference(tx, userId, preference, enabled);
      const removing =
        updated && withdrawsGallery
          ? await removeGalleryPostsOf(tx, this.deps.galleryRemovals, userId, preference === "gallery" ? "all" : "references")
          : 0;
      return { row: updated, galleryPostsRemoving: removing };
    });
    if (galleryPostsRemoving > 0) this.deps.logger.info({ userId, preference, galleryPostsRemoving }, "gallery consent withdrawn: removing the posts");
    return { profile: await this.applied(row), galleryPostsRemoving };
  }

  async summary(userId: number): Promise<DataSummary | undefined> {
    return summarizeUserData(this.deps.db, userId);
  }

  /**
   * Claims the user's export slot: an export reads every table, so one per interval is enough for a
   * person and bounds what a script could make us do. `release` gives the slot back when the export
   * could not be delivered.
   */
  async claimExport(userId: number): Promise<ExportClaim> {
    const key = `privacy:export:${userId}`;
    const intervalMs = this.deps.settings.exportIntervalSeconds * 1000;
    const now = this.now().getTime();
    if (await this.deps.kv.setIfAbsent(key, String(now), intervalMs)) {
      return { ok: true, release: () => this.deps.kv.del(key) };
    }
    const since = Number(await this.deps.kv.get(key));
    const remainingMs = Number.isFinite(since) ? since + intervalMs - now : intervalMs;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(remainingMs / 1000)) };
  }

  async exportAccount(userId: number): Promise<AccountExport | undefined> {
    return buildAccountExport(this.deps.db, userId, this.now());
  }

  /** An admin's immediate erasure (a verified request, a child's account); see eraseAccountNow. */
  async eraseNow(userId: number, request: { adminTelegramId: number; reason: AdminDeletionReason }): Promise<ErasureOutcome> {
    return eraseAccountNow(this.erasure, userId, request, this.now());
  }

  /**
   * The purge job's run. It looks ahead by `lookaheadMs` (its own interval), so an account is erased on
   * the run before its due time rather than up to one interval after it: the policy's "within 30 days"
   * holds even with a 30-day grace period.
   */
  async purgeDue(lookaheadMs: number): Promise<PurgeReport> {
    const now = this.now();
    return purgeDueAccounts(this.erasure, now, new Date(now.getTime() + lookaheadMs));
  }

  private async applied(row: UserRow | undefined): Promise<UserProfile | undefined> {
    if (!row || row.telegramId === null) return undefined;
    await this.deps.forget(row.telegramId);
    return toUserProfile(row);
  }
}
