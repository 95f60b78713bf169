import { useCallback, useMemo, useRef, useState } from "react";

const TOAST_MS = 3_500;

/** Short messages over the chat: toasts (callback answers, problems) and alerts that need an OK. */
export interface Notify {
  toast(text: string): void;
  alert(text: string): void;
}

interface NoticeState {
  toasts: Array<{ id: number; text: string }>;
  alert: string | undefined;
}

/** The notices of the page and the functions that raise them. */
export function useNotices(): [NoticeState, Notify, () => void] {
  const [state, setState] = useState<NoticeState>({ toasts: [], alert: undefined });
  const nextId = useRef(1);
  const notify = useMemo<Notify>(
    () => ({
      toast(text) {
        const id = nextId.current++;
        setState((s) => ({ ...s, toasts: [...s.toasts, { id, text }] }));
        setTimeout(() => setState((s) => ({ ...s, toasts: s.toasts.filter((t) => t.id !== id) })), TOAST_MS);
      },
      alert(text) {
        setState((s) => ({ ...s, alert: text }));
      },
    }),
    [],
  );
  const dismissAlert = useCallback(() => setState((s) => ({ ...s, alert: undefined })), []);
  return [state, notify, dismissAlert];
}

export function Notices({ state, onDismissAlert }: { state: NoticeState; onDismissAlert(): void }) {
  return (
    <>
      <div className="toasts" role="status" aria-live="polite">
        {state.toasts.map((toast) => (
          <div className="toast" key={toast.id}>
            {toast.text}
          </div>
        ))}
      </div>
      {state.alert !== undefined && (
        <div className="alert-backdrop" onClick={onDismissAlert}>
          <div className="alert" role="alertdialog" aria-modal="true" onClick={(event) => event.stopPropagation()}>
            <div className="alert-text">{state.alert}</div>
            <button type="button" className="alert-ok" onClick={onDismissAlert} autoFocus>
              OK
            </button>
          </div>
        </div>
      )}
    </>
  );
}
