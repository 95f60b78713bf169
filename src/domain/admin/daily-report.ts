import { inArray } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { models } from "../../db/schema/index.js";
import type { Translate } from "../payments/payment-notices.js";
import { creditTotals, generationStatistics, revenueIn, usersIn, type CreditTotals, type GenerationTotals, type TimeRange } from "./statistics.js";

/** Models named in the report: the three used most. */
const TOP_MODELS = 3;

export interface DailyReport {
  range: TimeRange;
  users: { total: number; new: number; active: number };
  generations: GenerationTotals;
  credits: CreditTotals;
  revenueStars: number;
  /** Model key → display name, for the top models. */
  modelNames: ReadonlyMap<string, string>;
}

/** The figures of one report period, from the same queries as the statistics screen. */
export async function collectDailyReport(db: Executor, range: TimeRange): Promise<DailyReport> {
  const [userCounts, generations, credits, revenueStars] = await Promise.all([
    usersIn(db, range),
    generationStatistics(db, range),
    creditTotals(db, range),
    revenueIn(db, range),
  ]);
  const keys = generations.byModel.slice(0, TOP_MODELS).map((m) => m.modelKey);
  const names = keys.length === 0 ? [] : await db.select({ key: models.key, name: models.name }).from(models).where(inArray(models.key, keys));
  return { range, users: userCounts, generations, credits, revenueStars, modelNames: new Map(names.map((n) => [n.key, n.name])) };
}

/** The report message in one admin's language; `date` is the report day in the operator's zone. */
export function dailyReportText(t: Translate, report: DailyReport, date: string): string {
  const g = report.generations;
  const top = g.byModel.slice(0, TOP_MODELS).map((m, i) =>
    t("admin-report-model", { place: i + 1, model: report.modelNames.get(m.modelKey) ?? m.modelKey, count: m.total }),
  );
  return t("admin-report", {
    date,
    users: report.users.total,
    newUsers: report.users.new,
    activeUsers: report.users.active,
    generations: g.total,
    delivered: g.delivered,
    failed: g.failed,
    successRate: successRateText(t, g.successRate),
    topModels: top.length > 0 ? top.join("\n") : t("admin-report-no-models"),
    bought: report.credits.bought,
    spent: report.credits.spent,
    refunded: report.credits.refunded,
    revenue: report.revenueStars,
  });
}

/** "93.5 %", or a dash before anything finished. */
export function successRateText(t: Translate, rate: number | null): string {
  return rate === null ? t("admin-rate-none") : t("admin-rate", { percent: (Math.round(rate * 1000) / 10).toFixed(1) });
}
