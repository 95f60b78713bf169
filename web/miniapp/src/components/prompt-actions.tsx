import type { GenerationView } from "../../../../src/http/routes/miniapp/api-types.js";
import { useI18n } from "../i18n/messages.js";
import type { CardActions } from "./generation-card.js";

/**
 * Copy the prompt and Regenerate, for a generation; an image tool's run has no prompt, so nothing.
 * Rendered as chips in whatever row holds them (the card's actions, the viewer's footer).
 */
export function PromptActions({ item, actions }: { item: GenerationView; actions: Pick<CardActions, "onCopy" | "onRegenerate"> }) {
  const { t } = useI18n();
  if (item.kind !== "generation") return null;
  return (
    <>
      <button type="button" className="chip" onClick={() => actions.onCopy(item)}>
        {t("miniapp-copy-prompt")}
      </button>
      <button type="button" className="chip" onClick={() => actions.onRegenerate(item)}>
        {t("miniapp-regenerate")}
      </button>
    </>
  );
}
