import type { AuditEntryView } from "../api/client.js";
import { useI18n } from "../i18n/i18n.js";
import { Link } from "../router.js";

/** A compact rendering of a before/after record: "balance: 100 → 600". */
function change(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const show = (value: unknown) => (value === undefined ? "—" : typeof value === "string" ? value : JSON.stringify(value));
  return keys
    .map((key) => {
      const from = before?.[key];
      const to = after?.[key];
      if (before === null || !(key in before)) return `${key}: ${show(to)}`;
      if (after === null || !(key in after)) return `${key}: ${show(from)}`;
      return `${key}: ${show(from)} → ${show(to)}`;
    })
    .join("; ");
}

/** Admin actions with who, what, on whom, the change and the reason. */
export function AuditTable({ items }: { items: AuditEntryView[] }) {
  const { t, f, has } = useI18n();
  const actionLabel = (action: string) => {
    const key = `action-${action}`;
    return has(key) ? t(key) : action;
  };
  return (
    <table className="table" data-testid="audit-table">
      <thead>
        <tr>
          <th>{t("col-date")}</th>
          <th>{t("col-admin")}</th>
          <th>{t("col-action")}</th>
          <th>{t("col-target")}</th>
          <th>{t("col-change")}</th>
          <th>{t("reason")}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((entry) => (
          <tr key={entry.id} data-testid="audit-row" data-action={entry.action}>
            <td data-label={t("col-date")}>{f.dateTime(entry.createdAt)}</td>
            <td data-label={t("col-admin")}>{entry.adminTelegramId}</td>
            <td data-label={t("col-action")}>{actionLabel(entry.action)}</td>
            <td data-label={t("col-target")}>
              {entry.targetUserId !== null ? <Link to={`/users/${entry.targetUserId}`}>{t("audit-user", { id: entry.targetUserId })}</Link> : null}
              {entry.target !== null && <span className="mono"> {entry.target}</span>}
            </td>
            <td data-label={t("col-change")} className="mono small">
              {change(entry.before, entry.after)}
            </td>
            <td data-label={t("reason")}>{entry.reason ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
