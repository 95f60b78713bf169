import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../api/api-context.js";
import type { UserDetailView } from "../api/client.js";
import { AuditTable } from "../components/audit-table.js";
import { GenerationList } from "../components/generation-list.js";
import { PaymentTable } from "../components/payment-list.js";
import { Badge, Card, Chips, ConfirmDialog, Empty, ErrorBox, Loading, Pager, useErrorText, useToast } from "../components/ui.js";
import { personName } from "../format.js";
import { useI18n } from "../i18n/i18n.js";
import { Link } from "../router.js";

const TABS = ["ledger", "generations", "payments", "actions"] as const;
type Tab = (typeof TABS)[number];
const PAGE = 20;

function newRequestId(): string {
  return crypto.randomUUID();
}

/** One user: the card, credit adjustments, ban and unban, and their ledger, generations, payments and admin actions. */
export function UserDetailPage({ id }: { id: number }) {
  const api = useApi();
  const { t, f } = useI18n();
  const [tab, setTab] = useState<Tab>("ledger");
  const [banning, setBanning] = useState(false);
  const toast = useToast();
  const queryClient = useQueryClient();
  const card = useQuery({ queryKey: ["user", id], queryFn: () => api.user(id) });
  const ban = useMutation({
    mutationFn: (input: { banned: boolean; reason: string }) => (input.banned ? api.unban(id, input.reason) : api.ban(id, input.reason)),
    onSuccess: (result) => {
      const key = result.banned ? (result.notified ? "user-banned" : "user-banned-untold") : result.notified ? "user-unbanned" : "user-unbanned-untold";
      toast(t(key));
      void queryClient.invalidateQueries();
    },
  });

  if (card.error) return <ErrorBox error={card.error} />;
  if (card.data === undefined) return <Loading />;
  const { user } = card.data;
  return (
    <div className="page" data-testid="user-detail">
      <header className="page-head">
        <div>
          <Link to="/users" className="back">
            ‹ {t("nav-users")}
          </Link>
          <h1>{personName(user)}</h1>
          <div className="badges">
            {user.banned && <Badge status="banned" />}
            {user.blockedBot && <Badge status="unknown" label={t("user-blocked-bot")} />}
            {user.erased && <Badge status="none" label={t("user-erased")} />}
            {user.deletionDueAt !== null && <Badge status="paused" label={t("user-deletion-due", { date: f.dateTime(user.deletionDueAt) })} />}
          </div>
        </div>
        {!user.erased && (
          <button type="button" className={user.banned ? undefined : "danger"} onClick={() => setBanning(true)}>
            {user.banned ? t("user-unban") : t("user-ban")}
          </button>
        )}
      </header>
      {user.banned && user.banReason && <p className="notice">{t("user-ban-reason", { reason: user.banReason })}</p>}
      <UserFacts card={card.data} />
      {!user.erased && <CreditAdjustment userId={id} balance={user.balance} />}
      <Card
        actions={<Chips label={t("user-tabs")} value={tab} onChange={setTab} options={TABS.map((value) => ({ value, label: t(`user-tab-${value}`) }))} />}
      >
        {tab === "ledger" && <LedgerTab userId={id} />}
        {tab === "generations" && <GenerationsTab userId={id} />}
        {tab === "payments" && <PaymentsTab userId={id} />}
        {tab === "actions" && (card.data.recentActions.length === 0 ? <Empty>{t("audit-none")}</Empty> : <AuditTable items={card.data.recentActions} />)}
      </Card>
      {banning && (
        <ConfirmDialog
          title={user.banned ? t("user-unban-title") : t("user-ban-title")}
          body={user.banned ? t("user-unban-body") : t("user-ban-body")}
          reasonLabel={t("reason")}
          confirmLabel={user.banned ? t("user-unban") : t("user-ban")}
          danger={!user.banned}
          onConfirm={(reason) => ban.mutateAsync({ banned: user.banned, reason })}
          onClose={() => setBanning(false)}
        />
      )}
    </div>
  );
}

function UserFacts({ card }: { card: UserDetailView }) {
  const { t, f } = useI18n();
  const { user } = card;
  const facts: Array<[string, string, string?]> = [
    [t("col-telegram-id"), user.telegramId === null ? "—" : String(user.telegramId)],
    [t("col-balance"), f.n(user.balance), "balance"],
    [t("user-trials-left"), f.n(user.trialsLeft)],
    [t("col-generations"), t("user-generations-summary", { total: f.n(card.generations.total), delivered: f.n(card.generations.delivered), failed: f.n(card.generations.failed) })],
    [t("user-payments"), t("user-payments-summary", { count: f.n(card.payments.count), stars: f.n(card.payments.stars) })],
    [t("user-referral-code"), card.referralCode ?? "—"],
    [t("user-referrer"), card.referrer ? personName(card.referrer) : "—"],
    [t("user-invited"), f.n(card.invited)],
    [t("user-language"), user.locale ?? user.languageCode ?? "—"],
    [t("user-broadcasts"), user.broadcastOptIn ? t("yes") : t("no")],
    [t("col-joined"), f.dateTime(user.createdAt)],
    [t("col-last-seen"), f.dateTime(user.lastSeenAt)],
  ];
  return (
    <dl className="facts">
      {facts.map(([label, value, testId]) => (
        <div key={label} data-testid={testId ? `fact-${testId}` : undefined}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function CreditAdjustment({ userId, balance }: { userId: number; balance: number }) {
  const api = useApi();
  const { t, f } = useI18n();
  const toast = useToast();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  // One id per intended adjustment: a retried or double-submitted request applies once.
  const [requestId, setRequestId] = useState(newRequestId);
  const adjust = useMutation({
    mutationFn: () => api.adjustCredits(userId, { delta: Number(amount), reason: reason.trim(), requestId }),
    onSuccess: (result) => {
      toast(t("credits-adjusted", { delta: f.signed(Number(amount)), balance: f.n(result.balance) }));
      setAmount("");
      setReason("");
      setRequestId(newRequestId());
      void queryClient.invalidateQueries({ queryKey: ["user", userId] });
      void queryClient.invalidateQueries({ queryKey: ["ledger", userId] });
    },
  });
  const delta = Number(amount);
  const valid = amount.trim() !== "" && Number.isInteger(delta) && delta !== 0 && reason.trim() !== "";
  return (
    <Card title={t("credits-title")}>
      <form
        className="inline-form"
        data-testid="credit-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (valid) adjust.mutate();
        }}
      >
        <label className="field">
          <span>{t("credits-amount")}</span>
          <input type="number" step={1} value={amount} onChange={(e) => setAmount(e.target.value)} placeholder="+500 / −200" required />
        </label>
        <label className="field grow">
          <span>{t("reason")}</span>
          <input type="text" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} required />
        </label>
        <button type="submit" className="primary" disabled={!valid || adjust.isPending}>
          {t("credits-apply")}
        </button>
      </form>
      {valid && delta < 0 && -delta > balance && <p className="hint">{t("credits-below-zero", { balance: f.n(balance) })}</p>}
      {adjust.error && (
        <div className="error-box" role="alert">
          {errorText(adjust.error)}
        </div>
      )}
    </Card>
  );
}

function LedgerTab({ userId }: { userId: number }) {
  const api = useApi();
  const { t, f, has } = useI18n();
  const [offset, setOffset] = useState(0);
  const kindLabel = (kind: string) => {
    const key = `kind-${kind}`;
    return has(key) ? t(key) : kind;
  };
  const ledger = useQuery({ queryKey: ["ledger", userId, offset], queryFn: () => api.ledger(userId, { limit: PAGE, offset }), placeholderData: keepPreviousData });
  if (ledger.error) return <ErrorBox error={ledger.error} />;
  if (ledger.data === undefined) return <Loading />;
  if (ledger.data.items.length === 0) return <Empty>{t("ledger-none")}</Empty>;
  return (
    <>
      <table className="table" data-testid="ledger-table">
        <thead>
          <tr>
            <th>{t("col-date")}</th>
            <th>{t("col-kind")}</th>
            <th className="num">{t("col-change")}</th>
            <th className="num">{t("col-balance")}</th>
            <th>{t("col-note")}</th>
          </tr>
        </thead>
        <tbody>
          {ledger.data.items.map((entry) => (
            <tr key={entry.id} data-testid="ledger-row" data-kind={entry.kind}>
              <td data-label={t("col-date")}>{f.dateTime(entry.createdAt)}</td>
              <td data-label={t("col-kind")}>{kindLabel(entry.kind)}</td>
              <td data-label={t("col-change")} className={`num ${entry.delta < 0 ? "negative" : "positive"}`}>
                {f.signed(entry.delta)}
              </td>
              <td data-label={t("col-balance")} className="num">
                {f.n(entry.balanceAfter)}
              </td>
              <td data-label={t("col-note")}>{entry.note ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager total={ledger.data.total} limit={PAGE} offset={offset} onChange={setOffset} />
    </>
  );
}

function GenerationsTab({ userId }: { userId: number }) {
  const api = useApi();
  const { t } = useI18n();
  const [offset, setOffset] = useState(0);
  const list = useQuery({ queryKey: ["generations", "user", userId, offset], queryFn: () => api.generations({ userId, limit: PAGE, offset }), placeholderData: keepPreviousData });
  if (list.error) return <ErrorBox error={list.error} />;
  if (list.data === undefined) return <Loading />;
  if (list.data.items.length === 0) return <Empty>{t("generations-none")}</Empty>;
  return (
    <>
      <GenerationList items={list.data.items} showUser={false} />
      <Pager total={list.data.total} limit={PAGE} offset={offset} onChange={setOffset} />
    </>
  );
}

function PaymentsTab({ userId }: { userId: number }) {
  const api = useApi();
  const { t } = useI18n();
  const [offset, setOffset] = useState(0);
  const list = useQuery({ queryKey: ["payments", "user", userId, offset], queryFn: () => api.payments({ userId, limit: PAGE, offset }), placeholderData: keepPreviousData });
  if (list.error) return <ErrorBox error={list.error} />;
  if (list.data === undefined) return <Loading />;
  if (list.data.items.length === 0) return <Empty>{t("payments-none")}</Empty>;
  return (
    <>
      <PaymentTable items={list.data.items} showUser={false} />
      <Pager total={list.data.total} limit={PAGE} offset={offset} onChange={setOffset} />
    </>
  );
}
