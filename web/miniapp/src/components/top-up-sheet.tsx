import { useState } from "react";
import type { MeView } from "../../../../src/http/routes/miniapp/api-types.js";
import type { MiniAppApi } from "../api/client.js";
import { credits, errorText } from "../format.js";
import { useI18n } from "../i18n/messages.js";
import { useShell } from "../telegram/shell.js";
import { Sheet } from "./sheet.js";
import type { ShowToast } from "./toasts.js";

/**
 * Top-up with Stars: the server makes the order and an invoice link exactly as the bot's /topup does;
 * Telegram shows its payment sheet (openInvoice), and the credits arrive when Telegram confirms the
 * payment to the bot — the app then only refreshes the balance.
 */
export function TopUpSheet({
  api,
  me,
  onPaid,
  onClose,
  toast,
}: {
  api: MiniAppApi;
  me: MeView;
  onPaid(): void;
  onClose(): void;
  toast: ShowToast;
}) {
  const { t } = useI18n();
  const shell = useShell();
  const [busy, setBusy] = useState<number | undefined>(undefined);

  const buy = async (stars: number) => {
    shell.impact();
    // No order for an invoice that cannot be shown: outside Telegram (the sandbox) there is no payment sheet.
    if (!shell.canPay) {
      toast(t("miniapp-top-up-outside-telegram"));
      return;
    }
    setBusy(stars);
    try {
      const invoice = await api.topUp(stars);
      const status = await shell.openInvoice(invoice.link);
      if (status === "paid") {
        shell.notify("success");
        toast(t("miniapp-top-up-paid"));
        onPaid();
        onClose();
      } else {
        if (status === "failed") shell.notify("error");
        toast(t(`miniapp-top-up-${status}`), status === "failed" ? "error" : "info");
      }
    } catch (error) {
      shell.notify("error");
      toast(errorText(t, error), "error");
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Sheet title={t("miniapp-top-up-title")} onClose={onClose} closeLabel={t("miniapp-close")}>
      <p className="hint">
        {t("miniapp-balance")}: {credits(t, me.balance)}
      </p>
      {me.payments.enabled ? (
        <ul className="option-grid">
          {me.payments.presets.map((preset) => (
            <li key={preset.stars}>
              <button type="button" className="option" disabled={busy !== undefined} onClick={() => void buy(preset.stars)}>
                {t("miniapp-top-up-preset", { stars: preset.stars, credits: credits(t, preset.credits) })}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("miniapp-error-payments_disabled")}</p>
      )}
    </Sheet>
  );
}
