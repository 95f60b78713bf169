import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../api/api-context.js";
import { AuditTable } from "../components/audit-table.js";
import { Empty, ErrorBox, Loading, Pager } from "../components/ui.js";
import { useI18n } from "../i18n/i18n.js";

const LIMIT = 50;

/** Every admin action, from the bot and the panel, by action, admin or user. */
export function AuditPage() {
  const api = useApi();
  const { t, f, has } = useI18n();
  const [action, setAction] = useState("");
  const [admin, setAdmin] = useState("");
  const [user, setUser] = useState("");
  const [offset, setOffset] = useState(0);
  const id = (value: string) => (/^\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : undefined);
  const list = useQuery({
    queryKey: ["audit", action, admin, user, offset],
    queryFn: () => api.audit({ action: action || undefined, adminTelegramId: id(admin), targetUserId: id(user), limit: LIMIT, offset }),
    placeholderData: keepPreviousData,
  });
  const actionLabel = (value: string) => {
    const key = `action-${value}`;
    return has(key) ? t(key) : value;
  };
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t("nav-audit")}</h1>
      </header>
      <div className="toolbar">
        <label className="field">
          <span>{t("col-action")}</span>
          <select
            value={action}
            onChange={(e) => {
              setAction(e.target.value);
              setOffset(0);
            }}
          >
            <option value="">{t("filter-all")}</option>
            {(list.data?.actions ?? []).map((value) => (
              <option key={value} value={value}>
                {actionLabel(value)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("audit-admin-id")}</span>
          <input inputMode="numeric" value={admin} onChange={(e) => setAdmin(e.target.value)} />
        </label>
        <label className="field">
          <span>{t("audit-user-id")}</span>
          <input inputMode="numeric" value={user} onChange={(e) => setUser(e.target.value)} />
        </label>
      </div>
      {list.error ? <ErrorBox error={list.error} /> : null}
      {list.data === undefined ? (
        <Loading />
      ) : list.data.items.length === 0 ? (
        <Empty>{t("audit-none")}</Empty>
      ) : (
        <>
          <p className="hint">{t("total", { n: f.n(list.data.total) })}</p>
          <AuditTable items={list.data.items} />
          <Pager total={list.data.total} limit={LIMIT} offset={offset} onChange={setOffset} />
        </>
      )}
    </div>
  );
}
