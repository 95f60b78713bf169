import { z } from "zod";

/** The three interface languages; the order is the order of the language picker. */
export const LOCALES = ["uz", "ru", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export const ROLES = ["bot", "http", "worker"] as const;
export type Role = (typeof ROLES)[number];

const booleanFlag = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .transform((v) => v === "1" || v === "true" || v === "yes");

const positiveInt = z.coerce.number().int().positive();
const nonNegativeInt = z.coerce.number().int().nonnegative();

const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());

const postgresUrl = z
  .string()
  .refine((v) => {
    try {
      const url = new URL(v);
      return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, "must be a postgres:// or postgresql:// URL with a host");

const redisUrl = z.string().refine((v) => {
  try {
    const url = new URL(v);
    return url.protocol === "redis:" || url.protocol === "rediss:";
  } catch {
    return false;
  }
}, "must be a redis:// or rediss:// URL");

const httpUrl = z.string().refine((v) => {
  try {
    const url = new URL(v);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}, "must be an http(s) URL");

const idList = z
  .string()
  .transform((v, ctx) => {
    const parts = v
      .split(",")
      .map((p) => p.trim())
      .filter((p) => p !== "");
    const ids: number[] = [];
    for (const part of parts) {
      if (!/^\d{1,15}$/.test(part)) {
        ctx.addIssue({ code: "custom", message: `"${part}" is not a numeric Telegram user id` });
        return z.NEVER;
      }
      ids.push(Number(part));
    }
    return ids;
  });

/** "09:00" → {hour, minute}: a time of day on the 24-hour clock. */
const clockTime = z.string().transform((v, ctx) => {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(v.trim());
  if (!match) {
    ctx.addIssue({ code: "custom", message: "must be a time of day like 09:00 (24-hour clock)" });
    return z.NEVER;
  }
  return { hour: Number(match[1]), minute: Number(match[2]) };
});

/** An IANA time zone the runtime knows, e.g. Asia/Tashkent. */
const timeZone = z.string().refine((v) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: v });
    return true;
  } catch {
    return false;
  }
}, "must be an IANA time zone such as Asia/Tashkent");

/** A Telegram chat id: a user (positive) or a group (negative, -100… for supergroups). */
const chatId = z
  .string()
  .regex(/^-?\d{1,16}$/, "must be a numeric Telegram chat id (groups are negative)")
  .transform(Number);

/**
 * A channel as the Bot API addresses it: a numeric id (channels are -100…) or @username. "0" means off,
 * as in the first implementation's configuration.
 */
const channelId = z
  .string()
  .trim()
  .refine((v) => v === "0" || /^-100\d{5,15}$/.test(v) || /^@[A-Za-z][A-Za-z0-9_]{3,31}$/.test(v), {
    message: "must be a channel id like -1001234567890 or @channelname (0 or empty: no gallery)",
  })
  .transform((v) => (v === "0" ? undefined : v.startsWith("@") ? v : Number(v)));

/** More preset buttons than this do not fit a top-up screen. */
const MAX_TOP_UP_PRESETS = 12;

/** Comma-separated Stars amounts → distinct, ascending. */
const starsList = z.string().transform((v, ctx) => {
  const parts = v
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  const amounts = new Set<number>();
  for (const part of parts) {
    if (!/^\d{1,6}$/.test(part) || Number(part) < 1) {
      ctx.addIssue({ code: "custom", message: `"${part}" is not a positive whole number of Stars` });
      return z.NEVER;
    }
    amounts.add(Number(part));
  }
  if (amounts.size === 0 || amounts.size > MAX_TOP_UP_PRESETS) {
    ctx.addIssue({ code: "custom", message: `must list 1 to ${MAX_TOP_UP_PRESETS} amounts` });
    return z.NEVER;
  }
  return [...amounts].sort((a, b) => a - b);
});

/**
 * Every environment variable the service reads. Business numbers have code defaults here and can be
 * overridden at runtime by admins through the settings table (src/domain/settings); the variables only
 * set the starting point.
 */
const envSchema = z
  .object({
    BOT_TOKEN: optional(z.string().regex(/^\d+:[A-Za-z0-9_-]{20,}$/, "must look like 123456:ABC-DEF…")),
    BOT_USERNAME: optional(z.string().regex(/^[A-Za-z0-9_]{3,64}$/, "must be a Telegram username without @")),
    TELEGRAM_API_ROOT: z.preprocess(emptyToUndefined, httpUrl.default("https://api.telegram.org")),
    SANDBOX: z.preprocess(emptyToUndefined, booleanFlag.optional()),
    WAVESPEED_API_KEY: optional(z.string().min(8)),
    WAVESPEED_BASE_URL: z.preprocess(emptyToUndefined, httpUrl.default("https://api.wavespeed.ai")),
    DATABASE_URL: optional(postgresUrl),
    REDIS_URL: optional(redisUrl),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default("./data")),
    HTTP_HOST: z.preprocess(emptyToUndefined, z.string().default("0.0.0.0")),
    HTTP_PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(8080)),
    PUBLIC_URL: optional(
      httpUrl.refine((v) => v.startsWith("https://") || v.startsWith("http://localhost") || v.startsWith("http://127.0.0.1"), {
        message: "must be an https URL",
      }),
    ),
    BOT_MODE: z.preprocess(emptyToUndefined, z.enum(["polling", "webhook"]).default("polling")),
    WEBHOOK_SECRET: optional(
      z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16–256 characters of A-Z a-z 0-9 _ -"),
    ),
    ADMIN_IDS: z.preprocess(emptyToUndefined, idList.default([])),
    DEFAULT_LOCALE: z.preprocess(emptyToUndefined, z.enum(LOCALES).default("uz")),
    LOG_LEVEL: z.preprocess(
      emptyToUndefined,
      z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    ),
    SENTRY_DSN: optional(httpUrl),
    SUPPORT_CONTACT: z.preprocess(emptyToUndefined, z.string().min(2).default("@bananapics_support")),
    SUPPORT_EMAIL: z.preprocess(emptyToUndefined, z.string().email().default("blogchikuz@gmail.com")),
    POLICY_VERSION: z.preprocess(emptyToUndefined, positiveInt.default(1)),
    RATE_LIMIT_WINDOW_SECONDS: z.preprocess(emptyToUndefined, positiveInt.default(10)),
    RATE_LIMIT_MESSAGES: z.preprocess(emptyToUndefined, positiveInt.default(20)),
    RATE_LIMIT_CALLBACKS: z.preprocess(emptyToUndefined, positiveInt.default(40)),
    SHUTDOWN_TIMEOUT_MS: z.preprocess(emptyToUndefined, positiveInt.default(9_000)),
    USER_CACHE_TTL_SECONDS: z.preprocess(emptyToUndefined, nonNegativeInt.default(300)),
    PAYMENTS_ENABLED: z.preprocess(emptyToUndefined, booleanFlag.default(true)),
    TOPUP_PRESETS_STARS: z.preprocess(emptyToUndefined, starsList.default([70, 140, 210, 350, 700, 1400])),
    EXCHANGE_RATE_CREDITS: z.preprocess(emptyToUndefined, positiveInt.max(1_000_000).default(1000)),
    EXCHANGE_RATE_STARS: z.preprocess(emptyToUndefined, positiveInt.max(1_000_000).default(70)),
    TOPUP_CUSTOM_MIN_STARS: z.preprocess(emptyToUndefined, positiveInt.max(1_000_000).default(70)),
    TOPUP_CUSTOM_MAX_STARS: z.preprocess(emptyToUndefined, positiveInt.max(1_000_000).default(10_000)),
    TOPUP_ORDER_TTL_HOURS: z.preprocess(emptyToUndefined, positiveInt.max(24 * 30).default(24)),
    REFERENCE_GENERATION_PRICE: z.preprocess(emptyToUndefined, positiveInt.default(100)),
    REFERRAL_JOIN_BONUS: z.preprocess(emptyToUndefined, nonNegativeInt.max(1_000_000).default(20)),
    REFERRAL_PURCHASE_PERCENT: z.preprocess(emptyToUndefined, nonNegativeInt.max(100).default(10)),
    REFERRAL_WELCOME_BONUS: z.preprocess(emptyToUndefined, nonNegativeInt.max(1_000_000).default(0)),
    PRICE_CREDITS_PER_USD: z.preprocess(emptyToUndefined, positiveInt.max(100_000).default(1000)),
    PRICE_MARKUP_PERCENT: z.preprocess(emptyToUndefined, nonNegativeInt.max(1000).default(0)),
    PRICE_MARKUP_CREDITS: z.preprocess(emptyToUndefined, nonNegativeInt.max(100_000).default(40)),
    TRIAL_GENERATIONS: z.preprocess(emptyToUndefined, nonNegativeInt.max(100).default(1)),
    MAX_PARALLEL_GENERATIONS: z.preprocess(emptyToUndefined, positiveInt.max(20).default(2)),
    PROMPT_MAX_LENGTH: z.preprocess(emptyToUndefined, positiveInt.max(10_000).default(2000)),
    ALBUM_DEBOUNCE_MS: z.preprocess(emptyToUndefined, positiveInt.max(10_000).default(1200)),
    GENERATION_DEADLINE_SECONDS: z.preprocess(emptyToUndefined, positiveInt.min(10).max(3600).default(600)),
    NSFW_POLICY: z.preprocess(emptyToUndefined, z.enum(["block", "allow"]).default("block")),
    WAVESPEED_WEBHOOK_VERIFY: z.preprocess(emptyToUndefined, z.enum(["strict", "log"]).default("strict")),
    WAVESPEED_TIMEOUT_SECONDS: z.preprocess(emptyToUndefined, positiveInt.max(300).default(30)),
    PROVIDER_MIN_BALANCE_USD: z.preprocess(emptyToUndefined, z.coerce.number().nonnegative().default(1)),
    BROADCAST_RATE_PER_SECOND: z.preprocess(emptyToUndefined, positiveInt.max(1000).default(25)),
    DAILY_REPORT_TIME: z.preprocess(emptyToUndefined, clockTime.default({ hour: 9, minute: 0 })),
    DAILY_REPORT_TZ: z.preprocess(emptyToUndefined, timeZone.default("Asia/Tashkent")),
    SUPPORT_CHAT_ID: optional(chatId),
    MINIAPP_AUTH_MAX_AGE_SECONDS: z.preprocess(emptyToUndefined, positiveInt.max(7 * 24 * 3600).default(3600)),
    // The privacy policy (4.3) promises removal within 30 days of a request: a longer grace would break it.
    ACCOUNT_DELETION_GRACE_DAYS: z.preprocess(
      emptyToUndefined,
      nonNegativeInt.max(30, "must be at most 30: the privacy policy promises deletion within 30 days").default(30),
    ),
    DATA_EXPORT_INTERVAL_MINUTES: z.preprocess(emptyToUndefined, positiveInt.max(24 * 60).default(10)),
    GALLERY_CHANNEL_ID: optional(channelId),
    ADMIN_SESSION_SECRET: optional(
      z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -hex 32`)").refine((v) => v.length < 32 || new Set(v).size >= 8, {
        message: "looks like a placeholder; use a random value (e.g. `openssl rand -hex 32`)",
      }),
    ),
    ADMIN_SESSION_TTL_MINUTES: z.preprocess(emptyToUndefined, positiveInt.max(24 * 60).default(120)),
    ADMIN_LOGIN_ATTEMPTS_PER_15_MINUTES: z.preprocess(emptyToUndefined, positiveInt.max(10_000).default(10)),
    ADMIN_API_REQUESTS_PER_MINUTE: z.preprocess(emptyToUndefined, positiveInt.max(100_000).default(600)),
    SANDBOX_ADMIN_ID: optional(z.string().regex(/^\d{1,15}$/, "must be a numeric Telegram user id").transform(Number)),
  })
  .superRefine((env, ctx) => {
    if (env.BOT_MODE === "webhook") {
      if (!env.WEBHOOK_SECRET) {
        ctx.addIssue({ code: "custom", path: ["WEBHOOK_SECRET"], message: "is required when BOT_MODE=webhook" });
      }
      if (!env.PUBLIC_URL) {
        ctx.addIssue({ code: "custom", path: ["PUBLIC_URL"], message: "is required when BOT_MODE=webhook" });
      }
      if (!env.BOT_TOKEN) {
        ctx.addIssue({ code: "custom", path: ["BOT_TOKEN"], message: "is required when BOT_MODE=webhook" });
      }
    }
    if (env.TOPUP_CUSTOM_MIN_STARS > env.TOPUP_CUSTOM_MAX_STARS) {
      ctx.addIssue({ code: "custom", path: ["TOPUP_CUSTOM_MIN_STARS"], message: "must not exceed TOPUP_CUSTOM_MAX_STARS" });
    }
    const smallest = Math.min(env.TOPUP_CUSTOM_MIN_STARS, ...env.TOPUP_PRESETS_STARS);
    if (smallest * env.EXCHANGE_RATE_CREDITS < env.EXCHANGE_RATE_STARS) {
      ctx.addIssue({
        code: "custom",
        path: ["EXCHANGE_RATE_CREDITS"],
        message: `${smallest} Stars (the smallest top-up) would buy no credit at this rate`,
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export interface Config {
  readonly botToken: string | undefined;
  readonly botUsername: string | undefined;
  readonly telegramApiRoot: string;
  /** True when the local sandbox (emulator + chat page) should start: no token, or SANDBOX=1. */
  readonly sandbox: boolean;
  /** `offline` when the local fake provider stands in for Wavespeed (no WAVESPEED_API_KEY). */
  readonly wavespeed: { readonly apiKey: string | undefined; readonly baseUrl: string; readonly offline: boolean };
  readonly databaseUrl: string | undefined;
  readonly redisUrl: string | undefined;
  readonly dataDir: string;
  readonly http: { readonly host: string; readonly port: number; readonly publicUrl: string | undefined };
  readonly botMode: "polling" | "webhook";
  readonly webhookSecret: string | undefined;
  readonly adminIds: readonly number[];
  readonly defaultLocale: Locale;
  readonly logLevel: Env["LOG_LEVEL"];
  readonly sentryDsn: string | undefined;
  readonly support: {
    readonly contact: string;
    readonly email: string;
    /**
     * Where /support and /paysupport messages are relayed (a staff group, or one person); undefined
     * relays them to every admin. A reply there goes back to the user.
     */
    readonly chatId: number | undefined;
  };
  /** Broadcasts (src/domain/broadcasts). */
  readonly broadcasts: {
    /**
     * Messages per second across every worker. Telegram allows about 30 for bulk messages without paid
     * broadcasts; the default stays below that.
     */
    readonly ratePerSecond: number;
  };
  /** The admins' daily report (src/jobs/daily-report.ts). */
  readonly dailyReport: {
    readonly time: { readonly hour: number; readonly minute: number };
    /** IANA zone of the report time and of "today" on the statistics screen. */
    readonly timeZone: string;
  };
  /** Raising it asks every user to accept the Terms and the Privacy Policy again. */
  readonly policyVersion: number;
  readonly rateLimit: { readonly windowSeconds: number; readonly messages: number; readonly callbacks: number };
  readonly shutdownTimeoutMs: number;
  readonly userCacheTtlSeconds: number;
  /**
   * Starting values of the top-up business numbers; admins change them at runtime (src/domain/settings),
   * and the app's config then reads the values in effect.
   */
  readonly payments: {
    readonly enabled: boolean;
    readonly presetStars: readonly number[];
    /** `credits` credits for every `stars` Stars. */
    readonly exchangeRate: { readonly credits: number; readonly stars: number };
    readonly customMinStars: number;
    readonly customMaxStars: number;
    readonly orderTtlSeconds: number;
    /** Credits per generation for "about N generations", until real model prices exist. */
    readonly referenceGenerationPrice: number;
  };
  /**
   * Starting values of the referral rewards (docs/decisions/referral-rewards.md); read them through
   * BusinessSettings, like the payment numbers: admins change them at runtime.
   */
  readonly referrals: {
    /** Credits to the referrer once an invited user accepts the terms; 0 pays nothing. */
    readonly joinBonus: number;
    /** Whole percent of every purchase of an invited user, rounded up, to the referrer; 0 pays nothing. */
    readonly purchasePercent: number;
    /** Credits to the invited user when they accept the terms; 0 pays nothing. */
    readonly welcomeBonus: number;
  };
  /**
   * Starting values of the generation pricing rule (docs/decisions/pricing.md): credits =
   * ceil(usd × creditsPerUsd × (1 + markupPercent/100)) + markupCredits. Read through the catalog's
   * PricingSettings; admins change them at runtime.
   */
  readonly pricing: { readonly creditsPerUsd: number; readonly markupPercent: number; readonly markupCredits: number };
  /** Limits of the generation flow (issue #5); all but the album debounce are editable at runtime. */
  readonly generationLimits: {
    /** Free generations for a new user; a failed one is given back. */
    readonly trialGenerations: number;
    /** Generations of one user in flight at once. */
    readonly maxParallel: number;
    /** Longest prompt accepted; a longer one is refused, never cut. */
    readonly promptMaxLength: number;
    /** Quiet time after the last item of an album before it is processed. */
    readonly albumDebounceMs: number;
  };
  /** The worker side of generations (src/jobs/generation) and the provider balance guard. */
  readonly generationWorker: {
    /** From the charge to the delivered file; a generation still running then is failed and refunded. */
    readonly deadlineSeconds: number;
    /** `block`: a result the provider flags as NSFW is not delivered (failed and refunded). */
    readonly nsfwPolicy: "block" | "allow";
    /** Below this provider balance (USD) new generations are declined as "temporarily paused". */
    readonly providerMinBalanceUsd: number;
    /**
     * `strict` rejects a Wavespeed webhook whose signature does not verify; `log` only logs it. The
     * algorithm is unconfirmed against a real delivery, and a webhook only ever triggers an early poll
     * (the provider's own answer to that poll is what counts), so `log` is a safe fallback.
     */
    readonly providerWebhookVerify: "strict" | "log";
    /** Deadline of one Wavespeed request; a submit that exceeds it counts as "maybe created". */
    readonly providerTimeoutSeconds: number;
  };
  /** The Telegram Mini App (docs/miniapp.md). */
  readonly miniApp: {
    /**
     * Where the bot's menu button and "Open app" button point: PUBLIC_URL + /app. Unset without
     * PUBLIC_URL (Telegram opens only https pages), so the bot then shows no app buttons; the sandbox
     * sets it to its own loopback server.
     */
    readonly url: string | undefined;
    /** initData older than this is refused, so a launch link that leaked stops working. */
    readonly authMaxAgeSeconds: number;
  };
  /**
   * The public gallery channel (src/jobs/gallery): completed generations of users who opted in are
   * posted there, never with who made them. Undefined turns the gallery off. The bot must be an
   * administrator of the channel with the right to post.
   */
  readonly galleryChannelId: number | string | undefined;
  /** The web admin panel at /admin (docs/admin-panel.md). */
  readonly adminPanel: {
    /**
     * Signs the session cookie and the CSRF tokens. Required outside the sandbox when the http role
     * runs with a bot token and admins are configured (see adminPanelProblems); the sandbox uses a
     * random one per start.
     */
    readonly sessionSecret: string | undefined;
    /** A signed-in session ends this long after the login, whatever the activity. */
    readonly sessionTtlSeconds: number;
    /** Login attempts per client address per 15 minutes. */
    readonly loginAttemptsPer15Minutes: number;
    /** Admin API requests per client address per minute. */
    readonly apiRequestsPerMinute: number;
    /** Who the sandbox's "log in as admin" shortcut signs in as; also made an admin there when ADMIN_IDS is empty. */
    readonly sandboxAdminId: number | undefined;
  };
  /** Data rights (issue #11, src/domain/privacy). */
  readonly privacy: {
    /** Days between a user's deletion request and the purge; they can cancel until then. */
    readonly deletionGraceDays: number;
    /** One /export per user per this many seconds: an export reads every table. */
    readonly exportIntervalSeconds: number;
  };
}

/** Thrown when the environment is invalid; `problems` has one line per variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/**
 * Validates an environment (process.env in production, a plain object in tests) into a typed Config.
 * Every problem is reported at once, each naming its variable, so an operator fixes them in one pass.
 */
export function createConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = issue.path.join(".") || "environment";
      return `${variable}: ${issue.message}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  return {
    botToken: e.BOT_TOKEN,
    botUsername: e.BOT_USERNAME,
    telegramApiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
    sandbox: e.SANDBOX ?? e.BOT_TOKEN === undefined,
    wavespeed: { apiKey: e.WAVESPEED_API_KEY, baseUrl: e.WAVESPEED_BASE_URL.replace(/\/+$/, ""), offline: false },
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    dataDir: e.DATA_DIR,
    http: { host: e.HTTP_HOST, port: e.HTTP_PORT, publicUrl: e.PUBLIC_URL?.replace(/\/+$/, "") },
    botMode: e.BOT_MODE,
    webhookSecret: e.WEBHOOK_SECRET,
    adminIds: e.ADMIN_IDS,
    defaultLocale: e.DEFAULT_LOCALE,
    logLevel: e.LOG_LEVEL,
    sentryDsn: e.SENTRY_DSN,
    support: { contact: e.SUPPORT_CONTACT, email: e.SUPPORT_EMAIL, chatId: e.SUPPORT_CHAT_ID },
    broadcasts: { ratePerSecond: e.BROADCAST_RATE_PER_SECOND },
    dailyReport: { time: e.DAILY_REPORT_TIME, timeZone: e.DAILY_REPORT_TZ },
    policyVersion: e.POLICY_VERSION,
    rateLimit: {
      windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
      messages: e.RATE_LIMIT_MESSAGES,
      callbacks: e.RATE_LIMIT_CALLBACKS,
    },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    userCacheTtlSeconds: e.USER_CACHE_TTL_SECONDS,
    payments: {
      enabled: e.PAYMENTS_ENABLED,
      presetStars: e.TOPUP_PRESETS_STARS,
      exchangeRate: { credits: e.EXCHANGE_RATE_CREDITS, stars: e.EXCHANGE_RATE_STARS },
      customMinStars: e.TOPUP_CUSTOM_MIN_STARS,
      customMaxStars: e.TOPUP_CUSTOM_MAX_STARS,
      orderTtlSeconds: e.TOPUP_ORDER_TTL_HOURS * 3600,
      referenceGenerationPrice: e.REFERENCE_GENERATION_PRICE,
    },
    referrals: {
      joinBonus: e.REFERRAL_JOIN_BONUS,
      purchasePercent: e.REFERRAL_PURCHASE_PERCENT,
      welcomeBonus: e.REFERRAL_WELCOME_BONUS,
    },
    pricing: {
      creditsPerUsd: e.PRICE_CREDITS_PER_USD,
      markupPercent: e.PRICE_MARKUP_PERCENT,
      markupCredits: e.PRICE_MARKUP_CREDITS,
    },
    generationLimits: {
      trialGenerations: e.TRIAL_GENERATIONS,
      maxParallel: e.MAX_PARALLEL_GENERATIONS,
      promptMaxLength: e.PROMPT_MAX_LENGTH,
      albumDebounceMs: e.ALBUM_DEBOUNCE_MS,
    },
    generationWorker: {
      deadlineSeconds: e.GENERATION_DEADLINE_SECONDS,
      nsfwPolicy: e.NSFW_POLICY,
      providerMinBalanceUsd: e.PROVIDER_MIN_BALANCE_USD,
      providerWebhookVerify: e.WAVESPEED_WEBHOOK_VERIFY,
      providerTimeoutSeconds: e.WAVESPEED_TIMEOUT_SECONDS,
    },
    miniApp: {
      url: e.PUBLIC_URL ? `${e.PUBLIC_URL.replace(/\/+$/, "")}/app` : undefined,
      authMaxAgeSeconds: e.MINIAPP_AUTH_MAX_AGE_SECONDS,
    },
    galleryChannelId: e.GALLERY_CHANNEL_ID,
    adminPanel: {
      sessionSecret: e.ADMIN_SESSION_SECRET,
      sessionTtlSeconds: e.ADMIN_SESSION_TTL_MINUTES * 60,
      loginAttemptsPer15Minutes: e.ADMIN_LOGIN_ATTEMPTS_PER_15_MINUTES,
      apiRequestsPerMinute: e.ADMIN_API_REQUESTS_PER_MINUTE,
      sandboxAdminId: e.SANDBOX_ADMIN_ID,
    },
    privacy: {
      deletionGraceDays: e.ACCOUNT_DELETION_GRACE_DAYS,
      exportIntervalSeconds: e.DATA_EXPORT_INTERVAL_MINUTES * 60,
    },
  };
}

/**
 * Problems of the web admin panel's configuration for a process running `roles`, one line per variable
 * (empty when fine). The panel signs its session cookies with ADMIN_SESSION_SECRET: a process serving
 * HTTP with a real bot token and configured admins must have one, since a secret made up at start would
 * differ between instances and change on every restart. Without admins nobody can sign in, so nothing
 * needs signing; the sandbox makes up its own secret.
 */
export function adminPanelProblems(config: Config, roles: ReadonlySet<Role>): string[] {
  const serves = roles.has("http");
  if (!serves || config.sandbox || config.botToken === undefined || config.adminIds.length === 0) return [];
  if (config.adminPanel.sessionSecret !== undefined) return [];
  return ["ADMIN_SESSION_SECRET: is required when the http role runs with BOT_TOKEN and ADMIN_IDS (generate one with `openssl rand -hex 32`)"];
}
