import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from "react";
import type { GenerationView, MeView, ParameterView } from "../../../../src/http/routes/miniapp/api-types.js";
import { ApiError, type MiniAppApi } from "../api/client.js";
import { credits, errorText, parameterName, parameterValue } from "../format.js";
import { useI18n } from "../i18n/messages.js";
import { useShell } from "../telegram/shell.js";
import { useAttachments, type AttachmentProblem } from "../use-attachments.js";
import { useModelChoice } from "../use-model-choice.js";
import { PaperclipIcon } from "./icons.js";
import { ModelSheet } from "./model-sheet.js";
import { OptionSheet } from "./option-sheet.js";
import type { ShowToast } from "./toasts.js";

/** The textarea grows with the text up to this height, then scrolls. */
const MAX_PROMPT_HEIGHT_PX = 140;

/**
 * Prompt, reference images (uploaded as they are picked, up to the model's limit), model and parameter
 * pickers, and Generate with the exact price and the balance. Generate sends the price it shows; if the
 * server's price differs the user is shown the new one and presses again.
 */
export function Composer({
  api,
  me,
  onStarted,
  onNeedTopUp,
  toast,
}: {
  api: MiniAppApi;
  me: MeView;
  onStarted(item: GenerationView): void;
  onNeedTopUp(): void;
  toast: ShowToast;
}) {
  const { t } = useI18n();
  const shell = useShell();
  const [prompt, setPrompt] = useState("");
  const [submitting, setSubmitting] = useState(false);
  const [sheet, setSheet] = useState<{ kind: "model" } | { kind: "param"; parameter: ParameterView } | undefined>(undefined);
  const box = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const onProblem = useCallback(
    (problem: AttachmentProblem) => {
      shell.notify("error");
      const limit = Math.round(me.limits.referenceMaxBytes / 1024 / 1024);
      if (problem.code === "upload_failed" && problem.error instanceof ApiError) toast(errorText(t, problem.error, { name: problem.name, limit }), "error");
      else toast(t(`miniapp-error-${problem.code}`, { name: problem.name, limit }), "error");
    },
    [me.limits.referenceMaxBytes, shell, t, toast],
  );
  const { attachments, add, remove, clear } = useAttachments(api, me.limits.referenceMaxBytes, onProblem);
  const choice = useModelChoice(api, attachments.length);
  const { model, quote } = choice;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, MAX_PROMPT_HEIGHT_PX)}px`;
  }, [prompt]);

  const maxReferences = model?.maxReferences ?? 0;
  const tooMany = attachments.length > maxReferences;
  const uploading = attachments.some((a) => a.status === "uploading");
  const trial = me.trialsLeft > 0;
  const needsTopUp = !trial && quote !== undefined && quote.price > me.balance;
  const promptLength = [...prompt.trim()].length;
  const ready = promptLength > 0 && promptLength <= me.limits.promptMaxLength && !uploading && !tooMany && quote !== undefined && !submitting;

  const submit = async () => {
    if (!ready || quote === undefined || model === undefined) return;
    shell.impact("medium");
    setSubmitting(true);
    try {
      const started = await api.createGeneration({
        prompt: prompt.trim(),
        model: model.key,
        params: choice.params,
        references: attachments.flatMap((a) => (a.token ? [a.token] : [])),
        expectedPrice: quote.price,
      });
      shell.notify("success");
      toast(t("miniapp-started"));
      setPrompt("");
      clear();
      onStarted(started);
    } catch (error) {
      shell.notify("error");
      toast(errorText(t, error), "error");
      if (error instanceof ApiError && error.code === "price_changed") choice.requote();
      if (error instanceof ApiError && error.code === "insufficient_funds") onNeedTopUp();
    } finally {
      setSubmitting(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // With a desktop keyboard Enter sends and Shift+Enter adds a line; on a phone Enter adds a line.
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing && window.matchMedia("(pointer: fine)").matches) {
      event.preventDefault();
      void submit();
    }
  };

  const priceText = trial ? t("miniapp-free") : quote ? credits(t, quote.price) : "…";
  return (
    <footer className="composer">
      {attachments.length > 0 && (
        <ul className="attachments" aria-label={t("miniapp-attach")}>
          {attachments.map((a) => (
            <li key={a.id} className={a.status === "uploading" ? "attachment uploading" : "attachment"} data-testid="attachment" data-status={a.status}>
              <img src={a.previewUrl} alt={a.name} />
              {a.status === "uploading" && <span className="spinner small" aria-label={t("miniapp-uploading")} />}
              <button type="button" className="remove" aria-label={t("miniapp-remove-image")} onClick={() => remove(a.id)}>
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      {tooMany && <p className="composer-warning">{t("miniapp-error-too_many_references", { limit: maxReferences })}</p>}
      <div className="composer-row">
        {attachments.length < maxReferences && (
          <button type="button" className="icon-button attach" aria-label={t("miniapp-attach")} onClick={() => fileInput.current?.click()}>
            <PaperclipIcon />
          </button>
        )}
        <input
          ref={fileInput}
          type="file"
          accept="image/jpeg,image/png,image/webp,image/*"
          multiple
          hidden
          data-testid="attach-input"
          onChange={(event) => {
            const files = [...(event.target.files ?? [])].slice(0, Math.max(0, maxReferences - attachments.length));
            event.target.value = "";
            add(files);
          }}
        />
        <textarea
          ref={box}
          rows={1}
          value={prompt}
          placeholder={t("miniapp-prompt-placeholder")}
          aria-label={t("miniapp-prompt-label")}
          maxLength={me.limits.promptMaxLength * 2}
          onChange={(event) => setPrompt(event.target.value)}
          onKeyDown={onKeyDown}
        />
      </div>
      {promptLength > me.limits.promptMaxLength && (
        <p className="composer-warning">{t("miniapp-error-prompt_too_long", { length: promptLength, limit: me.limits.promptMaxLength })}</p>
      )}
      <div className="chips" role="group" aria-label={t("miniapp-model")}>
        <button type="button" className="chip" onClick={() => setSheet({ kind: "model" })}>
          {model?.name ?? "…"} ▾
        </button>
        {choice.parameters.map((parameter) => (
          <button type="button" key={parameter.name} className="chip" onClick={() => setSheet({ kind: "param", parameter })}>
            {parameterName(t, parameter.name)}: {parameterValue(t, quote?.params[parameter.name] ?? choice.params[parameter.name] ?? parameter.default ?? undefined)} ▾
          </button>
        ))}
      </div>
      <div className="composer-footer">
        <span className="hint">
          {t("miniapp-balance")}: {credits(t, me.balance)}
        </span>
        <button type="button" className="primary generate" disabled={!needsTopUp && !ready} onClick={() => (needsTopUp ? onNeedTopUp() : void submit())}>
          {needsTopUp ? t("miniapp-top-up-to-generate") : t("miniapp-generate", { price: priceText })}
        </button>
      </div>
      {sheet?.kind === "model" && (
        <ModelSheet
          models={choice.models}
          selected={model?.key}
          mode={choice.mode}
          onPick={(key) => {
            shell.selection();
            choice.chooseModel(key);
            setSheet(undefined);
          }}
          onClose={() => setSheet(undefined)}
        />
      )}
      {sheet?.kind === "param" && (
        <OptionSheet
          parameter={sheet.parameter}
          current={choice.params[sheet.parameter.name]}
          onPick={(value) => {
            shell.selection();
            choice.chooseParam(sheet.parameter.name, value);
            setSheet(undefined);
          }}
          onClose={() => setSheet(undefined)}
        />
      )}
    </footer>
  );
}
