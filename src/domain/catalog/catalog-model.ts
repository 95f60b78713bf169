import { z } from "zod";
import type { ModelRow } from "../../db/schema/index.js";

/**
 * Without reference images a prompt goes to the model's text-to-image variant; with them, to its edit
 * variant. The same strings are stored on generations.
 */
export const GENERATION_MODES = ["text_to_image", "edit"] as const;
export type GenerationMode = (typeof GENERATION_MODES)[number];

/**
 * "generation": a prompt-driven model of the model menu. "tool": a prompt-less operation on one image
 * (upscale, denoise…, src/domain/tools), priced and run through the same catalog, charge and worker.
 */
export const MODEL_KINDS = ["generation", "tool"] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

/**
 * The mode a tool's parameters and prices are declared for. A tool always works on one input image,
 * which makes it an edit in the catalog's terms; both of its provider-id columns hold its one model id.
 */
export const TOOL_PRICING_MODE: GenerationMode = "edit";

/**
 * The parameters the bot can offer. Each name is also the Wavespeed input field it is sent as; the
 * list is closed because every parameter needs its own menu and localized label. The last three are
 * the image tools' (`model` is the Topaz tools' name for their variant, not a catalog model).
 */
export const PARAMETER_NAMES = [
  "size",
  "aspect_ratio",
  "resolution",
  "quality",
  "input_fidelity",
  "target_resolution",
  "model",
  "output_format",
] as const;
export type ParameterName = (typeof PARAMETER_NAMES)[number];

/** One parameter of one model: what the user may choose, and in which modes it applies. */
export interface ParameterSpec {
  readonly name: ParameterName;
  /** Allowed values, in menu order, exactly as the provider expects them. */
  readonly values: readonly string[];
  /**
   * What is used when the user chose nothing: one of `values`, or null to omit the parameter and let
   * the provider decide (the menu's "Default" button).
   */
  readonly default: string | null;
  readonly modes: readonly GenerationMode[];
}

/** A price that applies when every `when` parameter has exactly that value (and the mode matches, if given). */
export interface UsdPriceVariant {
  readonly mode?: GenerationMode | undefined;
  readonly when: Readonly<Partial<Record<ParameterName, string>>>;
  readonly usd: number;
}

/**
 * The provider's price of one image in USD. Variants are tried in order and the first match wins, so
 * a more specific variant goes before a more general one; with no match, `base` applies. An omitted
 * parameter matches no variant that names it.
 */
export interface UsdPricing {
  readonly base: number;
  readonly variants: readonly UsdPriceVariant[];
}

/**
 * A model as the rest of the system sees it: plain JSON, so the whole catalog can sit in the shared
 * cache and be compared or logged as is.
 */
export interface CatalogModel {
  readonly key: string;
  readonly kind: ModelKind;
  readonly name: string;
  readonly providerModelIds: Readonly<Record<GenerationMode, string>>;
  /** In menu order. */
  readonly parameters: readonly ParameterSpec[];
  readonly maxReferences: number;
  /** 1–5, shown as stars in the model menu. */
  readonly qualityStars: number;
  readonly typicalSeconds: { readonly min: number; readonly max: number };
  readonly usdPricing: UsdPricing;
  /** When set, every run costs exactly this many credits, whatever the USD table says. */
  readonly priceOverrideCredits: number | null;
  readonly enabled: boolean;
  readonly sortOrder: number;
}

/** Beyond this a USD price is a typing mistake (a price in cents, say), not a provider price. */
const MAX_USD = 100;
/** Prices are kept to the micro-dollar; anything smaller would round to nothing. */
const MIN_USD = 0.000001;

const modeSchema = z.enum(GENERATION_MODES);
const usdSchema = z.number().min(MIN_USD).max(MAX_USD);

const parameterSpecSchema = z
  .object({
    name: z.enum(PARAMETER_NAMES),
    values: z.array(z.string().min(1)).min(1),
    default: z.string().nullable(),
    modes: z.array(modeSchema).min(1),
  })
  .superRefine((spec, ctx) => {
    if (new Set(spec.values).size !== spec.values.length) ctx.addIssue({ code: "custom", message: `${spec.name}: values repeat` });
    if (new Set(spec.modes).size !== spec.modes.length) ctx.addIssue({ code: "custom", message: `${spec.name}: modes repeat` });
    if (spec.default !== null && !spec.values.includes(spec.default)) {
      ctx.addIssue({ code: "custom", message: `${spec.name}: default "${spec.default}" is not one of its values` });
    }
  });

/** Validates the jsonb `parameters` column. */
export const parameterSpecsSchema = z.array(parameterSpecSchema).superRefine((specs, ctx) => {
  const names = specs.map((s) => s.name);
  if (new Set(names).size !== names.length) ctx.addIssue({ code: "custom", message: "a parameter is listed twice" });
});

/** Validates the shape of the jsonb `usd_pricing` column; {@link usdPricingProblems} checks it against the parameters. */
export const usdPricingSchema = z.object({
  base: usdSchema,
  variants: z.array(
    z.object({
      mode: modeSchema.optional(),
      when: z.partialRecord(z.enum(PARAMETER_NAMES), z.string().min(1)),
      usd: usdSchema,
    }),
  ),
});

/**
 * What is wrong with a USD table for these parameters: a variant naming a parameter the model does not
 * have (or not in the variant's mode), or a value it does not allow, would silently never match and
 * charge the base price instead.
 */
export function usdPricingProblems(parameters: readonly ParameterSpec[], pricing: UsdPricing): string[] {
  const problems: string[] = [];
  pricing.variants.forEach((variant, index) => {
    for (const [name, value] of Object.entries(variant.when)) {
      const spec = parameters.find((p) => p.name === name);
      if (!spec) problems.push(`variant ${index + 1}: the model has no parameter ${name}`);
      else if (value === undefined || !spec.values.includes(value)) {
        problems.push(`variant ${index + 1}: ${name} has no value "${String(value)}"`);
      } else if (variant.mode && !spec.modes.includes(variant.mode)) {
        problems.push(`variant ${index + 1}: ${name} does not apply to ${variant.mode}`);
      }
    }
  });
  return problems;
}

/**
 * Maps a row to the domain shape, checking the jsonb columns: they can be edited outside the service
 * (SQL by hand), and a broken table must stop the catalog loudly rather than mis-price a generation.
 */
export function toCatalogModel(row: ModelRow): CatalogModel {
  const parameters = parameterSpecsSchema.safeParse(row.parameters);
  if (!parameters.success) throw new Error(`models.parameters of "${row.key}" is invalid: ${issuesText(parameters.error)}`);
  const pricing = usdPricingSchema.safeParse(row.usdPricing);
  if (!pricing.success) throw new Error(`models.usd_pricing of "${row.key}" is invalid: ${issuesText(pricing.error)}`);
  const problems = usdPricingProblems(parameters.data, pricing.data);
  if (problems.length > 0) throw new Error(`models.usd_pricing of "${row.key}" is invalid: ${problems.join("; ")}`);
  if (!(MODEL_KINDS as readonly string[]).includes(row.kind)) throw new Error(`models.kind of "${row.key}" is invalid: ${row.kind}`);
  return {
    key: row.key,
    kind: row.kind as ModelKind,
    name: row.name,
    providerModelIds: { text_to_image: row.textToImageModelId, edit: row.editModelId },
    parameters: parameters.data,
    maxReferences: row.maxReferences,
    qualityStars: row.qualityStars,
    typicalSeconds: { min: row.typicalSecondsMin, max: row.typicalSecondsMax },
    usdPricing: pricing.data,
    priceOverrideCredits: row.priceOverrideCredits,
    enabled: row.enabled,
    sortOrder: row.sortOrder,
  };
}

/** A zod error as one line, for messages and logs. */
export function issuesText(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message)).join("; ");
}
