import { useApi } from "../api/api-context.js";
import { PagedResults, usePagedList } from "../components/paged-list.js";
import { PaymentTable } from "../components/payment-list.js";
import { Chips, Kpi } from "../components/ui.js";
import { useI18n } from "../i18n/i18n.js";

const FILTERS = ["all", "credited", "refunded", "unmatched"] as const;

/** Stars payments with totals of what the filter matches, refreshed every minute. */
export function PaymentsPage() {
  const api = useApi();
  const { t, f } = useI18n();
  const pages = usePagedList({
    queryKey: ["payments"],
    filters: FILTERS,
    fetchPage: (request) => api.payments(request),
    refetchInterval: 60_000,
  });
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t("nav-payments")}</h1>
        <Chips
          label={t("filter")}
          value={pages.filter}
          onChange={pages.setFilter}
          options={FILTERS.map((value) => ({ value, label: value === "all" ? t("filter-all") : t(`status-${value}`) }))}
        />
      </header>
      <PagedResults
        pages={pages}
        empty={t("payments-none")}
        summary={(data) => (
          <div className="kpis">
            <Kpi name="payments-count" label={t("payments-count")} value={f.n(data.total)} />
            <Kpi name="payments-stars" label={t("payments-stars")} value={`⭐ ${f.n(data.stars)}`} />
            <Kpi name="payments-credits" label={t("payments-credits")} value={f.n(data.credits)} />
            <Kpi name="payments-average" label={t("payments-average")} value={data.total === 0 ? "—" : `⭐ ${f.n(data.stars / data.total)}`} />
          </div>
        )}
      >
        {(data) => <PaymentTable items={data.items} />}
      </PagedResults>
    </div>
  );
}
