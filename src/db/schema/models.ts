import { sql } from "drizzle-orm";
import { boolean, check, integer, jsonb, pgTable, smallint, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The image models users can pick, one row per model with both of its provider variants
 * (text-to-image and edit), and the image tools (upscale, denoise…), which are priced and run the same
 * way (`kind`). Seeded at start by src/domain/catalog (insert-if-missing, so an admin's
 * edits survive every deploy) and read through the catalog service's cache; every write goes through
 * that service so all processes see it at once.
 *
 * `parameters` and `usd_pricing` are jsonb so admins can edit them without a migration; the catalog
 * module validates them on every write and parses them on every read.
 */
export const models = pgTable(
  "models",
  {
    /** Stable id used in drafts, generations and callback data, e.g. "nano-banana-pro". */
    key: text("key").primaryKey(),
    name: text("name").notNull(),
    /**
     * "generation": a prompt-driven model of the model menu. "tool": a prompt-less operation on one
     * image (src/domain/tools); it has a single provider id, stored in both id columns.
     */
    kind: text("kind").notNull().default("generation"),
    /** Wavespeed model id for a prompt without reference images. */
    textToImageModelId: text("text_to_image_model_id").notNull(),
    /** Wavespeed model id for a prompt with reference images (sent as `images`). */
    editModelId: text("edit_model_id").notNull(),
    /** The parameters the model takes, their allowed values, defaults and modes (ParameterSpec[]). */
    parameters: jsonb("parameters").notNull(),
    /** Reference images one edit request may carry; more are refused, never dropped. */
    maxReferences: integer("max_references").notNull(),
    qualityStars: smallint("quality_stars").notNull(),
    typicalSecondsMin: integer("typical_seconds_min").notNull(),
    typicalSecondsMax: integer("typical_seconds_max").notNull(),
    /** The provider's price per image in USD: a base and variants keyed by parameter values (UsdPricing). */
    usdPricing: jsonb("usd_pricing").notNull(),
    /** When set, the price in credits for every run, replacing the computed one. */
    priceOverrideCredits: integer("price_override_credits"),
    enabled: boolean("enabled").notNull().default(false),
    /** Ascending position in the model menu; the first enabled model is the default choice. */
    sortOrder: integer("sort_order").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("models_kind_known", sql`${t.kind} in ('generation', 'tool')`),
    check("models_max_references_positive", sql`${t.maxReferences} >= 1`),
    check("models_quality_stars_range", sql`${t.qualityStars} between 1 and 5`),
    check("models_typical_seconds_range", sql`${t.typicalSecondsMin} > 0 and ${t.typicalSecondsMax} >= ${t.typicalSecondsMin}`),
    // The ledger posts only positive amounts: a zero or negative price could never be charged.
    check("models_price_override_positive", sql`${t.priceOverrideCredits} is null or ${t.priceOverrideCredits} > 0`),
  ],
);

export type ModelRow = typeof models.$inferSelect;
export type NewModelRow = typeof models.$inferInsert;
