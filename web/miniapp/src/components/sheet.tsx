import type { ReactNode } from "react";
import { useBackButton } from "../telegram/shell.js";

/**
 * A bottom sheet over the page: closes on the backdrop, on Telegram's back button
 * and by its own close control.
 */
export function Sheet({ title, onClose, children, closeLabel }: { title: string; onClose(): void; children: ReactNode; closeLabel: string }) {
  useBackButton(true, onClose);
  return (
    <div className="sheet-layer">
      <button type="button" className="sheet-backdrop" aria-label={closeLabel} onClick={onClose} />
      <section className="sheet" role="dialog" aria-modal="true" aria-label={title}>
        <header className="sheet-header">
          <h2>{title}</h2>
          <button type="button" className="icon-button" aria-label={closeLabel} onClick={onClose}>
            ✕
          </button>
        </header>
        <div className="sheet-body">{children}</div>
      </section>
    </div>
  );
}
