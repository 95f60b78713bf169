import { useApi } from "../api/api-context.js";
import { GenerationList } from "../components/generation-list.js";
import { PagedResults, usePagedList } from "../components/paged-list.js";
import { Chips } from "../components/ui.js";
import { useI18n } from "../i18n/i18n.js";

const FILTERS = ["all", "active", "delivered", "failed", "queued", "submitted"] as const;

/** Every generation, newest first, by status; refreshed every 10 s with the queue's counts. */
export function GenerationsPage() {
  const api = useApi();
  const { t, f, has } = useI18n();
  const pages = usePagedList({
    queryKey: ["generations"],
    filters: FILTERS,
    fetchPage: (request) => api.generations(request),
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
          value={pages.filter}
          onChange={pages.setFilter}
          options={FILTERS.map((value) => ({ value, label: value === "all" ? t("filter-all") : value === "active" ? t("filter-active") : label(value) }))}
        />
      </header>
      {pages.list.data !== undefined && (
        <div className="queue-strip">
          {Object.entries(pages.list.data.active).map(([status, n]) => (
            <span key={status}>
              {label(status)}: <b>{f.n(n)}</b>
            </span>
          ))}
        </div>
      )}
      <PagedResults pages={pages} empty={t("generations-none")}>
        {(data) => <GenerationList items={data.items} />}
      </PagedResults>
    </div>
  );
}
