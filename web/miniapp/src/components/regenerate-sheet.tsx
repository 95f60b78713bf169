import { useEffect, useRef, useState } from "react";
import type { GenerationView, RegenerateQuoteView } from "../../../../src/http/routes/miniapp/api-types.js";
import { ApiError, type MiniAppApi } from "../api/client.js";
import { credits, errorText } from "../format.js";
import { useI18n } from "../i18n/messages.js";
import { useShell } from "../telegram/shell.js";
import { Sheet } from "./sheet.js";
import type { ShowToast } from "./toasts.js";

/**
 * Regenerate: the same settings at today's price. The price is asked first and shown; only the
 * confirmation, carrying that price, starts (and charges) anything.
 */
export function RegenerateSheet({
  api,
  item,
  onStarted,
  onNeedTopUp,
  onClose,
  toast,
}: {
  api: MiniAppApi;
  item: GenerationView;
  onStarted(item: GenerationView): void;
  onNeedTopUp(): void;
  onClose(): void;
  toast: ShowToast;
}) {
  const { t } = useI18n();
  const shell = useShell();
  const [offer, setOffer] = useState<RegenerateQuoteView | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const refuse = useRef((error: unknown) => {
    toast(errorText(t, error), "error");
    onClose();
  });

  useEffect(() => {
    let live = true;
    api.regenerateQuote(item.id).then(
      (answer) => {
        if (live) setOffer(answer);
      },
      (error: unknown) => {
        if (live) refuse.current(error);
      },
    );
    return () => {
      live = false;
    };
  }, [api, item.id]);

  const needsTopUp = offer !== undefined && !offer.trial && offer.price > offer.balance;
  const confirm = async () => {
    if (offer === undefined) return;
    if (needsTopUp) {
      onClose();
      onNeedTopUp();
      return;
    }
    setBusy(true);
    try {
      const started = await api.regenerate(item.id, offer.price);
      shell.notify("success");
      toast(t("miniapp-started"));
      onStarted(started);
      onClose();
    } catch (error) {
      shell.notify("error");
      toast(errorText(t, error), "error");
      if (error instanceof ApiError && error.code === "price_changed") setOffer({ ...offer, price: Number(error.details.price) });
      else onClose();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Sheet title={t("miniapp-regenerate-title")} onClose={onClose} closeLabel={t("miniapp-close")}>
      <p className="sheet-prompt">{item.prompt}</p>
      <p className="hint">{t("miniapp-regenerate-text")}</p>
      {offer === undefined ? (
        <div className="center">
          <span className="spinner" aria-label={t("miniapp-loading")} />
        </div>
      ) : (
        <dl className="facts" data-testid="regenerate-offer">
          <dt>{t("miniapp-model")}</dt>
          <dd>{offer.model.name}</dd>
          <dt>{t("miniapp-price")}</dt>
          <dd>{offer.trial ? t("miniapp-free") : credits(t, offer.price)}</dd>
          <dt>{t("miniapp-balance")}</dt>
          <dd>{credits(t, offer.balance)}</dd>
        </dl>
      )}
      <div className="sheet-buttons">
        <button type="button" className="secondary" onClick={onClose}>
          {t("miniapp-cancel")}
        </button>
        <button type="button" className="primary" disabled={offer === undefined || busy} onClick={() => void confirm()}>
          {needsTopUp ? t("miniapp-top-up") : t("miniapp-confirm-generate")}
        </button>
      </div>
    </Sheet>
  );
}
