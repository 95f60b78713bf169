import { and, sql, type SQL } from "drizzle-orm";
import { LOCALES, type Locale } from "../../config.js";
import type { Executor } from "../../db/client.js";
import { ledgerEntries, users } from "../../db/schema/index.js";
import { LEDGER_KINDS } from "../ledger/ledger-kinds.js";
import { broadcastRecipientCondition, type BroadcastAudience } from "../privacy/broadcast-audience.js";

/** Who a broadcast goes to, before the exclusions that always apply. */
export const AUDIENCE_KINDS = ["all", "active_7d", "active_30d", "with_balance", "paying", "new_7d", "language"] as const;
export type AudienceKind = (typeof AUDIENCE_KINDS)[number];

export type Audience = { kind: Exclude<AudienceKind, "language"> } | { kind: "language"; locale: Locale };

const DAY_MS = 24 * 3600 * 1000;

export function isAudienceKind(value: unknown): value is AudienceKind {
  return typeof value === "string" && (AUDIENCE_KINDS as readonly string[]).includes(value);
}

/** The audience stored on a broadcast row, or undefined when none was chosen (or it is malformed). */
export function audienceOf(row: { audience: string | null; audienceLocale: string | null }): Audience | undefined {
  if (!isAudienceKind(row.audience)) return undefined;
  if (row.audience !== "language") return { kind: row.audience };
  const locale = LOCALES.find((l) => l === row.audienceLocale);
  return locale ? { kind: "language", locale } : undefined;
}

/**
 * The user's interface language in SQL, exactly as effectiveLocale() decides it in code: their choice,
 * else Telegram's language_code when we speak it ("ru-RU" counts as ru), else the deployment default.
 */
export function effectiveLocaleSql(defaultLocale: Locale): SQL<string> {
  const hinted = sql`split_part(replace(lower(${users.languageCode}), '_', '-'), '-', 1)`;
  return sql<string>`coalesce(
    case when ${users.locale} in ${[...LOCALES]} then ${users.locale} end,
    case when ${hinted} in ${[...LOCALES]} then ${hinted} end,
    ${defaultLocale})`;
}

/** The privacy rule a broadcast row is sent under: a confirmed service notice ignores the opt-out. */
export function recipientRuleOf(row: { essential: boolean }): BroadcastAudience {
  return row.essential ? "essential" : "optional";
}

/**
 * The audience as a condition on `users`, always including the privacy rule
 * (src/domain/privacy/broadcast-audience.ts): never a banned user, one who blocked the bot, never
 * accepted the terms, or whose account is erased or waiting for deletion; and, unless the broadcast is
 * an essential service notice, never one who turned broadcasts off.
 */
export function audienceCondition(audience: Audience, at: { now: Date; defaultLocale: Locale }, rule: BroadcastAudience = "optional"): SQL {
  const ago = (days: number) => new Date(at.now.getTime() - days * DAY_MS);
  const base = broadcastRecipientCondition(rule);
  const narrowed = and(base, audienceFilter(audience, ago, at.defaultLocale));
  if (!narrowed) throw new Error("an audience condition is never empty");
  return narrowed;
}

function audienceFilter(audience: Audience, ago: (days: number) => Date, defaultLocale: Locale): SQL {
  switch (audience.kind) {
    case "all":
      return sql`true`;
    case "active_7d":
      return sql`${users.lastSeenAt} >= ${ago(7)}`;
    case "active_30d":
      return sql`${users.lastSeenAt} >= ${ago(30)}`;
    case "with_balance":
      return sql`${users.balance} > 0`;
    case "paying":
      return sql`exists (select 1 from ${ledgerEntries} where ${ledgerEntries.userId} = ${users.id} and ${ledgerEntries.kind} = ${LEDGER_KINDS.purchase})`;
    case "new_7d":
      return sql`${users.createdAt} >= ${ago(7)}`;
    case "language":
      return sql`${effectiveLocaleSql(defaultLocale)} = ${audience.locale}`;
  }
}

/** Every audience an admin can pick, with its size now: the wizard shows them on the buttons. */
export function allAudiences(): Audience[] {
  return [
    ...AUDIENCE_KINDS.filter((k): k is Exclude<AudienceKind, "language"> => k !== "language").map((kind) => ({ kind })),
    ...LOCALES.map((locale) => ({ kind: "language" as const, locale })),
  ];
}

export interface AudienceSize {
  audience: Audience;
  /** Reached by an ordinary broadcast. */
  count: number;
  /** Reached by a service notice: also those who turned broadcasts off. */
  essentialCount: number;
}

/** The size of each audience, for both kinds of broadcast, in one query (a count filter per audience). */
export async function countAudiences(db: Executor, at: { now: Date; defaultLocale: Locale }): Promise<AudienceSize[]> {
  const audiences = allAudiences();
  const count = (audience: Audience, rule: BroadcastAudience) => sql<number>`(count(*) filter (where ${audienceCondition(audience, at, rule)}))::int`;
  const columns = Object.fromEntries(audiences.flatMap((audience, index) => [[`a${index}`, count(audience, "optional")], [`e${index}`, count(audience, "essential")]]));
  const rows = await db.select(columns).from(users);
  const row = rows[0] ?? {};
  return audiences.map((audience, index) => ({ audience, count: Number(row[`a${index}`] ?? 0), essentialCount: Number(row[`e${index}`] ?? 0) }));
}

/** Same key for the same audience: "all", "active_7d", …, "language:ru". */
export function audienceKey(audience: Audience): string {
  return audience.kind === "language" ? `language:${audience.locale}` : audience.kind;
}
