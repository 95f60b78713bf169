import type { ReactNode } from "react";

/** A whole-screen message (outside Telegram, refused, loading, crashed), with an optional action. */
export function StatusScreen({ icon, text, action }: { icon: string; text: string; action?: ReactNode }) {
  return (
    <main className="status-screen">
      <div className="status-icon" aria-hidden="true">
        {icon}
      </div>
      <p>{text}</p>
      {action}
    </main>
  );
}
