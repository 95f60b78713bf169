import { useCallback, useEffect, useMemo, useState } from "react";
import type { GenerationModeName, ModelView, ParameterView, QuoteView } from "../../../src/http/routes/miniapp/api-types.js";
import { ApiError, type MiniAppApi } from "./api/client.js";

/** Waits for choices to settle before asking for a price. */
const QUOTE_DEBOUNCE_MS = 120;

export interface ModelChoice {
  models: ModelView[];
  model: ModelView | undefined;
  mode: GenerationModeName;
  /** The parameters the model takes in this mode, in menu order. */
  parameters: ParameterView[];
  /** What the user chose for the current model (missing = the default). */
  params: Record<string, string>;
  /** The exact price of the current choice, from the server; undefined while it is being computed. */
  quote: QuoteView | undefined;
  chooseModel(key: string): void;
  /** `value` undefined returns the parameter to its default. */
  chooseParam(name: string, value: string | undefined): void;
  /** Asks for the price again (it changed at the server). */
  requote(): void;
}

/**
 * The model and parameters of the composer, starting from the user's last choice (shared with the
 * bot: what they picked there is offered here and the other way round), and the exact price of that
 * choice for the number of reference images, asked from the server whenever something changes.
 */
export function useModelChoice(api: MiniAppApi, referenceCount: number): ModelChoice {
  const [models, setModels] = useState<ModelView[]>([]);
  const [modelKey, setModelKey] = useState<string | undefined>(undefined);
  const [paramsByModel, setParamsByModel] = useState<Record<string, Record<string, string>>>({});
  const [quote, setQuote] = useState<QuoteView | undefined>(undefined);
  const [quoteRound, setQuoteRound] = useState(0);

  useEffect(() => {
    let live = true;
    void api.models().then((loaded) => {
      if (!live) return;
      setModels(loaded.models);
      const preferred = loaded.models.find((m) => m.key === loaded.preference?.modelKey);
      setModelKey((preferred ?? loaded.models[0])?.key);
      setParamsByModel(loaded.preference?.params ?? {});
    });
    return () => {
      live = false;
    };
  }, [api]);

  const model = models.find((m) => m.key === modelKey);
  const mode: GenerationModeName = referenceCount > 0 ? "edit" : "text_to_image";
  const params = useMemo(() => (modelKey === undefined ? {} : (paramsByModel[modelKey] ?? {})), [modelKey, paramsByModel]);
  const parameters = useMemo(() => (model ? model.parameters.filter((p) => p.modes.includes(mode)) : []), [model, mode]);

  useEffect(() => {
    if (modelKey === undefined) return undefined;
    setQuote(undefined);
    let live = true;
    const timer = setTimeout(() => {
      api.quote({ model: modelKey, params, referenceCount }).then(
        (answer) => {
          if (live) setQuote(answer);
        },
        (error: unknown) => {
          if (!live || !(error instanceof ApiError)) return;
          // A saved choice the model no longer allows: back to its defaults.
          if (error.code === "invalid_parameters") setParamsByModel((all) => ({ ...all, [modelKey]: {} }));
          if (error.code === "model_unavailable") setModelKey(models.find((m) => m.key !== modelKey)?.key);
        },
      );
    }, QUOTE_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, modelKey, params, referenceCount, models, quoteRound]);

  const chooseModel = useCallback((key: string) => setModelKey(key), []);
  const chooseParam = useCallback(
    (name: string, value: string | undefined) => {
      if (modelKey === undefined) return;
      setParamsByModel((all) => {
        const next = { ...(all[modelKey] ?? {}) };
        if (value === undefined) delete next[name];
        else next[name] = value;
        return { ...all, [modelKey]: next };
      });
    },
    [modelKey],
  );
  const requote = useCallback(() => setQuoteRound((n) => n + 1), []);

  return { models, model, mode, parameters, params, quote, chooseModel, chooseParam, requote };
}
