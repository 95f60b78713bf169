import type { ParameterView } from "../../../../src/http/routes/miniapp/api-types.js";
import { parameterName, parameterValue } from "../format.js";
import { useI18n } from "../i18n/messages.js";
import { Sheet } from "./sheet.js";

/** The values of one parameter, "Default" first when the provider may decide. */
export function OptionSheet({
  parameter,
  current,
  onPick,
  onClose,
}: {
  parameter: ParameterView;
  current: string | undefined;
  onPick(value: string | undefined): void;
  onClose(): void;
}) {
  const { t } = useI18n();
  const chosen = current ?? parameter.default ?? undefined;
  const values: Array<string | undefined> = parameter.default === null ? [undefined, ...parameter.values] : parameter.values;
  return (
    <Sheet title={parameterName(t, parameter.name)} onClose={onClose} closeLabel={t("miniapp-close")}>
      <ul className="option-grid">
        {values.map((value) => (
          <li key={value ?? "default"}>
            <button type="button" className={value === chosen ? "option selected" : "option"} aria-pressed={value === chosen} onClick={() => onPick(value)}>
              {parameterValue(t, value)}
            </button>
          </li>
        ))}
      </ul>
    </Sheet>
  );
}
