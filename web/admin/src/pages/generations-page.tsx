import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../api/api-context.js";
import { GenerationList } from "../components/generation-list.js";
import { Chips, Empty, ErrorBox, Loading, Pager } from "../components/ui.js";
import { useI18n } from "../i18n/i18n.js";

const LIMIT = 50;
const FILTERS = ["all", "active", "delivered", "failed", "queued", "submitted"] as const;

/** Every generation, newest first, by status; refreshed every 10 s with the queue's counts. */
export function GenerationsPage() {
  const api = useApi();
  const { t, f, has } = useI18n();
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>("all");
  const [offset, setOffset] = useState(0);
  const list = useQuery({
    queryKey: ["generations", filter, offset],
    queryFn: () => api.generations({ filter, limit: LIMIT, offset }),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
  const label = (status: string) => {
    const key = `status-${status}`;
    return has(key) ? t(key) : status;
  };
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t("nav-generations")}</h1>
        <Chips
          label={t("filter")}
          value={filter}
          onChange={(value) => {
            setFilter(value);
            setOffset(0);
          }}
          options={FILTERS.map((value) => ({ value, label: value === "all" ? t("filter-all") : value === "active" ? t("filter-active") : label(value) }))}
        />
      </header>
      {list.data !== undefined && (
        <div className="queue-strip">
          {Object.entries(list.data.active).map(([status, n]) => (
            <span key={status}>
              {label(status)}: <b>{f.n(n)}</b>
            </span>
          ))}
        </div>
      )}
      {list.error ? <ErrorBox error={list.error} /> : null}
      {list.data === undefined ? (
        <Loading />
      ) : list.data.items.length === 0 ? (
        <Empty>{t("generations-none")}</Empty>
      ) : (
        <>
          <p className="hint">{t("total", { n: f.n(list.data.total) })}</p>
          <GenerationList items={list.data.items} />
          <Pager total={list.data.total} limit={LIMIT} offset={offset} onChange={setOffset} />
        </>
      )}
    </div>
  );
}
