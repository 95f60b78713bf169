import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../api/api-context.js";
import type { PaymentView } from "../api/client.js";
import { personName } from "../format.js";
import { useI18n } from "../i18n/i18n.js";
import { Link } from "../router.js";
import { Badge, ConfirmDialog, useToast } from "./ui.js";

/** Stars payments as a table, with a refund for credited ones (Telegram returns the Stars; the credits are taken back). */
export function PaymentTable({ items, showUser = true }: { items: PaymentView[]; showUser?: boolean }) {
  const api = useApi();
  const { t, f } = useI18n();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [refunding, setRefunding] = useState<PaymentView>();
  const refund = useMutation({
    mutationFn: (p: PaymentView) => api.refundPayment(p.chargeId),
    onSuccess: (result) => {
      toast(result.shortfall > 0 ? t("payment-refunded-shortfall", { n: f.n(result.creditsTakenBack), short: f.n(result.shortfall) }) : t("payment-refunded", { n: f.n(result.creditsTakenBack) }));
      void queryClient.invalidateQueries();
    },
  });
  return (
    <>
      <table className="table" data-testid="payments-table">
        <thead>
          <tr>
            <th>{t("col-date")}</th>
            {showUser && <th>{t("col-user")}</th>}
            <th className="num">{t("col-stars")}</th>
            <th className="num">{t("col-credits")}</th>
            <th>{t("col-status")}</th>
            <th>{t("col-charge")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.chargeId} data-testid="payment-row">
              <td data-label={t("col-date")}>{f.dateTime(p.createdAt)}</td>
              {showUser && (
                <td data-label={t("col-user")}>{p.userId !== null && p.user ? <Link to={`/users/${p.userId}`}>{personName(p.user)}</Link> : String(p.payerTelegramId)}</td>
              )}
              <td data-label={t("col-stars")} className="num">
                ⭐ {f.n(p.stars)}
              </td>
              <td data-label={t("col-credits")} className="num">
                {f.n(p.credits)}
              </td>
              <td data-label={t("col-status")}>
                <Badge status={p.status} />
                {p.refundShortfall !== null && p.refundShortfall > 0 && <small className="hint"> {t("payment-shortfall", { n: f.n(p.refundShortfall) })}</small>}
              </td>
              <td data-label={t("col-charge")} className="mono">
                {p.chargeId}
              </td>
              <td>
                {p.status === "credited" && (
                  <button type="button" onClick={() => setRefunding(p)}>
                    {t("payment-refund")}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {refunding !== undefined && (
        <ConfirmDialog
          title={t("payment-refund-title")}
          body={t("payment-refund-body", { stars: f.n(refunding.stars), credits: f.n(refunding.credits) })}
          confirmLabel={t("payment-refund")}
          danger
          onConfirm={() => refund.mutateAsync(refunding)}
          onClose={() => setRefunding(undefined)}
        />
      )}
    </>
  );
}
