import { keepPreviousData, useQuery, type UseQueryResult } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { useI18n } from "../i18n/i18n.js";
import { Empty, ErrorBox, Loading, Pager } from "./ui.js";

/** Rows a list page asks the API for at once. */
const PAGE_SIZE = 50;

/** What a list page's API call needs: the chosen filter and the page. */
export interface PageRequest<F extends string> {
  filter: F;
  limit: number;
  offset: number;
}

/** One API answer of a list: a page of items and how many match in all. */
export interface ListPage {
  items: readonly unknown[];
  total: number;
}

export interface PagedList<F extends string, D extends ListPage> {
  list: UseQueryResult<D>;
  filter: F;
  /** A new filter starts again from the first page. */
  setFilter(filter: F): void;
  offset: number;
  limit: number;
  setOffset(offset: number): void;
}

/**
 * A server-side list read a page at a time, narrowed by one filter. The page shown stays on screen
 * while the next one loads, so paging does not flash a spinner.
 */
export function usePagedList<F extends string, D extends ListPage>(options: {
  /** Names the list and anything else the answer depends on (a search); the filter and page are added. */
  queryKey: readonly unknown[];
  /** The filters offered; the first is chosen at first. */
  filters: readonly [F, ...F[]];
  fetchPage(request: PageRequest<F>): Promise<D>;
  /** How often the shown page is read again, in ms; by default only when the list is opened again. */
  refetchInterval?: number;
}): PagedList<F, D> {
  const [filter, setFilter] = useState(options.filters[0]);
  const [offset, setOffset] = useState(0);
  const list = useQuery({
    queryKey: [...options.queryKey, filter, offset],
    queryFn: () => options.fetchPage({ filter, limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
    refetchInterval: options.refetchInterval,
  });
  return {
    list,
    filter,
    setFilter: (next) => {
      setFilter(next);
      setOffset(0);
    },
    offset,
    limit: PAGE_SIZE,
    setOffset,
  };
}

/**
 * A list page's body: what went wrong, a spinner until the first answer, then the page of items and
 * the pager. Above the items stands their count, or `summary` instead, which shows even when nothing
 * matches (totals that are worth reading as zeros).
 */
export function PagedResults<F extends string, D extends ListPage>({
  pages,
  empty,
  summary,
  pager = true,
  children,
}: {
  pages: PagedList<F, D>;
  /** Said when nothing matches. */
  empty: string;
  summary?: (data: D) => ReactNode;
  /** False where the answer is not paged (a search). */
  pager?: boolean;
  children(data: D): ReactNode;
}) {
  const { t, f } = useI18n();
  const { list } = pages;
  const data = list.data;
  return (
    <>
      {list.error ? <ErrorBox error={list.error} /> : null}
      {data === undefined ? (
        <Loading />
      ) : (
        <>
          {summary?.(data)}
          {data.items.length === 0 ? (
            <Empty>{empty}</Empty>
          ) : (
            <>
              {summary === undefined && <p className="hint">{t("total", { n: f.n(data.total) })}</p>}
              {children(data)}
              {pager && <Pager total={data.total} limit={pages.limit} offset={pages.offset} onChange={pages.setOffset} />}
            </>
          )}
        </>
      )}
    </>
  );
}
