import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../api/api-context.js";
import type { BroadcastView } from "../api/client.js";
import { Badge, ConfirmDialog, Empty, ErrorBox, Loading, Pager, useToast } from "../components/ui.js";
import { useI18n } from "../i18n/i18n.js";
import { Link } from "../router.js";
import { useAudienceLabel } from "./broadcast-new-page.js";

const LIMIT = 20;
type Action = "start" | "pause" | "resume" | "cancel" | "discard";

/** Broadcasts with live progress (every 3 s while one is sending) and the controls their state allows. */
export function BroadcastsPage() {
  const api = useApi();
  const { t, f } = useI18n();
  const toast = useToast();
  const audienceLabel = useAudienceLabel();
  const queryClient = useQueryClient();
  const [offset, setOffset] = useState(0);
  const [confirm, setConfirm] = useState<{ broadcast: BroadcastView; action: Action }>();
  const list = useQuery({
    queryKey: ["broadcasts", offset],
    queryFn: () => api.broadcasts({ limit: LIMIT, offset }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some((b) => b.status === "running") ? 3_000 : 15_000),
  });
  const act = useMutation({
    mutationFn: async ({ broadcast, action }: { broadcast: BroadcastView; action: Action }) =>
      action === "discard" ? api.discardBroadcast(broadcast.id) : api.broadcastAction(broadcast.id, action),
    onSuccess: (_result, { action }) => {
      toast(t(`broadcast-done-${action}`));
      void queryClient.invalidateQueries({ queryKey: ["broadcasts"] });
    },
  });
  const controls = (b: BroadcastView): Action[] => {
    switch (b.status) {
      case "draft":
        return ["start", "discard"];
      case "running":
        return ["pause", "cancel"];
      case "paused":
        return ["resume", "cancel"];
      default:
        return [];
    }
  };

  return (
    <div className="page">
      <header className="page-head">
        <h1>{t("nav-broadcasts")}</h1>
        <Link to="/broadcasts/new" className="button primary">
          + {t("broadcast-new")}
        </Link>
      </header>
      {list.error ? <ErrorBox error={list.error} /> : null}
      {list.data === undefined ? (
        <Loading />
      ) : list.data.items.length === 0 ? (
        <Empty>{t("broadcasts-none")}</Empty>
      ) : (
        <>
          <ul className="broadcast-list" data-testid="broadcast-list">
            {list.data.items.map((b) => (
              <li key={b.id} className="broadcast" data-testid="broadcast" data-status={b.status}>
                <div className="broadcast-head">
                  <b>#{b.id}</b>
                  <Badge status={b.status} />
                  <span>{t(`content-${b.contentKind === "photo" ? "photo" : "text"}`)}</span>
                  <span>·</span>
                  <span>{b.audience === null ? "—" : audienceLabel(b.audience)}</span>
                  {b.essential && (
                    <span className="badge badge-warn" data-testid="broadcast-essential-badge">
                      {t("broadcast-essential")}
                    </span>
                  )}
                  <span>·</span>
                  <span>{f.dateTime(b.createdAt)}</span>
                </div>
                {b.buttonText !== null && (
                  <div className="hint">
                    🔗 {b.buttonText} — {b.buttonUrl}
                  </div>
                )}
                {b.status !== "draft" && (
                  <>
                    <div className={`progress progress-${b.status}`} role="progressbar" aria-valuenow={b.percent} aria-valuemin={0} aria-valuemax={100}>
                      <div style={{ width: `${b.percent}%` }} />
                    </div>
                    <div className="hint" data-testid="broadcast-counts">
                      {t("broadcast-counts", {
                        percent: b.percent,
                        sent: f.n(b.counts.sent),
                        total: f.n(b.total),
                        blocked: f.n(b.counts.blocked),
                        failed: f.n(b.counts.failed),
                        skipped: f.n(b.counts.skipped),
                      })}
                    </div>
                  </>
                )}
                <div className="row-actions">
                  {controls(b).map((action) => (
                    <button
                      key={action}
                      type="button"
                      className={action === "start" ? "primary" : action === "cancel" || action === "discard" ? "danger" : undefined}
                      onClick={() => setConfirm({ broadcast: b, action })}
                    >
                      {t(`broadcast-${action}`)}
                    </button>
                  ))}
                </div>
              </li>
            ))}
          </ul>
          <Pager total={list.data.total} limit={LIMIT} offset={offset} onChange={setOffset} />
        </>
      )}
      {confirm !== undefined && (
        <ConfirmDialog
          title={t(`broadcast-confirm-${confirm.action}`, { id: confirm.broadcast.id })}
          body={
            confirm.action === "start" && confirm.broadcast.audience !== null
              ? t(confirm.broadcast.essential ? "broadcast-confirm-start-essential-body" : "broadcast-confirm-start-body", {
                  audience: audienceLabel(confirm.broadcast.audience),
                })
              : undefined
          }
          confirmLabel={t(`broadcast-${confirm.action}`)}
          danger={confirm.action === "cancel" || confirm.action === "discard"}
          onConfirm={() => act.mutateAsync(confirm)}
          onClose={() => setConfirm(undefined)}
        />
      )}
    </div>
  );
}
