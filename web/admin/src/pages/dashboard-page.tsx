import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../api/api-context.js";
import { BarList, ColumnChart, LineChart } from "../components/charts.js";
import { Card, Chips, ErrorBox, Kpi, Loading } from "../components/ui.js";
import { useI18n } from "../i18n/i18n.js";

const RANGES = [7, 30, 90] as const;

/** KPIs (refreshed every minute), the queue (every 10 s) and the daily charts over 7, 30 or 90 days. */
export function DashboardPage() {
  const api = useApi();
  const { t, f } = useI18n();
  const [days, setDays] = useState<(typeof RANGES)[number]>(30);
  const stats = useQuery({ queryKey: ["stats"], queryFn: api.stats, refetchInterval: 10_000 });
  const charts = useQuery({ queryKey: ["charts", days], queryFn: () => api.charts(days), refetchInterval: 60_000 });

  return (
    <div className="page">
      <header className="page-head">
        <h1>{t("nav-dashboard")}</h1>
        <Chips label={t("dashboard-range")} value={days} onChange={setDays} options={RANGES.map((d) => ({ value: d, label: t("days", { n: d }) }))} />
      </header>
      {stats.error ? <ErrorBox error={stats.error} /> : null}
      {stats.data === undefined ? (
        <Loading />
      ) : (
        <>
          <div className="queue-strip" data-testid="queue-strip">
            <span>
              {t("queue-waiting")}: <b>{f.n(stats.data.queue.waiting)}</b>
            </span>
            <span>
              {t("queue-running")}: <b>{f.n(stats.data.queue.running)}</b>
            </span>
            <span>
              {t("kpi-in-progress")}: <b>{f.n(stats.data.generations.inProgress)}</b>
            </span>
          </div>
          <div className="kpis">
            <Kpi name="users-total" label={t("kpi-users-total")} value={f.n(stats.data.users.total)} hint={t("kpi-new-today", { n: f.n(stats.data.users.newToday) })} />
            <Kpi name="users-new-7d" label={t("kpi-users-new-7d")} value={f.n(stats.data.users.new7d)} />
            <Kpi name="users-active-7d" label={t("kpi-users-active-7d")} value={f.n(stats.data.users.active7d)} />
            <Kpi name="users-paying" label={t("kpi-users-paying")} value={f.n(stats.data.users.paying)} />
            <Kpi name="users-banned" label={t("kpi-users-banned")} value={f.n(stats.data.users.banned)} />
            <Kpi name="revenue-total" label={t("kpi-revenue-total")} value={`⭐ ${f.n(stats.data.revenue.total)}`} hint={t("kpi-revenue-today", { n: f.n(stats.data.revenue.today) })} />
            <Kpi name="revenue-30d" label={t("kpi-revenue-30d")} value={`⭐ ${f.n(stats.data.revenue.last30d)}`} />
            <Kpi name="generations-total" label={t("kpi-generations-total")} value={f.n(stats.data.generations.total)} />
            <Kpi name="generations-delivered" label={t("kpi-generations-delivered")} value={f.n(stats.data.generations.delivered)} />
            <Kpi name="generations-failed" label={t("kpi-generations-failed")} value={f.n(stats.data.generations.failed)} />
            <Kpi name="success-rate" label={t("kpi-success-rate")} value={f.percent(stats.data.generations.successRate)} />
            <Kpi name="credits-spent" label={t("kpi-credits-spent")} value={f.n(stats.data.credits.spent)} hint={t("kpi-credits-bought", { n: f.n(stats.data.credits.bought) })} />
          </div>
        </>
      )}
      {charts.error ? <ErrorBox error={charts.error} /> : null}
      {charts.data !== undefined && (
        <div className="chart-grid">
          <Card title={t("chart-new-users")}>
            <LineChart
              title={t("chart-new-users")}
              labels={charts.data.days.map((d) => f.day(d.date))}
              series={[{ name: t("chart-new-users"), color: "var(--accent)", values: charts.data.days.map((d) => d.newUsers) }]}
            />
          </Card>
          <Card title={t("chart-generations")}>
            <LineChart
              title={t("chart-generations")}
              labels={charts.data.days.map((d) => f.day(d.date))}
              series={[
                { name: t("chart-series-all"), color: "var(--accent)", values: charts.data.days.map((d) => d.generations) },
                { name: t("chart-series-delivered"), color: "var(--good)", values: charts.data.days.map((d) => d.delivered) },
                { name: t("chart-series-failed"), color: "var(--bad)", values: charts.data.days.map((d) => d.failed) },
              ]}
            />
          </Card>
          <Card title={t("chart-revenue")}>
            <ColumnChart
              title={t("chart-revenue")}
              labels={charts.data.days.map((d) => f.day(d.date))}
              series={{ name: t("chart-revenue"), color: "var(--star)", values: charts.data.days.map((d) => d.revenueStars) }}
            />
          </Card>
          <Card title={t("chart-by-model")}>
            {charts.data.byModel.length === 0 ? (
              <p className="hint">{t("chart-no-generations")}</p>
            ) : (
              <BarList
                title={t("chart-by-model")}
                items={charts.data.byModel.map((m) => ({ label: m.name, value: m.total, detail: t("chart-model-detail", { delivered: f.n(m.delivered), failed: f.n(m.failed) }) }))}
              />
            )}
          </Card>
        </div>
      )}
      {stats.data !== undefined && <p className="hint">{t("dashboard-time-zone", { zone: stats.data.timeZone })}</p>}
    </div>
  );
}
