import { useCallback, useRef, useState } from "react";

export interface Toast {
  id: number;
  text: string;
  kind: "info" | "error";
}

/** Every toast goes away by itself; errors stay a little longer, as they take longer to read. */
const TOAST_MS = { info: 3000, error: 5000 } as const;

export type ShowToast = (text: string, kind?: Toast["kind"]) => void;

export function useToasts(): { toasts: Toast[]; show: ShowToast; dismiss(id: number): void } {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((toast) => toast.id !== id)), []);
  const show = useCallback<ShowToast>(
    (text, kind = "info") => {
      const id = next.current++;
      setToasts((all) => [...all.slice(-2), { id, text, kind }]);
      setTimeout(() => dismiss(id), TOAST_MS[kind]);
    },
    [dismiss],
  );
  return { toasts, show, dismiss };
}

export function Toasts({ toasts, onDismiss }: { toasts: Toast[]; onDismiss(id: number): void }) {
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <button type="button" key={toast.id} className={`toast toast-${toast.kind}`} onClick={() => onDismiss(toast.id)}>
          {toast.text}
        </button>
      ))}
    </div>
  );
}
