import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../api/api-context.js";
import { PaymentTable } from "../components/payment-list.js";
import { Chips, Empty, ErrorBox, Kpi, Loading, Pager } from "../components/ui.js";
import { useI18n } from "../i18n/i18n.js";

const LIMIT = 50;
const FILTERS = ["all", "credited", "refunded", "unmatched"] as const;

/** Stars payments with totals of what the filter matches, refreshed every minute. */
export function PaymentsPage() {
  const api = useApi();
  const { t, f } = useI18n();
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>("all");
  const [offset, setOffset] = useState(0);
  const list = useQuery({
    queryKey: ["payments", filter, offset],
    queryFn: () => api.payments({ filter, limit: LIMIT, offset }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t("nav-payments")}</h1>
        <Chips
          label={t("filter")}
          value={filter}
          onChange={(value) => {
            setFilter(value);
            setOffset(0);
          }}
          options={FILTERS.map((value) => ({ value, label: value === "all" ? t("filter-all") : t(`status-${value}`) }))}
        />
      </header>
      {list.error ? <ErrorBox error={list.error} /> : null}
      {list.data === undefined ? (
        <Loading />
      ) : (
        <>
          <div className="kpis">
            <Kpi name="payments-count" label={t("payments-count")} value={f.n(list.data.total)} />
            <Kpi name="payments-stars" label={t("payments-stars")} value={`⭐ ${f.n(list.data.stars)}`} />
            <Kpi name="payments-credits" label={t("payments-credits")} value={f.n(list.data.credits)} />
            <Kpi name="payments-average" label={t("payments-average")} value={list.data.total === 0 ? "—" : `⭐ ${f.n(list.data.stars / list.data.total)}`} />
          </div>
          {list.data.items.length === 0 ? (
            <Empty>{t("payments-none")}</Empty>
          ) : (
            <>
              <PaymentTable items={list.data.items} />
              <Pager total={list.data.total} limit={LIMIT} offset={offset} onChange={setOffset} />
            </>
          )}
        </>
      )}
    </div>
  );
}
