import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../api/api-context.js";
import { fileUrl, type GenerationView } from "../api/client.js";
import { personName } from "../format.js";
import { useI18n } from "../i18n/i18n.js";
import { Link } from "../router.js";
import { Badge, ConfirmDialog, useToast } from "./ui.js";

const ACTIVE = new Set(["queued", "uploading", "submitting", "submitted", "completed"]);
const PROMPT_PREVIEW = 120;

/** Whether an admin refund is possible: finished, paid with credits, not refunded yet (the server decides again). */
function refundable(g: GenerationView): boolean {
  return !ACTIVE.has(g.status) && !g.paidWithTrial && g.priceCredits > 0 && !g.refunded;
}

/** Generations as cards: images (through the server), prompt, model, status, price, and a refund. */
export function GenerationList({ items, showUser = true }: { items: GenerationView[]; showUser?: boolean }) {
  const api = useApi();
  const { t, f } = useI18n();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [refunding, setRefunding] = useState<GenerationView>();
  const [viewing, setViewing] = useState<string>();
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const refund = useMutation({
    mutationFn: (g: GenerationView) => api.refundGeneration(g.id),
    onSuccess: (result) => {
      toast(t("generation-refunded", { n: f.n(result.refundedCredits) }));
      void queryClient.invalidateQueries();
    },
  });

  return (
    <>
      <ul className="generation-list" data-testid="generation-list">
        {items.map((g) => {
          const open = expanded.has(g.id);
          const images = [...g.resultFileIds, ...g.referenceFileIds].slice(0, 4);
          return (
            <li key={g.id} className="generation" data-testid="generation" data-status={g.status}>
              <div className="thumbs">
                {images.length === 0 ? (
                  <div className="thumb thumb-empty" aria-hidden="true">
                    🖼
                  </div>
                ) : (
                  images.map((fileId, index) => (
                    <button key={fileId} type="button" className="thumb" onClick={() => setViewing(fileId)} aria-label={t("generation-open-image")}>
                      <img src={fileUrl(fileId, "thumb")} alt="" loading="lazy" className={index >= g.resultFileIds.length ? "reference" : undefined} />
                    </button>
                  ))
                )}
              </div>
              <div className="generation-body">
                <div className="generation-meta">
                  <Badge status={g.status} />
                  {g.refunded && <Badge status="refunded" />}
                  <span>{g.modelName}</span>
                  <span>·</span>
                  <span>{g.paidWithTrial ? t("generation-trial") : t("credits-n", { n: f.n(g.priceCredits) })}</span>
                  <span>·</span>
                  <span>{f.dateTime(g.createdAt)}</span>
                  {showUser && (
                    <>
                      <span>·</span>
                      <Link to={`/users/${g.userId}`}>{personName(g.user)}</Link>
                    </>
                  )}
                </div>
                {g.prompt !== "" && (
                  <p className="prompt">
                    {open || g.prompt.length <= PROMPT_PREVIEW ? g.prompt : `${g.prompt.slice(0, PROMPT_PREVIEW)}…`}
                    {g.prompt.length > PROMPT_PREVIEW && (
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => setExpanded((set) => new Set(open ? [...set].filter((id) => id !== g.id) : [...set, g.id]))}
                      >
                        {open ? t("less") : t("more")}
                      </button>
                    )}
                  </p>
                )}
                {g.failureCode !== null && <p className="hint">{t("generation-failure", { code: g.failureCode })}</p>}
              </div>
              {refundable(g) && (
                <button type="button" onClick={() => setRefunding(g)}>
                  {t("generation-refund")}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {refunding !== undefined && (
        <ConfirmDialog
          title={t("generation-refund-title")}
          body={t("generation-refund-body", { n: f.n(refunding.priceCredits), user: personName(refunding.user) })}
          confirmLabel={t("generation-refund")}
          onConfirm={() => refund.mutateAsync(refunding)}
          onClose={() => setRefunding(undefined)}
        />
      )}
      {viewing !== undefined && (
        <div className="lightbox" role="dialog" aria-label={t("generation-open-image")} onClick={() => setViewing(undefined)}>
          <img src={fileUrl(viewing, "full")} alt="" />
          <button type="button" onClick={() => setViewing(undefined)}>
            {t("close")}
          </button>
        </div>
      )}
    </>
  );
}
