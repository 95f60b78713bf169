import { z } from "zod";
import type { Config } from "../../config.js";
import type { PricingSettings } from "../catalog/pricing.js";
import type { PaymentSettings, ReferralSettings } from "./business-settings.js";

/**
 * The business numbers admins may change at runtime: one schema per key, with the same bounds the
 * environment variables have (src/config.ts), so a value that could not be configured at start cannot
 * be set at runtime either. The env value (or code default) is each key's default.
 */

const whole = (min: number, max: number) => z.number().int(`must be a whole number`).min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

/** More preset buttons than this do not fit a top-up screen (the same bound as TOPUP_PRESETS_STARS). */
const MAX_TOP_UP_PRESETS = 12;

const presetStars = z
  .array(whole(1, 999_999))
  .min(1, "must list at least one amount")
  .max(MAX_TOP_UP_PRESETS, `must list at most ${MAX_TOP_UP_PRESETS} amounts`)
  .transform((amounts) => [...new Set(amounts)].sort((a, b) => a - b));

export const SETTING_GROUPS = ["payments", "referrals", "pricing", "generation", "broadcasts", "provider"] as const;
export type SettingGroup = (typeof SETTING_GROUPS)[number];

/** Each key: its group, its schema, and where its default comes from in the config. */
export const SETTING_DEFINITIONS = {
  "payments.enabled": { group: "payments", schema: z.boolean(), fromConfig: (c: Config) => c.payments.enabled },
  "payments.presetStars": { group: "payments", schema: presetStars, fromConfig: (c: Config) => [...c.payments.presetStars] },
  "payments.exchangeRateCredits": { group: "payments", schema: whole(1, 1_000_000), fromConfig: (c: Config) => c.payments.exchangeRate.credits },
  "payments.exchangeRateStars": { group: "payments", schema: whole(1, 1_000_000), fromConfig: (c: Config) => c.payments.exchangeRate.stars },
  "payments.customMinStars": { group: "payments", schema: whole(1, 1_000_000), fromConfig: (c: Config) => c.payments.customMinStars },
  "payments.customMaxStars": { group: "payments", schema: whole(1, 1_000_000), fromConfig: (c: Config) => c.payments.customMaxStars },
  "payments.orderTtlHours": { group: "payments", schema: whole(1, 24 * 30), fromConfig: (c: Config) => c.payments.orderTtlSeconds / 3600 },
  "payments.referenceGenerationPrice": {
    group: "payments",
    schema: whole(1, 1_000_000),
    fromConfig: (c: Config) => c.payments.referenceGenerationPrice,
  },
  "referrals.joinBonus": { group: "referrals", schema: whole(0, 1_000_000), fromConfig: (c: Config) => c.referrals.joinBonus },
  "referrals.purchasePercent": { group: "referrals", schema: whole(0, 100), fromConfig: (c: Config) => c.referrals.purchasePercent },
  "referrals.welcomeBonus": { group: "referrals", schema: whole(0, 1_000_000), fromConfig: (c: Config) => c.referrals.welcomeBonus },
  "pricing.creditsPerUsd": { group: "pricing", schema: whole(1, 100_000), fromConfig: (c: Config) => c.pricing.creditsPerUsd },
  "pricing.markupPercent": { group: "pricing", schema: whole(0, 1000), fromConfig: (c: Config) => c.pricing.markupPercent },
  "pricing.markupCredits": { group: "pricing", schema: whole(0, 100_000), fromConfig: (c: Config) => c.pricing.markupCredits },
  "generation.trialGenerations": { group: "generation", schema: whole(0, 100), fromConfig: (c: Config) => c.generationLimits.trialGenerations },
  "generation.maxParallel": { group: "generation", schema: whole(1, 20), fromConfig: (c: Config) => c.generationLimits.maxParallel },
  "generation.promptMaxLength": { group: "generation", schema: whole(1, 10_000), fromConfig: (c: Config) => c.generationLimits.promptMaxLength },
  "broadcasts.ratePerSecond": { group: "broadcasts", schema: whole(1, 1000), fromConfig: (c: Config) => c.broadcasts.ratePerSecond },
  "provider.minBalanceUsd": {
    group: "provider",
    schema: z.number().min(0, "must be at least 0").max(1_000_000, "must be at most 1000000"),
    fromConfig: (c: Config) => c.generationWorker.providerMinBalanceUsd,
  },
} as const satisfies Record<string, { group: SettingGroup; schema: z.ZodType; fromConfig: (c: Config) => unknown }>;

export type SettingKey = keyof typeof SETTING_DEFINITIONS;
export const SETTING_KEYS = Object.keys(SETTING_DEFINITIONS) as SettingKey[];

/** Every key with its value, as the runtime uses them. */
export type SettingValues = { -readonly [K in SettingKey]: z.output<(typeof SETTING_DEFINITIONS)[K]["schema"]> };

export function isSettingKey(value: string): value is SettingKey {
  return Object.hasOwn(SETTING_DEFINITIONS, value);
}

/** The defaults of a deployment: its env values, or the code defaults where no variable is set. */
export function defaultSettingValues(config: Config): SettingValues {
  const values: Partial<Record<SettingKey, unknown>> = {};
  for (const key of SETTING_KEYS) values[key] = SETTING_DEFINITIONS[key].fromConfig(config);
  return values as SettingValues;
}

/** A problem with one key's value, as an admin should read it. */
export interface SettingProblem {
  key: SettingKey | string;
  message: string;
}

/** Parses one key's value; the problems name the key. */
export function parseSettingValue(key: SettingKey, value: unknown): { ok: true; value: unknown } | { ok: false; problems: SettingProblem[] } {
  const parsed = SETTING_DEFINITIONS[key].schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({
      key,
      message: issue.path.length > 0 ? `item ${issue.path.join(".")}: ${issue.message}` : issue.message,
    })),
  };
}

/**
 * The rules that tie keys together, the same ones the config checks at start: a typed amount's bounds
 * in order, and the smallest top-up buying at least one credit.
 */
export function crossKeyProblems(values: SettingValues): SettingProblem[] {
  const problems: SettingProblem[] = [];
  if (values["payments.customMinStars"] > values["payments.customMaxStars"]) {
    problems.push({ key: "payments.customMinStars", message: "must not exceed payments.customMaxStars" });
  }
  const smallest = Math.min(values["payments.customMinStars"], ...values["payments.presetStars"]);
  if (smallest * values["payments.exchangeRateCredits"] < values["payments.exchangeRateStars"]) {
    problems.push({
      key: "payments.exchangeRateCredits",
      message: `${smallest} Stars (the smallest top-up) would buy no credit at this rate`,
    });
  }
  return problems;
}

/** The numbers in the shapes their readers take. */
export interface RuntimeSettings {
  payments: PaymentSettings;
  referrals: ReferralSettings;
  pricing: PricingSettings;
  generation: { trialGenerations: number; maxParallel: number; promptMaxLength: number };
  broadcasts: { ratePerSecond: number };
  provider: { minBalanceUsd: number };
}

/** Frozen, so a reader holding a snapshot can never change what another reader sees. */
export function toRuntimeSettings(values: SettingValues): RuntimeSettings {
  return deepFreeze({
    payments: {
      enabled: values["payments.enabled"],
      presetStars: [...values["payments.presetStars"]],
      exchangeRate: { credits: values["payments.exchangeRateCredits"], stars: values["payments.exchangeRateStars"] },
      customMinStars: values["payments.customMinStars"],
      customMaxStars: values["payments.customMaxStars"],
      orderTtlSeconds: values["payments.orderTtlHours"] * 3600,
      referenceGenerationPrice: values["payments.referenceGenerationPrice"],
    },
    referrals: {
      joinBonus: values["referrals.joinBonus"],
      purchasePercent: values["referrals.purchasePercent"],
      welcomeBonus: values["referrals.welcomeBonus"],
    },
    pricing: {
      creditsPerUsd: values["pricing.creditsPerUsd"],
      markupPercent: values["pricing.markupPercent"],
      markupCredits: values["pricing.markupCredits"],
    },
    generation: {
      trialGenerations: values["generation.trialGenerations"],
      maxParallel: values["generation.maxParallel"],
      promptMaxLength: values["generation.promptMaxLength"],
    },
    broadcasts: { ratePerSecond: values["broadcasts.ratePerSecond"] },
    provider: { minBalanceUsd: values["provider.minBalanceUsd"] },
  });
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
