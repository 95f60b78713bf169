import type { FastifyInstance } from "fastify";
import type { Database } from "../../../db/client.js";
import { chartSeries } from "../../../domain/admin/chart-series.js";
import { providerOverview } from "../../../domain/admin/provider-overview.js";
import { collectStatistics } from "../../../domain/admin/statistics.js";
import { startOfDay } from "../../../domain/admin/time-zone.js";
import type { AdminRoutes } from "./admin-route.js";
import { chartQuery, chartView, statisticsView } from "./api-schemas.js";

export interface DashboardDeps {
  db: Database;
  /** The operator's zone: "today" and the chart's days are its calendar days. */
  timeZone: string;
  modelNames(): Promise<ReadonlyMap<string, string>>;
}

/** The dashboard: the statistics screen's figures, the queue, and the daily series for the charts. */
export function registerDashboardRoutes(scope: FastifyInstance, routes: AdminRoutes, deps: DashboardDeps): void {
  routes.json(scope, {
    method: "GET",
    url: "/api/admin/stats",
    tag: "dashboard",
    summary: "Users, revenue, generations and credits (the bot's statistics screen), and the generation queue",
    response: statisticsView,
    handler: async () => {
      const now = new Date();
      const [statistics, overview] = await Promise.all([
        collectStatistics(deps.db, { now, dayStart: startOfDay(now, deps.timeZone) }),
        providerOverview(deps.db, now, 0),
      ]);
      return { ...statistics, queue: { waiting: overview.waiting, running: overview.running }, timeZone: deps.timeZone };
    },
  });

  routes.json(scope, {
    method: "GET",
    url: "/api/admin/charts",
    tag: "dashboard",
    summary: "New users, generations and revenue per day of the operator's time zone, and generations by model, over 7, 30 or 90 days",
    query: chartQuery,
    response: chartView,
    handler: async ({ query }) => {
      const [series, names] = await Promise.all([chartSeries(deps.db, { days: query.days, now: new Date(), timeZone: deps.timeZone }), deps.modelNames()]);
      return {
        timeZone: deps.timeZone,
        days: series.days,
        byModel: series.byModel.map((m) => ({ ...m, name: names.get(m.modelKey) ?? m.modelKey })),
      };
    },
  });
}
