import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConfig } from "../../../src/config.js";
import { adminAuditLog, settings } from "../../../src/db/schema/index.js";
import { ADMIN_ACTIONS } from "../../../src/domain/admin/audit-log.js";
import { defaultSettingValues } from "../../../src/domain/settings/setting-definitions.js";
import { InvalidSettingsError, SettingsService } from "../../../src/domain/settings/settings-service.js";
import { MemoryStore, RedisStore, type KeyValueStore } from "../../../src/infra/kv/index.js";
import { TwoLayerCache } from "../../../src/infra/two-layer-cache.js";
import { openMoneyDatabase, type MoneyDatabase } from "../database-fixture.js";
import { collectingLogger } from "../../support/collecting-logger.js";
import { TEST_TARGETS, uniquePrefix } from "../../support/targets.js";

const ADMIN = 777_001;
const config = createConfig({ PRICE_MARKUP_CREDITS: "40", TOPUP_CUSTOM_MIN_STARS: "70", TOPUP_CUSTOM_MAX_STARS: "10000" });
const defaults = defaultSettingValues(config);

/** Two "processes" on one database: with Redis each has its own connections; in memory they share one store. */
function stores(redisUrl: string | undefined): [KeyValueStore, KeyValueStore] {
  if (!redisUrl) {
    const shared = new MemoryStore();
    return [shared, shared];
  }
  const prefix = uniquePrefix();
  return [new RedisStore({ url: redisUrl, prefix }), new RedisStore({ url: redisUrl, prefix })];
}

async function eventually(check: () => void, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

describe.each(TEST_TARGETS)("SettingsService on $name", (target) => {
  let money: MoneyDatabase;
  let kvA: KeyValueStore;
  let kvB: KeyValueStore;
  let a: SettingsService;
  let b: SettingsService;
  const { logger, lines } = collectingLogger([]);

  beforeAll(async () => {
    money = await openMoneyDatabase(target);
    [kvA, kvB] = stores(target.redisUrl);
    a = new SettingsService({ db: money.db, kv: kvA, defaults, logger });
    b = new SettingsService({ db: money.db, kv: kvB, defaults, logger });
    await a.start();
    await b.start();
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await kvA?.close();
    if (kvB !== kvA) await kvB?.close();
    await money?.close();
  });

  it("starts with the env values", () => {
    expect(a.current().pricing).toEqual(config.pricing);
    expect(a.current().payments).toEqual(config.payments);
    expect(a.businessSettings().referrals()).toEqual(config.referrals);
  });

  it("applies a change at once here and, through the shared store, in the other process; audited with before and after", async () => {
    await a.update(ADMIN, { "pricing.markupCredits": 90, "generation.maxParallel": 3 }, "price rise");
    expect(a.current().pricing.markupCredits).toBe(90);
    await eventually(() => expect(b.current().pricing.markupCredits).toBe(90));
    expect(b.current().generation.maxParallel).toBe(3);

    const audits = await money.db.select().from(adminAuditLog).where(eq(adminAuditLog.action, ADMIN_ACTIONS.settingChanged));
    const markup = audits.find((row) => row.target === "setting:pricing.markupCredits");
    expect(markup).toMatchObject({
      adminTelegramId: ADMIN,
      before: { value: 40, overridden: false },
      after: { value: 90, overridden: true },
      reason: "price rise",
    });
    const listed = (await b.list()).find((s) => s.key === "pricing.markupCredits");
    expect(listed).toMatchObject({ value: 90, defaultValue: 40, overridden: true, updatedBy: ADMIN });
  });

  it("refuses unknown keys, bad values and cross-key contradictions, changing nothing", async () => {
    const refused = async (changes: Record<string, unknown>) => {
      const error = await a.update(ADMIN, changes).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InvalidSettingsError);
      return (error as InvalidSettingsError).problems;
    };
    expect(await refused({ "pricing.nope": 1 })).toEqual([{ key: "pricing.nope", message: "is not a setting" }]);
    expect((await refused({ "pricing.markupPercent": -1 }))[0]?.key).toBe("pricing.markupPercent");
    expect((await refused({ "pricing.markupPercent": 1.5 }))[0]?.key).toBe("pricing.markupPercent");
    expect((await refused({ "payments.enabled": "yes" }))[0]?.key).toBe("payments.enabled");
    expect((await refused({ "payments.presetStars": [] }))[0]?.key).toBe("payments.presetStars");
    // Each value is valid on its own; together the custom amount's bounds are out of order.
    expect(await refused({ "payments.customMinStars": 500, "payments.customMaxStars": 400 })).toEqual([
      { key: "payments.customMinStars", message: "must not exceed payments.customMaxStars" },
    ]);
    // The smallest top-up (70 Stars) would buy nothing at 1 credit per 100 Stars.
    expect((await refused({ "payments.exchangeRateCredits": 1, "payments.exchangeRateStars": 100 }))[0]?.key).toBe("payments.exchangeRateCredits");
    expect(a.current().payments.customMinStars).toBe(70);
    expect(a.current().payments.exchangeRate).toEqual(config.payments.exchangeRate);
  });

  it("normalizes presets, and a reset goes back to the env value in both processes", async () => {
    await a.update(ADMIN, { "payments.presetStars": [500, 100, 100, 250] });
    expect(a.current().payments.presetStars).toEqual([100, 250, 500]);
    await b.update(ADMIN, { "payments.presetStars": null, "pricing.markupCredits": null });
    await eventually(() => expect(a.current().payments.presetStars).toEqual(config.payments.presetStars));
    expect(a.current().pricing.markupCredits).toBe(40);
    const rows = await money.db.select().from(settings).where(eq(settings.key, "pricing.markupCredits"));
    expect(rows).toEqual([]);
  });

  it("skips edits that change nothing, without an audit record", async () => {
    const before = (await money.db.select().from(adminAuditLog)).length;
    await a.update(ADMIN, { "pricing.markupCredits": null });
    await a.update(ADMIN, { "generation.maxParallel": 3 });
    expect((await money.db.select().from(adminAuditLog)).length).toBe(before);
  });

  it("never trusts a stored value its schema no longer accepts", async () => {
    await money.db.insert(settings).values({ key: "pricing.markupPercent", value: "lots", updatedBy: ADMIN });
    const fresh = new SettingsService({ db: money.db, kv: new MemoryStore(), defaults, logger });
    await fresh.start();
    expect(fresh.current().pricing.markupPercent).toBe(config.pricing.markupPercent);
    expect(lines.some((line) => line.includes("stored settings no longer valid"))).toBe(true);
    await fresh.stop();
    await money.db.delete(settings).where(eq(settings.key, "pricing.markupPercent"));
  });

  it("keeps the snapshot of the newest revision when a refresh reads an older copy", async () => {
    const c = new SettingsService({ db: money.db, kv: kvB, defaults, logger, refreshIntervalMs: 25 });
    await c.start();
    await a.update(ADMIN, { "referrals.joinBonus": 55 });
    await eventually(() => expect(c.current().referrals.joinBonus).toBe(55));
    // A slow reader that loaded the rows before the change could put them in the shared cache after it:
    // drop every local copy, then plant such an older copy where the periodic refresh reads.
    await new TwoLayerCache(kvA, { namespace: "settings:v1", ttlMs: 60_000 }).invalidate("all");
    await kvB.set("cache:settings:v1:all", JSON.stringify({ revision: 0, overrides: [] }), 60_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(c.current().referrals.joinBonus).toBe(55);
    await c.stop();
  });
});
