import { useRef, useState, type PointerEvent } from "react";
import type { GenerationView } from "../../../../src/http/routes/miniapp/api-types.js";
import { itemTitle } from "../tool-run.js";
import { useI18n } from "../i18n/messages.js";
import { useBackButton, useShell } from "../telegram/shell.js";
import type { CardActions } from "./generation-card.js";
import { PromptActions } from "./prompt-actions.js";

/** A drag down by more than this closes the viewer, as in Telegram's own media viewer. */
const CLOSE_DRAG_PX = 100;

/**
 * A result full screen, in its original quality (through our file proxy): download, copy the prompt,
 * regenerate (a generation's; a tool run has neither); closed by the ✕, Telegram's back button or a
 * swipe down.
 */
export function Viewer({
  item,
  index,
  onClose,
  actions,
}: {
  item: GenerationView;
  index: number;
  onClose(): void;
  actions: Pick<CardActions, "onCopy" | "onRegenerate">;
}) {
  const { t } = useI18n();
  const shell = useShell();
  const [current, setCurrent] = useState(index);
  const [drag, setDrag] = useState(0);
  const start = useRef<number | undefined>(undefined);
  useBackButton(true, onClose);
  const file = item.results[current] ?? item.results[0];
  if (file === undefined) return null;

  const onPointerDown = (event: PointerEvent) => {
    start.current = event.clientY;
  };
  const onPointerMove = (event: PointerEvent) => {
    if (start.current !== undefined) setDrag(Math.max(0, event.clientY - start.current));
  };
  const onPointerUp = () => {
    start.current = undefined;
    if (drag > CLOSE_DRAG_PX) onClose();
    else setDrag(0);
  };

  return (
    <div className="viewer" role="dialog" aria-modal="true" aria-label={itemTitle(t, item)} data-testid="viewer">
      <header className="viewer-bar">
        <button type="button" className="icon-button" aria-label={t("miniapp-close")} onClick={onClose}>
          ✕
        </button>
        {item.results.length > 1 && (
          <div className="viewer-dots">
            {item.results.map((result, i) => (
              <button type="button" key={result.fileId} className={i === current ? "dot active" : "dot"} aria-label={`${i + 1}`} onClick={() => setCurrent(i)} />
            ))}
          </div>
        )}
      </header>
      <div
        className="viewer-stage"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        style={{ transform: `translateY(${drag}px)`, opacity: 1 - Math.min(drag / 400, 0.6) }}
      >
        <img src={file.url} alt={itemTitle(t, item)} draggable={false} />
      </div>
      <footer className="viewer-actions">
        <button
          type="button"
          className="chip"
          onClick={() => {
            shell.impact();
            void shell.download(file.downloadUrl);
          }}
        >
          {t("miniapp-download")}
        </button>
        <PromptActions item={item} actions={actions} />
      </footer>
    </div>
  );
}
