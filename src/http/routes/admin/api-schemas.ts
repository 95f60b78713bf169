import { z } from "zod";

/**
 * The JSON contract of the admin API (/api/admin) with the panel (web/admin): request schemas parse
 * what comes in, response schemas pass what goes out (undeclared fields are dropped), and both are
 * the API description at /api/admin/openapi.json. The panel imports the types only.
 */

const isoTime = z.string().describe("ISO 8601 time");
const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const page = (maxLimit: number, defaultLimit: number) => ({
  limit: z.coerce.number().int().min(1).max(maxLimit).default(defaultLimit),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
const reason = z.string().trim().min(1, "is required").max(500);

// --- auth ---------------------------------------------------------------------------------------

export const sessionView = z.object({
  admin: z.object({ telegramId: z.number(), name: z.string() }),
  /** Send it back in `x-csrf-token` with every change. */
  csrfToken: z.string(),
  expiresAt: isoTime,
});
export type SessionView = z.infer<typeof sessionView>;

export const okView = z.object({ ok: z.literal(true) });

// --- dashboard ----------------------------------------------------------------------------------

const generationTotals = z.object({
  total: z.number(),
  delivered: z.number(),
  failed: z.number(),
  inProgress: z.number(),
  successRate: z.number().nullable(),
});

export const statisticsView = z.object({
  users: z.object({
    total: z.number(),
    newToday: z.number(),
    new7d: z.number(),
    new30d: z.number(),
    active7d: z.number(),
    active30d: z.number(),
    paying: z.number(),
    banned: z.number(),
    blockedBot: z.number(),
  }),
  revenue: z.object({ today: z.number(), last7d: z.number(), last30d: z.number(), total: z.number() }),
  generations: generationTotals,
  credits: z.object({
    bought: z.number(),
    spent: z.number(),
    refunded: z.number(),
    reversedPurchases: z.number(),
    bonuses: z.number(),
    adjustments: z.number(),
  }),
  queue: z.object({ waiting: z.number(), running: z.number() }),
  timeZone: z.string(),
});
export type StatisticsView = z.infer<typeof statisticsView>;

export const chartQuery = z.object({ days: z.coerce.number().pipe(z.union([z.literal(7), z.literal(30), z.literal(90)])).default(30) });

const modelCount = z.object({ modelKey: z.string(), name: z.string(), total: z.number(), delivered: z.number(), failed: z.number() });

export const chartView = z.object({
  timeZone: z.string(),
  days: z.array(
    z.object({
      date: z.string(),
      newUsers: z.number(),
      generations: z.number(),
      delivered: z.number(),
      failed: z.number(),
      revenueStars: z.number(),
      payments: z.number(),
    }),
  ),
  byModel: z.array(modelCount),
});
export type ChartView = z.infer<typeof chartView>;

// --- users --------------------------------------------------------------------------------------

/** The domain's filters (USER_FILTERS and the like), repeated because the panel type-checks this file without server code. */
export const USER_FILTER_VALUES = ["all", "banned", "blocked_bot"] as const;
export const userListQuery = z.object({
  query: z.string().trim().max(100).optional(),
  filter: z.enum(USER_FILTER_VALUES).default("all"),
  ...page(100, 50),
});

const userRef = z.object({ telegramId: z.number().nullable(), username: z.string().nullable(), firstName: z.string().nullable() });

export const userListView = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      telegramId: z.number().nullable(),
      username: z.string().nullable(),
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
      balance: z.number(),
      banned: z.boolean(),
      generations: z.number(),
      createdAt: isoTime,
      lastSeenAt: isoTime,
    }),
  ),
  total: z.number(),
});
export type UserListView = z.infer<typeof userListView>;

export const idParams = z.object({ id });

const auditEntryView = z.object({
  id: z.number(),
  adminTelegramId: z.number(),
  action: z.string(),
  targetUserId: z.number().nullable(),
  target: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  reason: z.string().nullable(),
  createdAt: isoTime,
});
export type AuditEntryView = z.infer<typeof auditEntryView>;

export const userDetailView = z.object({
  user: z.object({
    id: z.number(),
    telegramId: z.number().nullable(),
    username: z.string().nullable(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    locale: z.string().nullable(),
    languageCode: z.string().nullable(),
    balance: z.number(),
    trialUsed: z.number(),
    trialsLeft: z.number(),
    banned: z.boolean(),
    banReason: z.string().nullable(),
    blockedBot: z.boolean(),
    broadcastOptIn: z.boolean(),
    deletionDueAt: isoTime.nullable(),
    erased: z.boolean(),
    createdAt: isoTime,
    lastSeenAt: isoTime,
  }),
  generations: z.object({ total: z.number(), delivered: z.number(), failed: z.number(), inProgress: z.number() }),
  payments: z.object({ count: z.number(), stars: z.number(), refunded: z.number() }),
  referrer: z
    .object({ id: z.number(), telegramId: z.number().nullable(), username: z.string().nullable(), firstName: z.string().nullable() })
    .nullable(),
  referralCode: z.string().nullable(),
  invited: z.number(),
  recentActions: z.array(auditEntryView),
});
export type UserDetailView = z.infer<typeof userDetailView>;

export const ledgerQuery = z.object(page(100, 20));
export const ledgerView = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      delta: z.number(),
      balanceAfter: z.number(),
      kind: z.string(),
      reference: z.string(),
      note: z.string().nullable(),
      createdAt: isoTime,
    }),
  ),
  total: z.number(),
});
export type LedgerView = z.infer<typeof ledgerView>;

export const creditAdjustmentBody = z.object({
  delta: z.number().int().refine((n) => n !== 0, "must not be 0").refine((n) => Math.abs(n) <= 10_000_000, "must be at most 10000000 either way"),
  reason,
  /** A fresh id per form submission: a retried request applies once. */
  requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
});
export const creditAdjustmentView = z.object({ applied: z.boolean(), balance: z.number() });
export type CreditAdjustmentView = z.infer<typeof creditAdjustmentView>;

export const banBody = z.object({ reason });
export const banView = z.object({ banned: z.boolean(), banReason: z.string().nullable(), notified: z.boolean() });
export type BanView = z.infer<typeof banView>;

// --- generations --------------------------------------------------------------------------------

export const GENERATION_FILTER_VALUES = ["all", "active", "queued", "uploading", "submitting", "submitted", "completed", "delivered", "failed"] as const;
export const generationListQuery = z.object({
  filter: z.enum(GENERATION_FILTER_VALUES).default("all"),
  userId: id.optional(),
  ...page(100, 50),
});

export const generationView = z.object({
  id: z.number(),
  publicId: z.string(),
  userId: z.number(),
  user: userRef,
  kind: z.string(),
  source: z.string(),
  modelKey: z.string(),
  modelName: z.string(),
  mode: z.string(),
  prompt: z.string(),
  priceCredits: z.number(),
  paidWithTrial: z.boolean(),
  status: z.string(),
  failureCode: z.string().nullable(),
  /** Telegram file ids; the panel shows them through /api/admin/files. */
  resultFileIds: z.array(z.string()),
  referenceFileIds: z.array(z.string()),
  refunded: z.boolean(),
  createdAt: isoTime,
  deliveredAt: isoTime.nullable(),
});
export type GenerationView = z.infer<typeof generationView>;

export const generationListView = z.object({
  items: z.array(generationView),
  total: z.number(),
  /** Generations in each status still in progress. */
  active: z.record(z.string(), z.number()),
});
export type GenerationListView = z.infer<typeof generationListView>;

export const generationRefundView = z.object({ refundedCredits: z.number(), balanceAfter: z.number() });
export type GenerationRefundView = z.infer<typeof generationRefundView>;

export const fileParams = z.object({ fileId: z.string().regex(/^[A-Za-z0-9_-]{8,200}$/, "is not a file id") });
export const fileQuery = z.object({ size: z.enum(["thumb", "full"]).default("full") });

// --- payments -----------------------------------------------------------------------------------

export const PAYMENT_FILTER_VALUES = ["all", "credited", "refunded", "unmatched"] as const;
export const paymentListQuery = z.object({
  filter: z.enum(PAYMENT_FILTER_VALUES).default("all"),
  userId: id.optional(),
  ...page(100, 50),
});

export const paymentView = z.object({
  chargeId: z.string(),
  userId: z.number().nullable(),
  user: userRef.nullable(),
  payerTelegramId: z.number(),
  stars: z.number(),
  credits: z.number(),
  status: z.string(),
  unmatchedReason: z.string().nullable(),
  source: z.string(),
  createdAt: isoTime,
  refundedAt: isoTime.nullable(),
  refundedCredits: z.number().nullable(),
  refundShortfall: z.number().nullable(),
});
export type PaymentView = z.infer<typeof paymentView>;

export const paymentListView = z.object({ items: z.array(paymentView), total: z.number(), stars: z.number(), credits: z.number() });
export type PaymentListView = z.infer<typeof paymentListView>;

export const chargeParams = z.object({ chargeId: z.string().min(1).max(256) });
export const paymentRefundView = z.object({
  telegram: z.enum(["refunded", "already_refunded"]),
  creditsTakenBack: z.number(),
  shortfall: z.number(),
});
export type PaymentRefundView = z.infer<typeof paymentRefundView>;

// --- broadcasts ---------------------------------------------------------------------------------

const recipientCounts = z.object({
  pending: z.number(),
  sending: z.number(),
  sent: z.number(),
  blocked: z.number(),
  failed: z.number(),
  skipped: z.number(),
  total: z.number(),
});

export const broadcastView = z.object({
  id: z.number(),
  status: z.string(),
  contentKind: z.string(),
  audience: z.string().nullable(),
  /** An essential service notice: also reaches users who turned broadcasts off, marked as such. */
  essential: z.boolean(),
  buttonText: z.string().nullable(),
  buttonUrl: z.string().nullable(),
  adminTelegramId: z.number(),
  total: z.number(),
  counts: recipientCounts,
  /** Settled (sent, blocked, failed or skipped) of the total, 0–100. */
  percent: z.number(),
  createdAt: isoTime,
  startedAt: isoTime.nullable(),
  finishedAt: isoTime.nullable(),
});
export type BroadcastView = z.infer<typeof broadcastView>;

export const broadcastListQuery = z.object(page(100, 20));
export const broadcastListView = z.object({ items: z.array(broadcastView), total: z.number() });
export type BroadcastListView = z.infer<typeof broadcastListView>;

export const audienceListView = z.object({
  /** `count`: an ordinary broadcast's reach; `essentialCount`: a service notice's, opted-out users included. */
  audiences: z.array(z.object({ key: z.string(), count: z.number(), essentialCount: z.number() })),
});
export type AudienceListView = z.infer<typeof audienceListView>;

/** Telegram's limits: a message has at most 4096 characters, a photo caption 1024 (tags not counted). */
export const BROADCAST_TEXT_MAX = 4096;
export const BROADCAST_CAPTION_MAX = 1024;
/** A photo for a broadcast; Telegram takes up to 10 MB, a broadcast photo needs far less. */
export const BROADCAST_PHOTO_MAX_BYTES = 5 * 1024 * 1024;

export const createBroadcastBody = z.object({
  /** Telegram HTML (<b>, <i>, <a href>…), as the preview shows it. */
  text: z.string().max(BROADCAST_TEXT_MAX * 4),
  /** Base64 of a JPEG, PNG or WebP; the text becomes its caption. */
  photoBase64: z.string().max(Math.ceil((BROADCAST_PHOTO_MAX_BYTES * 4) / 3) + 4).optional(),
  audience: z.string().regex(/^[a-z_0-9]+(:[a-z]{2})?$/),
  button: z.object({ text: z.string().max(200), url: z.string().max(2048) }).optional(),
  /**
   * An essential service notice (privacy policy 6.3): it also reaches users who turned broadcasts off.
   * Only with `essentialConfirmed: true`, the admin's explicit statement that it is one.
   */
  essential: z.boolean().optional(),
  essentialConfirmed: z.boolean().optional(),
});
export type CreateBroadcastBody = z.infer<typeof createBroadcastBody>;

// --- models -------------------------------------------------------------------------------------

const priceRange = z.object({ min: z.number(), max: z.number() });
export const modelView = z.object({
  key: z.string(),
  name: z.string(),
  kind: z.string(),
  enabled: z.boolean(),
  sortOrder: z.number(),
  priceOverrideCredits: z.number().nullable(),
  /** The provider's base price in USD. */
  usdBase: z.number(),
  /** What one run costs now in credits, per mode (with the current markup, or the fixed price). */
  prices: z.object({ text_to_image: priceRange.optional(), edit: priceRange.optional() }),
  generations: z.number(),
});
export type ModelView = z.infer<typeof modelView>;
export const modelListView = z.object({ models: z.array(modelView) });
export type ModelListView = z.infer<typeof modelListView>;

export const modelParams = z.object({ key: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,80}$/) });
export const modelEditBody = z
  .object({
    enabled: z.boolean().optional(),
    sortOrder: z.number().int().optional(),
    priceOverrideCredits: z.number().int().nullable().optional(),
  })
  .refine((edit) => Object.keys(edit).length > 0, "change at least one field");

// --- settings -----------------------------------------------------------------------------------

export const settingView = z.object({
  key: z.string(),
  group: z.string(),
  value: z.unknown(),
  defaultValue: z.unknown(),
  overridden: z.boolean(),
  updatedBy: z.number().nullable(),
  updatedAt: isoTime.nullable(),
});
export type SettingView = z.infer<typeof settingView>;
export const settingListView = z.object({ settings: z.array(settingView) });
export type SettingListView = z.infer<typeof settingListView>;

export const settingsPatchBody = z.object({
  /** New values by key; null puts a key back to its env default. */
  changes: z.record(z.string().max(64), z.unknown()).refine((c) => Object.keys(c).length > 0 && Object.keys(c).length <= 50, "change 1 to 50 settings"),
  reason: z.string().max(500).optional(),
});

// --- provider -----------------------------------------------------------------------------------

export const providerView = z.object({
  /** No provider configured at all (a test setup), or how its balance stands against the threshold. */
  status: z.enum(["ok", "low", "unknown", "none"]),
  balanceUsd: z.number().nullable(),
  minBalanceUsd: z.number(),
  waiting: z.number(),
  running: z.number(),
  last24h: generationTotals.extend({ byModel: z.array(modelCount) }),
  last7d: generationTotals.extend({ byModel: z.array(modelCount) }),
  recentFailures: z.array(
    z.object({ generationId: z.number(), userId: z.number(), modelKey: z.string(), failureCode: z.string().nullable(), at: isoTime }),
  ),
});
export type ProviderView = z.infer<typeof providerView>;

// --- audit log ----------------------------------------------------------------------------------

export const auditQuery = z.object({
  action: z.string().regex(/^[a-z_]{1,64}$/).optional(),
  adminTelegramId: id.optional(),
  targetUserId: id.optional(),
  ...page(100, 50),
});
export const auditListView = z.object({ items: z.array(auditEntryView), total: z.number(), actions: z.array(z.string()) });
export type AuditListView = z.infer<typeof auditListView>;

export const openApiView = z.record(z.string(), z.unknown());
