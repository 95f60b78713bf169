import { createContext, useCallback, useContext, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { ApiError } from "../api/client.js";
import { useI18n } from "../i18n/i18n.js";

export function Card({ title, actions, children, testId }: { title?: ReactNode; actions?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section className="card" data-testid={testId}>
      {(title !== undefined || actions !== undefined) && (
        <header className="card-head">
          {title !== undefined && <h2>{title}</h2>}
          {actions !== undefined && <div className="card-actions">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}

/** One headline number; `name` is its test id (kpi-<name>). */
export function Kpi({ name, label, value, hint }: { name: string; label: string; value: string; hint?: string }) {
  return (
    <div className="kpi" data-testid={`kpi-${name}`}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value" data-testid={`kpi-${name}-value`}>
        {value}
      </div>
      {hint !== undefined && <div className="kpi-hint">{hint}</div>}
    </div>
  );
}

const TONES: Record<string, string> = {
  delivered: "good",
  completed: "good",
  credited: "good",
  ok: "good",
  failed: "bad",
  cancelled: "muted",
  refunded: "muted",
  unmatched: "warn",
  low: "bad",
  unknown: "warn",
  none: "muted",
  running: "busy",
  paused: "warn",
  draft: "muted",
  queued: "busy",
  uploading: "busy",
  submitting: "busy",
  submitted: "busy",
  banned: "bad",
};

/** A status in its colour; the text is translated when the panel knows the status. */
export function Badge({ status, label }: { status: string; label?: string }) {
  const { t, has } = useI18n();
  const key = `status-${status}`;
  return <span className={`badge badge-${TONES[status] ?? "muted"}`}>{label ?? (has(key) ? t(key) : status)}</span>;
}

export function Pager({ total, limit, offset, onChange }: { total: number; limit: number; offset: number; onChange(offset: number): void }) {
  const { t, f } = useI18n();
  if (total <= limit) return null;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.ceil(total / limit);
  return (
    <nav className="pager" aria-label={t("pager-label")}>
      <button type="button" onClick={() => onChange(Math.max(0, offset - limit))} disabled={offset === 0}>
        ‹ {t("pager-previous")}
      </button>
      <span>{t("pager-position", { page: f.n(page), pages: f.n(pages) })}</span>
      <button type="button" onClick={() => onChange(offset + limit)} disabled={page >= pages}>
        {t("pager-next")} ›
      </button>
    </nav>
  );
}

/** What went wrong, in words: the API's code when the panel knows it, its message otherwise. */
export function useErrorText(): (error: unknown) => string {
  const { t, has } = useI18n();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) {
        const key = `error-${error.code}`;
        return has(key) ? t(key) : error.message;
      }
      return t("error-network");
    },
    [t, has],
  );
}

export function ErrorBox({ error }: { error: unknown }) {
  const text = useErrorText();
  return (
    <div className="error-box" role="alert">
      {text(error)}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return <div className="loading" aria-busy="true">{t("loading")}</div>;
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

/** Filter buttons; the chosen one is pressed. */
export function Chips<T extends string | number>({ options, value, onChange, label }: { options: Array<{ value: T; label: string }>; value: T; onChange(value: NoInfer<T>): void; label: string }) {
  return (
    <div className="chips" role="group" aria-label={label}>
      {options.map((option) => (
        <button key={String(option.value)} type="button" aria-pressed={option.value === value} onClick={() => onChange(option.value)}>
          {option.label}
        </button>
      ))}
    </div>
  );
}

/**
 * A confirmation in a modal dialog; with `reasonLabel` it asks for a reason too (required). Resolves
 * the action's promise before closing, so a refusal is shown in the dialog.
 */
export function ConfirmDialog({
  title,
  body,
  confirmLabel,
  reasonLabel,
  danger,
  onConfirm,
  onClose,
}: {
  title: string;
  body?: ReactNode;
  confirmLabel: string;
  reasonLabel?: string;
  danger?: boolean;
  onConfirm(reason: string): Promise<unknown>;
  onClose(): void;
}) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const dialog = useRef<HTMLDialogElement>(null);
  const reasonId = useId();
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm(reason.trim());
      onClose();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };
  return (
    <dialog ref={dialog} className="dialog" onCancel={onClose} aria-label={title}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <h2>{title}</h2>
        {body !== undefined && <div className="dialog-body">{body}</div>}
        {reasonLabel !== undefined && (
          <label htmlFor={reasonId} className="field">
            <span>{reasonLabel}</span>
            <textarea id={reasonId} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} rows={3} required autoFocus />
          </label>
        )}
        {error !== undefined && (
          <div className="error-box" role="alert">
            {errorText(error)}
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t("cancel")}
          </button>
          <button type="submit" className={danger ? "danger" : "primary"} disabled={busy || (reasonLabel !== undefined && reason.trim() === "")}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}

interface Toast {
  id: number;
  text: string;
  tone: "good" | "bad";
}

const ToastContext = createContext<(text: string, tone?: "good" | "bad") => void>(() => undefined);

/** Short notices in a corner (done, or refused), gone after a few seconds. */
export function Toasts({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const show = useCallback((text: string, tone: "good" | "bad" = "good") => {
    const id = next.current++;
    setToasts((list) => [...list, { id, text, tone }]);
    window.setTimeout(() => setToasts((list) => list.filter((toast) => toast.id !== id)), 5000);
  }, []);
  return (
    <ToastContext value={show}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast toast-${toast.tone}`}>
            {toast.text}
          </div>
        ))}
      </div>
    </ToastContext>
  );
}

export function useToast() {
  return useContext(ToastContext);
}
