import { useState } from "react";
import { useApi } from "../api/api-context.js";
import { PagedResults, usePagedList } from "../components/paged-list.js";
import { Badge, Chips } from "../components/ui.js";
import { personName } from "../format.js";
import { useI18n } from "../i18n/i18n.js";
import { Link } from "../router.js";

const FILTERS = ["all", "banned", "blocked_bot"] as const;

/** Users newest first, or the search (id, @username, referral code, name) as the bot's admin menu does it. */
export function UsersPage() {
  const api = useApi();
  const { t, f } = useI18n();
  const [typed, setTyped] = useState("");
  const [query, setQuery] = useState("");
  const pages = usePagedList({
    queryKey: ["users", query],
    filters: FILTERS,
    fetchPage: (request) => api.users({ query, ...request }),
  });

  return (
    <div className="page">
      <header className="page-head">
        <h1>{t("nav-users")}</h1>
      </header>
      <form
        className="toolbar"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setQuery(typed.trim());
          pages.setOffset(0);
        }}
      >
        <input type="search" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={t("users-search-placeholder")} aria-label={t("users-search")} />
        <button type="submit">{t("users-search")}</button>
        <Chips
          label={t("filter")}
          value={pages.filter}
          onChange={pages.setFilter}
          options={FILTERS.map((value) => ({ value, label: t(`users-filter-${value}`) }))}
        />
      </form>
      {/* A search answers every match at once. */}
      <PagedResults pages={pages} empty={t("users-none")} pager={query === ""}>
        {(data) => (
          <table className="table" data-testid="users-table">
            <thead>
              <tr>
                <th>{t("col-user")}</th>
                <th>{t("col-telegram-id")}</th>
                <th className="num">{t("col-balance")}</th>
                <th className="num">{t("col-generations")}</th>
                <th>{t("col-joined")}</th>
                <th>{t("col-last-seen")}</th>
                <th>{t("col-status")}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((user) => (
                <tr key={user.id} data-testid="user-row">
                  <td data-label={t("col-user")}>
                    <Link to={`/users/${user.id}`}>{personName(user)}</Link>
                  </td>
                  <td data-label={t("col-telegram-id")}>{user.telegramId ?? "—"}</td>
                  <td data-label={t("col-balance")} className="num">
                    {f.n(user.balance)}
                  </td>
                  <td data-label={t("col-generations")} className="num">
                    {f.n(user.generations)}
                  </td>
                  <td data-label={t("col-joined")}>{f.dateTime(user.createdAt)}</td>
                  <td data-label={t("col-last-seen")}>{f.dateTime(user.lastSeenAt)}</td>
                  <td data-label={t("col-status")}>{user.banned ? <Badge status="banned" /> : <Badge status="ok" label={t("status-active")} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </PagedResults>
    </div>
  );
}
