import type { GenerationModeName, ModelView } from "../../../../src/http/routes/miniapp/api-types.js";
import { qualityStars, typicalTime } from "../format.js";
import { useI18n } from "../i18n/messages.js";
import { Sheet } from "./sheet.js";

/** The model picker: each model with its quality, typical time and price in the current mode. */
export function ModelSheet({
  models,
  selected,
  mode,
  onPick,
  onClose,
}: {
  models: ModelView[];
  selected: string | undefined;
  mode: GenerationModeName;
  onPick(key: string): void;
  onClose(): void;
}) {
  const { t } = useI18n();
  return (
    <Sheet title={t("miniapp-choose-model")} onClose={onClose} closeLabel={t("miniapp-close")}>
      <ul className="option-list">
        {models.map((model) => {
          const price = model.prices[mode];
          return (
            <li key={model.key}>
              <button type="button" className={model.key === selected ? "option selected" : "option"} aria-pressed={model.key === selected} onClick={() => onPick(model.key)}>
                <span className="option-title">{model.name}</span>
                <span className="option-detail">
                  <span className="stars" aria-label={`${model.qualityStars}/5`}>
                    {qualityStars(model.qualityStars)}
                  </span>
                  <span>{typicalTime(t, model)}</span>
                  <span>{price.min === price.max ? t("miniapp-credits", { count: price.min }) : t("miniapp-price-range", { min: price.min, max: price.max })}</span>
                  {mode === "edit" && <span>{t("miniapp-max-references", { count: model.maxReferences })}</span>}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </Sheet>
  );
}
