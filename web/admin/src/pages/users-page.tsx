import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../api/api-context.js";
import { Badge, Chips, Empty, ErrorBox, Loading, Pager } from "../components/ui.js";
import { personName } from "../format.js";
import { useI18n } from "../i18n/i18n.js";
import { Link } from "../router.js";

const LIMIT = 50;
const FILTERS = ["all", "banned", "blocked_bot"] as const;

/** Users newest first, or the search (id, @username, referral code, name) as the bot's admin menu does it. */
export function UsersPage() {
  const api = useApi();
  const { t, f } = useI18n();
  const [typed, setTyped] = useState("");
  const [query, setQuery] = useState("");
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>("all");
  const [offset, setOffset] = useState(0);
  const users = useQuery({
    queryKey: ["users", query, filter, offset],
    queryFn: () => api.users({ query, filter, limit: LIMIT, offset }),
    placeholderData: keepPreviousData,
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
          setOffset(0);
        }}
      >
        <input type="search" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={t("users-search-placeholder")} aria-label={t("users-search")} />
        <button type="submit">{t("users-search")}</button>
        <Chips
          label={t("filter")}
          value={filter}
          onChange={(value) => {
            setFilter(value);
            setOffset(0);
          }}
          options={FILTERS.map((value) => ({ value, label: t(`users-filter-${value}`) }))}
        />
      </form>
      {users.error ? <ErrorBox error={users.error} /> : null}
      {users.data === undefined ? (
        <Loading />
      ) : users.data.items.length === 0 ? (
        <Empty>{t("users-none")}</Empty>
      ) : (
        <>
          <p className="hint">{t("total", { n: f.n(users.data.total) })}</p>
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
              {users.data.items.map((user) => (
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
          {query === "" && <Pager total={users.data.total} limit={LIMIT} offset={offset} onChange={setOffset} />}
        </>
      )}
    </div>
  );
}
