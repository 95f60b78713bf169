import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../../src/db/client.js";
import { runMigrations } from "../../../src/db/migrate.js";
import { models } from "../../../src/db/schema/index.js";
import {
  CatalogService,
  ensureCatalogSeeded,
  InvalidCatalogEditError,
  InvalidParameterValueError,
  ModelUnavailableError,
  SEED_MODELS,
  type PricingSettings,
} from "../../../src/domain/catalog/index.js";
import { MemoryStore, RedisStore, type KeyValueStore } from "../../../src/infra/kv/index.js";
import { TEST_TARGETS, uniquePrefix } from "../../support/targets.js";
import { DEFAULT_PRICING } from "./catalog-fixtures.js";

const SEED_KEYS = SEED_MODELS.map((m) => m.key);

describe.each(TEST_TARGETS)("model catalog on $name", (target) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let stores: KeyValueStore[] = [];
  let services: CatalogService[] = [];
  let pricing: PricingSettings;

  /**
   * Two "processes" sharing the database and the shared store: with Redis each has its own
   * connections, in memory they share one store.
   */
  async function twoServices(): Promise<[CatalogService, CatalogService]> {
    if (target.redisUrl) {
      const prefix = uniquePrefix();
      stores = [new RedisStore({ url: target.redisUrl, prefix }), new RedisStore({ url: target.redisUrl, prefix })];
    } else {
      const shared = new MemoryStore();
      stores = [shared, shared];
    }
    services = stores.map((kv) => new CatalogService(handle.db, kv, () => pricing));
    for (const service of services) await service.start();
    return [services[0]!, services[1]!];
  }

  beforeAll(async () => {
    const database = await target.createDatabase();
    drop = database.drop;
    handle = await openDatabase({ url: database.url, dataDir: database.dataDir });
    await runMigrations(handle);
  });
  afterAll(async () => {
    await handle.close();
    await drop();
  });
  beforeEach(async () => {
    pricing = DEFAULT_PRICING;
    await handle.db.delete(models);
    await ensureCatalogSeeded(handle.db);
  });
  afterEach(async () => {
    for (const service of services) await service.stop();
    for (const store of new Set(stores)) await store.close();
    services = [];
    stores = [];
  });

  it("seeding inserts only what is missing, also when several processes start at once", async () => {
    expect(await ensureCatalogSeeded(handle.db)).toEqual([]);
    await handle.db.delete(models).where(eq(models.key, "qwen-image"));
    const runs = await Promise.all([1, 2, 3].map(() => ensureCatalogSeeded(handle.db)));
    expect(runs.flat()).toEqual(["qwen-image"]);
    const rows = await handle.db.select({ key: models.key }).from(models);
    expect(rows.map((r) => r.key).sort()).toEqual([...SEED_KEYS].sort());
  });

  it("seeding never overwrites an admin's edits", async () => {
    const [catalog] = await twoServices();
    await catalog.setEnabled("nano-banana", false);
    await catalog.setEnabled("seedream-v4.5", true);
    await catalog.setOrder("qwen-image", 1);
    await catalog.setPriceOverride("seedream-v4", 55);
    await catalog.setUsdPricing("nano-banana-pro", { base: 0.15, variants: [{ when: { resolution: "4k" }, usd: 0.3 }] });
    const before = await handle.db.select().from(models).orderBy(models.key);

    expect(await ensureCatalogSeeded(handle.db)).toEqual([]);
    expect(await handle.db.select().from(models).orderBy(models.key)).toEqual(before);
    const fresh = new CatalogService(handle.db, new MemoryStore(), () => pricing);
    expect((await fresh.listEnabled()).map((m) => m.key)).toEqual([
      "qwen-image",
      "seedream-v4",
      "nano-banana-pro",
      "gpt-image-1.5",
      "seedream-v4.5",
    ]);
    expect((await fresh.get("seedream-v4"))?.priceOverrideCredits).toBe(55);
    expect((await fresh.get("nano-banana-pro"))?.usdPricing.base).toBe(0.15);
  });

  it("lists the enabled models in order and reads every model by key", async () => {
    const [catalog] = await twoServices();
    const enabled = (await catalog.listEnabled()).map((m) => m.key);
    expect(enabled).toEqual(["seedream-v4", "nano-banana", "nano-banana-pro", "gpt-image-1.5", "qwen-image"]);
    expect((await catalog.listAll()).map((m) => m.key)).toEqual(SEED_KEYS);
    // The stored row round-trips to exactly the seed definition.
    expect(await catalog.get("gpt-image-1.5")).toEqual(SEED_MODELS.find((m) => m.key === "gpt-image-1.5"));
    expect(await catalog.get("nano-banana-2")).toMatchObject({ enabled: false, maxReferences: 14 });
    expect(await catalog.get("no-such-model")).toBeUndefined();
  });

  it("quotes enabled models only, with validated parameters and the current settings", async () => {
    const [catalog] = await twoServices();
    const quote = await catalog.quote("nano-banana-pro", "edit", { resolution: "4k", size: "1024*1024" });
    expect(quote).toMatchObject({ mode: "edit", params: { resolution: "4k" }, credits: 280 });
    expect(quote.model.key).toBe("nano-banana-pro");
    await expect(catalog.quote("nano-banana-2", "edit", {})).rejects.toThrow(ModelUnavailableError);
    await expect(catalog.quote("no-such-model", "edit", {})).rejects.toThrow(ModelUnavailableError);
    await expect(catalog.quote("nano-banana-pro", "edit", { resolution: "8k" })).rejects.toThrow(InvalidParameterValueError);
    // A settings change applies to the next quote: read per price, not captured at construction.
    pricing = { creditsPerUsd: 1000, markupPercent: 50, markupCredits: 0 };
    expect((await catalog.quote("nano-banana-pro", "edit", { resolution: "4k" })).credits).toBe(360);
    expect(catalog.pricingSettings()).toEqual(pricing);
  });

  it("serves reads from the cache, and an edit in one process is seen by the other", async () => {
    const [a, b] = await twoServices();
    expect((await b.quote("qwen-image", "edit", {})).credits).toBe(60);
    expect((await a.listEnabled()).map((m) => m.key)).toContain("nano-banana");

    // A change behind the service's back is not seen: the catalog really comes from the cache.
    await handle.db.update(models).set({ priceOverrideCredits: 1 }).where(eq(models.key, "qwen-image"));
    expect((await b.quote("qwen-image", "edit", {})).credits).toBe(60);

    await a.setPriceOverride("qwen-image", 45);
    await waitFor(async () => (await b.quote("qwen-image", "edit", {})).credits === 45);

    await a.setEnabled("nano-banana", false);
    await waitFor(async () => !(await b.listEnabled()).some((m) => m.key === "nano-banana"));
    await expect(b.requireEnabled("nano-banana")).rejects.toThrow(ModelUnavailableError);
    // Still readable by key: a charged generation on a model disabled meanwhile must finish.
    expect(await b.get("nano-banana")).toMatchObject({ enabled: false });

    await b.setOrder("gpt-image-1.5", 0);
    await waitFor(async () => (await a.listEnabled())[0]?.key === "gpt-image-1.5");

    await b.setUsdPricing("seedream-v4", { base: 0.05, variants: [] });
    await a.setPriceOverride("qwen-image", null);
    await waitFor(async () => (await a.quote("seedream-v4", "text_to_image", {})).credits === 90);
    await waitFor(async () => (await b.quote("qwen-image", "text_to_image", {})).credits === 60);
  });

  it("refuses edits that would break pricing, and writes nothing", async () => {
    const [catalog] = await twoServices();
    const refused = [
      () => catalog.setUsdPricing("nano-banana-pro", { base: 0.14, variants: [{ when: { resolution: "8k" }, usd: 0.5 }] }),
      () => catalog.setUsdPricing("nano-banana-pro", { base: 0.14, variants: [{ when: { quality: "high" }, usd: 0.5 }] }),
      () =>
        catalog.setUsdPricing("gpt-image-1.5", {
          base: 0.03,
          variants: [{ mode: "text_to_image", when: { input_fidelity: "high" }, usd: 0.5 }],
        }),
      () => catalog.setUsdPricing("qwen-image", { base: 0, variants: [] }),
      async () => {
        await catalog.setUsdPricing("qwen-image", { base: 20, variants: [] });
        return catalog.setUsdPricing("qwen-image", { base: 200, variants: [] });
      },
      () => catalog.setPriceOverride("qwen-image", 0),
      () => catalog.setPriceOverride("qwen-image", 2.5),
      () => catalog.setOrder("qwen-image", 1.5),
    ];
    for (const edit of refused) await expect(edit()).rejects.toThrow(InvalidCatalogEditError);
    // Only the in-range $20 of the chained edit went through.
    const qwen = await handle.db.select().from(models).where(eq(models.key, "qwen-image"));
    expect(qwen[0]).toMatchObject({ usdPricing: { base: 20, variants: [] }, priceOverrideCredits: null, sortOrder: 50 });
    const pro = await handle.db.select().from(models).where(eq(models.key, "nano-banana-pro"));
    expect(pro[0]?.usdPricing).toEqual(SEED_MODELS.find((m) => m.key === "nano-banana-pro")?.usdPricing);

    expect(await catalog.setEnabled("no-such-model", true)).toBeUndefined();
    expect(await catalog.setUsdPricing("no-such-model", { base: 0.1, variants: [] })).toBeUndefined();
  });

  it("refuses to serve a catalog whose stored table was broken by hand, naming the model", async () => {
    const [catalog] = await twoServices();
    await handle.db.update(models).set({ usdPricing: sql`'{"base": "cheap"}'::jsonb` }).where(eq(models.key, "qwen-image"));
    await expect(catalog.listEnabled()).rejects.toThrow(/usd_pricing of "qwen-image"/);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
