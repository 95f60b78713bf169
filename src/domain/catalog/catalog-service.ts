import type { Database } from "../../db/client.js";
import type { KeyValueStore } from "../../infra/kv/index.js";
import { TwoLayerCache } from "../../infra/two-layer-cache.js";
import { InvalidCatalogEditError, ModelUnavailableError } from "./catalog-errors.js";
import {
  issuesText,
  toCatalogModel,
  usdPricingProblems,
  usdPricingSchema,
  type CatalogModel,
  type GenerationMode,
  type UsdPricing,
} from "./catalog-model.js";
import * as repo from "./catalog-repository.js";
import { resolveParameters, type ResolvedParameters } from "./parameters.js";
import { priceInCredits, type PricingSettings } from "./pricing.js";

/** A price for one run, with the parameters it was computed from; see {@link CatalogService.quote}. */
export interface PriceQuote {
  readonly model: CatalogModel;
  readonly mode: GenerationMode;
  readonly params: ResolvedParameters;
  readonly credits: number;
}

/** The whole catalog is one cache entry: a handful of rows, and list and single reads can never disagree. */
const CATALOG_KEY = "models";
/** Bump when CatalogModel changes shape, so a new release never reads an old release's cached JSON. */
const CACHE_NAMESPACE = "catalog:v1";
/**
 * Edits invalidate the cache at once; this lifetime only bounds how long a read racing an edit (rows
 * read just before the edit committed, cached just after) can keep serving the old rows.
 */
const CACHE_TTL_MS = 60_000;
/** Far above any real price (1,000,000 credits is $1,000 at the default rate): catches stray zeros. */
const MAX_PRICE_OVERRIDE = 1_000_000;
const MAX_SORT_ORDER = 2_147_483_647;

/**
 * The model catalog for the bot, the Mini App and admin tools. Reads come from the two-layer cache;
 * every edit goes through here and invalidates it in every process, so a model an admin disables
 * disappears from all menus at once and a price change reaches every button and every charge together.
 */
export class CatalogService {
  private readonly cache: TwoLayerCache<CatalogModel[]>;

  constructor(
    private readonly db: Database,
    kv: KeyValueStore,
    /** Read on every price, so runtime changes to the markup apply to the next quote. */
    private readonly pricing: () => PricingSettings,
  ) {
    this.cache = new TwoLayerCache(kv, { namespace: CACHE_NAMESPACE, ttlMs: CACHE_TTL_MS });
  }

  /** Subscribes to invalidations from other processes; call once before serving. */
  async start(): Promise<void> {
    await this.cache.start();
  }

  async stop(): Promise<void> {
    await this.cache.stop();
  }

  /**
   * Every model and tool, disabled ones included, in menu order: for admin screens (which enable,
   * order and price tools like models), names in histories and provider price checks.
   */
  async listAll(): Promise<CatalogModel[]> {
    const all = await this.cache.get(CATALOG_KEY, async () => (await repo.selectAllModels(this.db)).map(toCatalogModel));
    return all ?? [];
  }

  /**
   * The models users may pick, in menu order; the first is the default for a user without a choice.
   * Tools are not models to pick: they are offered on their own ({@link listEnabledTools}).
   */
  async listEnabled(): Promise<CatalogModel[]> {
    return (await this.listAll()).filter((model) => model.enabled && model.kind === "generation");
  }

  /** The image tools offered for a picture sent without a prompt, in menu order. */
  async listEnabledTools(): Promise<CatalogModel[]> {
    return (await this.listAll()).filter((model) => model.enabled && model.kind === "tool");
  }

  /**
   * A model whether enabled or not: generations already charged must still finish on a model that was
   * disabled meanwhile. Use {@link requireEnabled} to start something new.
   */
  async get(key: string): Promise<CatalogModel | undefined> {
    return (await this.listAll()).find((model) => model.key === key);
  }

  /** @throws ModelUnavailableError when the model does not exist or is disabled. */
  async requireEnabled(key: string): Promise<CatalogModel> {
    const model = await this.get(key);
    if (!model?.enabled) throw new ModelUnavailableError(key);
    return model;
  }

  /**
   * The price of a generation as it would be charged now (tools are quoted by src/domain/tools). Show `credits` on the button and keep the quote; at
   * confirmation quote again and charge only if the amount is still the one shown (an admin may have
   * changed a price in between), otherwise show the new price first.
   *
   * @throws ModelUnavailableError (also for a tool's key), InvalidParameterValueError
   */
  async quote(key: string, mode: GenerationMode, requested: Readonly<Record<string, unknown>>): Promise<PriceQuote> {
    const model = await this.requireEnabled(key);
    if (model.kind !== "generation") throw new ModelUnavailableError(key);
    const params = resolveParameters(model, mode, requested);
    return { model, mode, params, credits: this.price(model, mode, params) };
  }

  /** {@link priceInCredits} with the current pricing settings. */
  price(model: CatalogModel, mode: GenerationMode, params: ResolvedParameters): number {
    return priceInCredits(model, mode, params, this.pricingSettings());
  }

  /** The settings every price of this service uses, for callers that price with the pure functions. */
  pricingSettings(): PricingSettings {
    return this.pricing();
  }

  /** @returns the updated model, or undefined when there is no such model. */
  async setEnabled(key: string, enabled: boolean): Promise<CatalogModel | undefined> {
    return this.edit(key, { enabled });
  }

  /** Moves a model in the menu (ascending); equal positions fall back to the key's order. */
  async setOrder(key: string, sortOrder: number): Promise<CatalogModel | undefined> {
    if (!Number.isSafeInteger(sortOrder) || Math.abs(sortOrder) > MAX_SORT_ORDER) {
      throw new InvalidCatalogEditError(key, [`the position must be a whole number, got ${sortOrder}`]);
    }
    return this.edit(key, { sortOrder });
  }

  /** Fixes the price in credits for every run of the model, or (null) returns to the computed price. */
  async setPriceOverride(key: string, credits: number | null): Promise<CatalogModel | undefined> {
    if (credits !== null && (!Number.isSafeInteger(credits) || credits < 1 || credits > MAX_PRICE_OVERRIDE)) {
      throw new InvalidCatalogEditError(key, [
        `the price must be a whole number of credits from 1 to ${MAX_PRICE_OVERRIDE}, got ${credits}`,
      ]);
    }
    return this.edit(key, { priceOverrideCredits: credits });
  }

  /**
   * Replaces the model's USD table (after a provider price change). Checked against the model's
   * parameters first, since a variant that can never match would quietly charge the base price.
   */
  async setUsdPricing(key: string, pricing: UsdPricing): Promise<CatalogModel | undefined> {
    const row = await repo.selectModel(this.db, key);
    if (!row) return undefined;
    const parsed = usdPricingSchema.safeParse(pricing);
    if (!parsed.success) throw new InvalidCatalogEditError(key, [issuesText(parsed.error)]);
    const problems = usdPricingProblems(toCatalogModel(row).parameters, parsed.data);
    if (problems.length > 0) throw new InvalidCatalogEditError(key, problems);
    return this.edit(key, { usdPricing: parsed.data });
  }

  private async edit(key: string, change: repo.ModelEdit): Promise<CatalogModel | undefined> {
    const row = await repo.updateModel(this.db, key, change);
    await this.cache.invalidate(CATALOG_KEY);
    return row && toCatalogModel(row);
  }
}
