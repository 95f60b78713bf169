import { useQuery } from "@tanstack/react-query";
import { useApi } from "../api/api-context.js";
import type { ProviderView } from "../api/client.js";
import { BarList } from "../components/charts.js";
import { Badge, Card, ErrorBox, Kpi, Loading } from "../components/ui.js";
import { useI18n } from "../i18n/i18n.js";
import { Link } from "../router.js";

/** The image provider: balance against the pause threshold, the queue, 24 h and 7 d results, recent failures. */
export function ProviderPage() {
  const api = useApi();
  const { t, f } = useI18n();
  const provider = useQuery({ queryKey: ["provider"], queryFn: api.provider, refetchInterval: 30_000 });
  if (provider.error) return <ErrorBox error={provider.error} />;
  if (provider.data === undefined) return <Loading />;
  const p = provider.data;
  const period = (title: string, totals: ProviderView["last24h"]) => (
    <Card title={title}>
      <p>
        {t("provider-period", { total: f.n(totals.total), delivered: f.n(totals.delivered), failed: f.n(totals.failed), rate: f.percent(totals.successRate) })}
      </p>
      {totals.byModel.length > 0 && (
        <BarList
          title={title}
          items={totals.byModel.map((m) => ({ label: m.name, value: m.total, detail: t("chart-model-detail", { delivered: f.n(m.delivered), failed: f.n(m.failed) }) }))}
        />
      )}
    </Card>
  );
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t("nav-provider")}</h1>
        <button type="button" onClick={() => void provider.refetch()}>
          ↻ {t("refresh")}
        </button>
      </header>
      <div className="kpis">
        <div className="kpi" data-testid="provider-status">
          <div className="kpi-label">{t("provider-status")}</div>
          <div className="kpi-value">
            <Badge status={p.status} label={t(`provider-status-${p.status}`)} />
          </div>
        </div>
        <Kpi name="provider-balance" label={t("provider-balance")} value={p.balanceUsd === null ? "—" : f.usd(p.balanceUsd)} hint={t("provider-threshold", { usd: f.usd(p.minBalanceUsd) })} />
        <Kpi name="provider-waiting" label={t("queue-waiting")} value={f.n(p.waiting)} />
        <Kpi name="provider-running" label={t("queue-running")} value={f.n(p.running)} />
      </div>
      <div className="chart-grid">
        {period(t("provider-24h"), p.last24h)}
        {period(t("provider-7d"), p.last7d)}
      </div>
      <Card title={t("provider-failures")}>
        {p.recentFailures.length === 0 ? (
          <p className="hint">{t("provider-no-failures")}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>{t("col-date")}</th>
                <th>{t("col-model")}</th>
                <th>{t("col-reason-code")}</th>
                <th>{t("col-user")}</th>
              </tr>
            </thead>
            <tbody>
              {p.recentFailures.map((failure) => (
                <tr key={failure.generationId}>
                  <td data-label={t("col-date")}>{f.dateTime(failure.at)}</td>
                  <td data-label={t("col-model")}>{failure.modelKey}</td>
                  <td data-label={t("col-reason-code")} className="mono">
                    {failure.failureCode ?? "—"}
                  </td>
                  <td data-label={t("col-user")}>
                    <Link to={`/users/${failure.userId}`}>#{failure.userId}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
