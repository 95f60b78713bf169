import type { GenerationView } from "../../../../src/http/routes/miniapp/api-types.js";
import { credits, shortDate } from "../format.js";
import { itemTitle, toolOptions } from "../tool-run.js";
import { useI18n } from "../i18n/messages.js";
import { ImageIcon } from "./icons.js";
import { PromptActions } from "./prompt-actions.js";

export interface CardActions {
  onOpen(item: GenerationView, index: number): void;
  onCopy(item: GenerationView): void;
  onRegenerate(item: GenerationView): void;
}

/**
 * One generation in the history: its image (or where it is), the prompt, what it cost, and actions. An
 * image tool's run has no prompt: it shows the tool and its options, and offers neither copying a
 * prompt nor regenerating.
 */
export function GenerationCard({ item, actions }: { item: GenerationView; actions: CardActions }) {
  const { t, locale } = useI18n();
  const price = item.paidWithTrial ? t("miniapp-free") : credits(t, item.price);
  const options = item.tool === null ? "" : toolOptions(t, item.tool);
  return (
    <article className="card" data-testid="generation-card" data-id={item.id} data-phase={item.phase} data-kind={item.kind}>
      <CardMedia item={item} onOpen={actions.onOpen} />
      {item.tool === null ? (
        <p className="card-prompt">{item.prompt}</p>
      ) : (
        <p className="card-prompt card-tool" data-testid="tool-run">
          <strong>{itemTitle(t, item)}</strong>
          {options !== "" && <span className="hint"> · {options}</span>}
        </p>
      )}
      <div className="card-meta">
        <span>{item.tool === null ? item.model.name : t("miniapp-kind-tool")}</span>
        <span>{price}</span>
        {item.references.length > 0 && (
          <span className="with-icon" title={t("miniapp-references", { count: item.references.length })}>
            <ImageIcon /> {item.references.length}
          </span>
        )}
        {item.source === "bot" && <span>{t("miniapp-source-bot")}</span>}
        <time dateTime={item.createdAt}>{shortDate(locale, item.createdAt)}</time>
      </div>
      {item.kind === "generation" && (
        <div className="card-actions">
          <PromptActions item={item} actions={actions} />
        </div>
      )}
    </article>
  );
}

function CardMedia({ item, onOpen }: { item: GenerationView; onOpen: CardActions["onOpen"] }) {
  const { t } = useI18n();
  if (item.phase === "done" && item.results.length > 0) {
    return (
      <div className={item.results.length > 1 ? "card-images several" : "card-images"}>
        {item.results.map((file, index) => (
          <button type="button" key={file.fileId} className="card-image" aria-label={t("miniapp-open-image")} onClick={() => onOpen(item, index)}>
            <img src={file.thumbUrl} alt={itemTitle(t, item)} loading="lazy" />
          </button>
        ))}
      </div>
    );
  }
  if (item.phase === "failed") {
    const reasonKey = `miniapp-failed-${item.failure?.code ?? "internal"}`;
    const reason = t(reasonKey) === reasonKey ? t("miniapp-failed-internal") : t(reasonKey);
    const refund = item.failure?.refunded ? (item.paidWithTrial ? t("miniapp-trial-returned") : item.price > 0 ? t("miniapp-refunded", { credits: credits(t, item.price) }) : "") : "";
    return (
      <div className="card-status failed" data-testid="generation-status">
        <strong>{t("miniapp-phase-failed")}</strong>
        <span>{reason}</span>
        {refund !== "" && <span className="hint">{refund}</span>}
      </div>
    );
  }
  // Running; or done without a file to show (only the chat has it).
  return (
    <div className="card-status running" data-testid="generation-status">
      {item.phase !== "done" && <span className="spinner" aria-hidden="true" />}
      <strong>{t(`miniapp-phase-${item.phase}`)}</strong>
    </div>
  );
}
