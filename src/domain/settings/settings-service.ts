import { eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { settings } from "../../db/schema/index.js";
import type { KeyValueStore } from "../../infra/kv/index.js";
import type { Logger } from "../../infra/logger.js";
import { TwoLayerCache } from "../../infra/two-layer-cache.js";
import { ADMIN_ACTIONS, recordAdminAction } from "../admin/audit-log.js";
import type { BusinessSettings } from "./business-settings.js";
import {
  crossKeyProblems,
  isSettingKey,
  parseSettingValue,
  SETTING_DEFINITIONS,
  SETTING_KEYS,
  toRuntimeSettings,
  type RuntimeSettings,
  type SettingGroup,
  type SettingKey,
  type SettingProblem,
  type SettingValues,
} from "./setting-definitions.js";

/** One or more values were refused; nothing was changed. */
export class InvalidSettingsError extends Error {
  constructor(readonly problems: SettingProblem[]) {
    super(`invalid settings: ${problems.map((p) => `${p.key}: ${p.message}`).join("; ")}`);
    this.name = "InvalidSettingsError";
  }
}

/** A setting as the admin panel lists it. */
export interface SettingView {
  key: SettingKey;
  group: SettingGroup;
  /** The value in effect. */
  value: unknown;
  /** The env value (or code default), which applies again when the override is removed. */
  defaultValue: unknown;
  overridden: boolean;
  updatedBy: number | null;
  updatedAt: Date | null;
}

/** What an admin changed: a new value per key, or null to go back to the default. */
export type SettingChanges = Partial<Record<string, unknown>>;

interface StoredSettings {
  /** Grows with every change, so a refresh that read older rows never replaces a newer snapshot. */
  revision: number;
  overrides: Array<{ key: string; value: unknown; updatedBy: number; updatedAt: string }>;
}

/** A row that is not a setting: the change counter every write bumps in the same transaction. */
const REVISION_KEY = "__revision";
const CACHE_KEY = "all";
const CHANGED_CHANNEL = "settings-changed";
/** A process that missed a change message (Redis reconnecting) catches up within about this long. */
const DEFAULT_REFRESH_INTERVAL_MS = 30_000;

export interface SettingsServiceDeps {
  db: Database;
  kv: KeyValueStore;
  /** The env values (or code defaults): defaultSettingValues(config). */
  defaults: SettingValues;
  logger: Logger;
  refreshIntervalMs?: number;
}

/**
 * The runtime business settings (design §5): env values as defaults, overridden by what admins set in
 * the `settings` table. Readers call {@link current} synchronously on every use (the pre-checkout
 * answer must never wait); the snapshot behind it is rebuilt at start, right after a change in this
 * process, and when another process announces one, so a change applies everywhere at once. Every
 * change is validated (per key and across keys) and audited in the transaction that writes it.
 */
export class SettingsService {
  private readonly cache: TwoLayerCache<StoredSettings>;
  private snapshot: { revision: number; values: SettingValues; runtime: RuntimeSettings; stored: StoredSettings };
  private unsubscribe: (() => Promise<void>) | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: SettingsServiceDeps) {
    this.cache = new TwoLayerCache(deps.kv, { namespace: "settings:v1", ttlMs: 60_000 });
    const stored: StoredSettings = { revision: 0, overrides: [] };
    this.snapshot = { revision: -1, values: { ...deps.defaults }, runtime: toRuntimeSettings(deps.defaults), stored };
  }

  /** Loads the stored values and listens for changes made by other processes; call before serving. */
  async start(): Promise<void> {
    await this.cache.start();
    this.unsubscribe ??= await this.deps.kv.subscribe(CHANGED_CHANNEL, () => {
      this.refreshFromDatabase().catch((error: unknown) => this.deps.logger.error({ err: error }, "could not reload the settings"));
    });
    await this.refreshFromDatabase();
    const interval = this.deps.refreshIntervalMs ?? DEFAULT_REFRESH_INTERVAL_MS;
    this.timer ??= setInterval(() => {
      this.refresh().catch((error: unknown) => this.deps.logger.warn({ err: error }, "periodic settings refresh failed"));
    }, interval);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.unsubscribe?.();
    this.unsubscribe = undefined;
    await this.cache.stop();
  }

  /** The settings in effect, in the shapes their readers take. Never blocks. */
  current(): RuntimeSettings {
    return this.snapshot.runtime;
  }

  /** The business settings of payments and referrals, read on every use. */
  businessSettings(): BusinessSettings {
    return { payments: () => this.current().payments, referrals: () => this.current().referrals };
  }

  /** Every setting with its default and who changed it last, fresh from the database. */
  async list(): Promise<SettingView[]> {
    const stored = await this.refreshFromDatabase();
    const { values, overridden } = this.effective(stored);
    const byKey = new Map(stored.overrides.map((o) => [o.key, o]));
    return SETTING_KEYS.map((key) => {
      const override = overridden.has(key) ? byKey.get(key) : undefined;
      return {
        key,
        group: SETTING_DEFINITIONS[key].group,
        value: values[key],
        defaultValue: this.deps.defaults[key],
        overridden: override !== undefined,
        updatedBy: override?.updatedBy ?? null,
        updatedAt: override ? new Date(override.updatedAt) : null,
      };
    });
  }

  /**
   * Applies an admin's changes together or not at all: every value is checked against its key's schema
   * and the cross-key rules on the result, then written and audited in one transaction (serialized with
   * other changes, so two admins' valid edits cannot combine into an invalid state). An edit that
   * changes nothing (the same override again, or resetting a key that is not overridden) is skipped
   * and not audited.
   *
   * @throws InvalidSettingsError naming each refused key
   */
  async update(adminTelegramId: number, changes: SettingChanges, reason?: string): Promise<SettingView[]> {
    const problems: SettingProblem[] = [];
    const parsed = new Map<SettingKey, unknown>();
    for (const [key, raw] of Object.entries(changes)) {
      if (!isSettingKey(key)) {
        problems.push({ key, message: "is not a setting" });
        continue;
      }
      if (raw === null) {
        parsed.set(key, null);
        continue;
      }
      const result = parseSettingValue(key, raw);
      if (result.ok) parsed.set(key, result.value);
      else problems.push(...result.problems);
    }
    if (problems.length > 0) throw new InvalidSettingsError(problems);
    if (parsed.size === 0) return this.list();

    const changed = await this.deps.db.transaction(async (tx) => {
      // One writer at a time: the cross-key check below must see the rows it is about to change.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('bananapics:settings'))`);
      const current = this.effective(toStored(await tx.select().from(settings)));
      const next = { ...current.values };
      for (const [key, value] of parsed) (next as Record<SettingKey, unknown>)[key] = value === null ? this.deps.defaults[key] : value;
      const crossProblems = crossKeyProblems(next);
      if (crossProblems.length > 0) throw new InvalidSettingsError(crossProblems);

      const edits: SettingKey[] = [];
      for (const [key, value] of parsed) {
        const wasOverridden = current.overridden.has(key);
        const reset = value === null;
        if (reset ? !wasOverridden : wasOverridden && sameValue(current.values[key], value)) continue;
        if (reset) {
          await tx.delete(settings).where(eq(settings.key, key));
        } else {
          await tx
            .insert(settings)
            .values({ key, value, updatedBy: adminTelegramId, updatedAt: sql`now()` })
            .onConflictDoUpdate({ target: settings.key, set: { value, updatedBy: adminTelegramId, updatedAt: sql`now()` } });
        }
        await recordAdminAction(tx, {
          adminTelegramId,
          action: ADMIN_ACTIONS.settingChanged,
          target: `setting:${key}`,
          before: { value: current.values[key], overridden: wasOverridden },
          after: { value: next[key], overridden: !reset },
          reason: reason?.trim() || undefined,
        });
        edits.push(key);
      }
      if (edits.length > 0) {
        await tx
          .insert(settings)
          .values({ key: REVISION_KEY, value: 1, updatedBy: adminTelegramId })
          .onConflictDoUpdate({
            target: settings.key,
            set: { value: sql`to_jsonb(coalesce((${settings.value})::text::bigint, 0) + 1)`, updatedBy: adminTelegramId, updatedAt: sql`now()` },
          });
      }
      return edits;
    });

    if (changed.length > 0) {
      this.deps.logger.info({ keys: changed, adminTelegramId }, "settings changed");
      // The shared copy goes first, so a process reloading on the message below cannot read the old one.
      await this.cache.invalidate(CACHE_KEY);
      await this.deps.kv.publish(CHANGED_CHANNEL, String(Date.now())).catch((error: unknown) => {
        this.deps.logger.warn({ err: error }, "could not announce a settings change; other processes pick it up within a minute");
      });
    }
    return this.list();
  }

  /** Through the cache: the periodic catch-up, cheap enough to run every few seconds in every process. */
  private async refresh(): Promise<StoredSettings> {
    const stored = (await this.cache.get(CACHE_KEY, () => this.load())) ?? { revision: 0, overrides: [] };
    return this.apply(stored);
  }

  /** Straight from the database: after a change, when the cached copy may be the one that changed. */
  private async refreshFromDatabase(): Promise<StoredSettings> {
    const stored = await this.load();
    await this.cache.set(CACHE_KEY, stored);
    return this.apply(stored);
  }

  private async load(): Promise<StoredSettings> {
    return toStored(await this.deps.db.select().from(settings));
  }

  /** Installs a snapshot unless a newer one is installed already (refreshes can finish out of order). */
  private apply(stored: StoredSettings): StoredSettings {
    if (stored.revision < this.snapshot.revision) return this.snapshot.stored;
    const { values, dropped } = this.effective(stored);
    if (dropped.length > 0) {
      this.deps.logger.error({ keys: dropped }, "stored settings no longer valid: their env defaults apply until an admin sets them again");
    }
    this.snapshot = { revision: stored.revision, values, runtime: toRuntimeSettings(values), stored };
    return stored;
  }

  /**
   * Defaults overlaid with the stored values that are still valid. A stored value a newer release no
   * longer accepts (or one that broke a cross-key rule after an env change) is left out, not trusted.
   */
  private effective(stored: StoredSettings): { values: SettingValues; overridden: Set<SettingKey>; dropped: string[] } {
    const values = { ...this.deps.defaults };
    const overridden = new Set<SettingKey>();
    const dropped: string[] = [];
    for (const override of stored.overrides) {
      if (!isSettingKey(override.key)) {
        dropped.push(override.key);
        continue;
      }
      const parsed = parseSettingValue(override.key, override.value);
      if (!parsed.ok) {
        dropped.push(override.key);
        continue;
      }
      (values as Record<SettingKey, unknown>)[override.key] = parsed.value;
      overridden.add(override.key);
    }
    for (const problem of crossKeyProblems(values)) {
      if (!isSettingKey(problem.key) || !overridden.has(problem.key)) continue;
      (values as Record<SettingKey, unknown>)[problem.key] = this.deps.defaults[problem.key];
      overridden.delete(problem.key);
      dropped.push(problem.key);
    }
    return { values, overridden, dropped };
  }
}

function toStored(rows: Array<{ key: string; value: unknown; updatedBy: number; updatedAt: Date }>): StoredSettings {
  const revisionRow = rows.find((r) => r.key === REVISION_KEY);
  return {
    revision: Number(revisionRow?.value ?? 0),
    overrides: rows
      .filter((r) => r.key !== REVISION_KEY)
      .map((r) => ({ key: r.key, value: r.value, updatedBy: r.updatedBy, updatedAt: r.updatedAt.toISOString() })),
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
