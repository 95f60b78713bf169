import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { generations, starPayments, users } from "../../db/schema/index.js";
import { GENERATION_STATUS } from "../generation/generation-status.js";
import { PAYMENT_STATUS } from "../payments/star-payments.js";
import { generationStatistics, type ModelStatistics } from "./statistics.js";
import { localDate, startOfDay } from "./time-zone.js";

const DAY_MS = 24 * 3600 * 1000;

/** One calendar day of the operator's zone with its figures; every day of the range is present, zeros included. */
export interface DailyPoint {
  /** "2026-11-27" in the operator's time zone. */
  date: string;
  newUsers: number;
  generations: number;
  delivered: number;
  failed: number;
  /** Stars of credited payments made that day (refunded ones are not revenue). */
  revenueStars: number;
  payments: number;
}

export interface ChartSeries {
  from: Date;
  to: Date;
  days: DailyPoint[];
  /** Generations of the whole range by model, most first. */
  byModel: ModelStatistics[];
}

/**
 * The dashboard's charts: new users, generations (delivered, failed) and revenue per day over the last
 * `days` days in the operator's time zone (today included), and generations by model over the same
 * range. Days are bucketed in SQL by the zone's calendar, the same "today" the statistics screen uses.
 */
export async function chartSeries(db: Executor, request: { days: number; now: Date; timeZone: string }): Promise<ChartSeries> {
  const to = request.now;
  const from = startOfDay(new Date(to.getTime() - (request.days - 1) * DAY_MS), request.timeZone);
  const zone = request.timeZone;
  const day = (column: AnyColumn) => sql<string>`to_char((${column} at time zone ${zone})::date, 'YYYY-MM-DD')`;
  const since = (column: AnyColumn, extra?: SQL) => (extra ? sql`${column} >= ${from} and ${extra}` : sql`${column} >= ${from}`);

  const [userRows, generationRows, paymentRows, models] = await Promise.all([
    db
      .select({ date: day(users.createdAt), n: sql<number>`count(*)::int` })
      .from(users)
      .where(since(users.createdAt, sql`${users.telegramId} is not null`))
      .groupBy(sql`1`),
    db
      .select({
        date: day(generations.createdAt),
        n: sql<number>`count(*)::int`,
        delivered: sql<number>`(count(*) filter (where ${generations.status} = ${GENERATION_STATUS.delivered}))::int`,
        failed: sql<number>`(count(*) filter (where ${generations.status} = ${GENERATION_STATUS.failed}))::int`,
      })
      .from(generations)
      .where(since(generations.createdAt))
      .groupBy(sql`1`),
    db
      .select({ date: day(starPayments.createdAt), stars: sql<string>`coalesce(sum(${starPayments.stars}), 0)::text`, n: sql<number>`count(*)::int` })
      .from(starPayments)
      .where(since(starPayments.createdAt, sql`${starPayments.status} = ${PAYMENT_STATUS.credited}`))
      .groupBy(sql`1`),
    generationStatistics(db, { from, to: new Date(to.getTime() + 1) }),
  ]);

  const points = new Map<string, DailyPoint>();
  for (const date of calendarDays(from, to, zone)) {
    points.set(date, { date, newUsers: 0, generations: 0, delivered: 0, failed: 0, revenueStars: 0, payments: 0 });
  }
  for (const row of userRows) {
    const point = points.get(row.date);
    if (point) point.newUsers = row.n;
  }
  for (const row of generationRows) {
    const point = points.get(row.date);
    if (point) Object.assign(point, { generations: row.n, delivered: row.delivered, failed: row.failed });
  }
  for (const row of paymentRows) {
    const point = points.get(row.date);
    if (point) Object.assign(point, { revenueStars: Number(row.stars), payments: row.n });
  }
  return { from, to, days: [...points.values()], byModel: models.byModel };
}

/** The zone's calendar dates from `from` to `to`, each once, in order. */
function calendarDays(from: Date, to: Date, zone: string): string[] {
  const dates: string[] = [];
  // Sampling at about noon keeps one sample per day even across a daylight-saving change.
  for (let t = from.getTime() + DAY_MS / 2; t <= to.getTime(); t += DAY_MS) {
    const date = localDate(new Date(t), zone);
    if (dates.at(-1) !== date) dates.push(date);
  }
  const today = localDate(to, zone);
  if (dates.at(-1) !== today) dates.push(today);
  return dates;
}
