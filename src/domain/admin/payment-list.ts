import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { starPayments, users } from "../../db/schema/index.js";
import { PAYMENT_STATUS } from "../payments/star-payments.js";

export const PAYMENT_FILTERS = ["all", ...Object.values(PAYMENT_STATUS)] as const;
export type PaymentFilter = (typeof PAYMENT_FILTERS)[number];

export interface PaymentListItem {
  chargeId: string;
  userId: number | null;
  user: { telegramId: number | null; username: string | null; firstName: string | null } | null;
  payerTelegramId: number;
  stars: number;
  credits: number;
  status: string;
  unmatchedReason: string | null;
  source: string;
  createdAt: Date;
  refundedAt: Date | null;
  refundedCredits: number | null;
  refundShortfall: number | null;
}

export interface PaymentListRequest {
  filter?: PaymentFilter | undefined;
  userId?: number | undefined;
  limit: number;
  offset: number;
}

/** Stars payments newest first, a page at a time, with the totals of everything the filter matches. */
export async function listPayments(
  db: Executor,
  request: PaymentListRequest,
): Promise<{ items: PaymentListItem[]; total: number; stars: number; credits: number }> {
  const conditions: SQL[] = [];
  if (request.filter !== undefined && request.filter !== "all") conditions.push(eq(starPayments.status, request.filter));
  if (request.userId !== undefined) conditions.push(eq(starPayments.userId, request.userId));
  const where = conditions.length > 0 ? and(...conditions) : sql`true`;
  const [rows, totals] = await Promise.all([
    db
      .select({ payment: starPayments, telegramId: users.telegramId, username: users.username, firstName: users.firstName })
      .from(starPayments)
      .leftJoin(users, eq(users.id, starPayments.userId))
      .where(where)
      .orderBy(desc(starPayments.createdAt), desc(starPayments.chargeId))
      .limit(request.limit)
      .offset(request.offset),
    db
      .select({
        n: sql<number>`count(*)::int`,
        stars: sql<string>`coalesce(sum(${starPayments.stars}), 0)::text`,
        credits: sql<string>`coalesce(sum(${starPayments.credits}), 0)::text`,
      })
      .from(starPayments)
      .where(where),
  ]);
  const items = rows.map(({ payment: p, telegramId, username, firstName }) => ({
    chargeId: p.chargeId,
    userId: p.userId,
    user: p.userId === null ? null : { telegramId, username, firstName },
    payerTelegramId: p.payerTelegramId,
    stars: p.stars,
    credits: p.credits,
    status: p.status,
    unmatchedReason: p.unmatchedReason,
    source: p.source,
    createdAt: p.createdAt,
    refundedAt: p.refundedAt,
    refundedCredits: p.refundedCredits,
    refundShortfall: p.refundShortfall,
  }));
  const total = totals[0];
  return { items, total: total?.n ?? 0, stars: Number(total?.stars ?? 0), credits: Number(total?.credits ?? 0) };
}
