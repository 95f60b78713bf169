import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useApi } from "../api/api-context.js";
import type { ModelView } from "../api/client.js";
import { Badge, ErrorBox, Loading, useErrorText, useToast } from "../components/ui.js";
import { useI18n } from "../i18n/i18n.js";

/** Models and tools: on or off, menu position and a fixed price; the bot's menus and charges follow at once. */
export function ModelsPage() {
  const api = useApi();
  const { t } = useI18n();
  const models = useQuery({ queryKey: ["models"], queryFn: api.models });
  if (models.error) return <ErrorBox error={models.error} />;
  if (models.data === undefined) return <Loading />;
  const groups = [
    { title: t("models-generation"), items: models.data.models.filter((m) => m.kind !== "tool") },
    { title: t("models-tools"), items: models.data.models.filter((m) => m.kind === "tool") },
  ];
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t("nav-models")}</h1>
      </header>
      <p className="hint">{t("models-hint")}</p>
      {groups.map((group) =>
        group.items.length === 0 ? null : (
          <section key={group.title}>
            <h2>{group.title}</h2>
            <table className="table" data-testid="models-table">
              <thead>
                <tr>
                  <th>{t("col-model")}</th>
                  <th>{t("col-enabled")}</th>
                  <th>{t("col-order")}</th>
                  <th>{t("col-price")}</th>
                  <th>{t("col-fixed-price")}</th>
                  <th className="num">{t("col-generations")}</th>
                </tr>
              </thead>
              <tbody>
                {group.items.map((model) => (
                  <ModelRow key={model.key} model={model} />
                ))}
              </tbody>
            </table>
          </section>
        ),
      )}
    </div>
  );
}

function ModelRow({ model }: { model: ModelView }) {
  const api = useApi();
  const { t, f } = useI18n();
  const toast = useToast();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  // Shown at once when flipped (the save follows), back to the server's value if it is refused.
  const [enabled, setEnabled] = useState(model.enabled);
  useEffect(() => setEnabled(model.enabled), [model.enabled]);
  const [order, setOrder] = useState(String(model.sortOrder));
  const [price, setPrice] = useState(model.priceOverrideCredits === null ? "" : String(model.priceOverrideCredits));
  const edit = useMutation({
    mutationFn: (change: { enabled?: boolean; sortOrder?: number; priceOverrideCredits?: number | null }) => api.editModel(model.key, change),
    onSuccess: (updated) => {
      toast(t("model-saved", { name: updated.name }));
      void queryClient.invalidateQueries({ queryKey: ["models"] });
    },
    onError: (error) => {
      setEnabled(model.enabled);
      toast(errorText(error), "bad");
    },
  });
  const range = (r: { min: number; max: number } | undefined) => (r === undefined ? null : r.min === r.max ? f.n(r.min) : `${f.n(r.min)}–${f.n(r.max)}`);
  const orderChanged = order.trim() !== String(model.sortOrder) && /^-?\d+$/.test(order.trim());
  const priceValue = price.trim() === "" ? null : Number(price);
  const priceChanged = priceValue !== model.priceOverrideCredits && (priceValue === null || (Number.isInteger(priceValue) && priceValue > 0));
  return (
    <tr data-testid="model-row" data-model={model.key} data-enabled={model.enabled} aria-busy={edit.isPending}>
      <td data-label={t("col-model")}>
        <b>{model.name}</b>
        <div className="hint mono">{model.key}</div>
      </td>
      <td data-label={t("col-enabled")}>
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={enabled}
            disabled={edit.isPending}
            onChange={(e) => {
              setEnabled(e.target.checked);
              edit.mutate({ enabled: e.target.checked });
            }}
            aria-label={t("model-enabled", { name: model.name })}
          />
          <Badge status={enabled ? "ok" : "none"} label={enabled ? t("model-on") : t("model-off")} />
        </label>
      </td>
      <td data-label={t("col-order")}>
        <form
          className="mini-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (orderChanged) edit.mutate({ sortOrder: Number(order.trim()) });
          }}
        >
          <input inputMode="numeric" value={order} onChange={(e) => setOrder(e.target.value)} aria-label={t("col-order")} size={4} />
          {orderChanged && <button type="submit">{t("save")}</button>}
        </form>
      </td>
      <td data-label={t("col-price")}>
        {model.prices.text_to_image !== undefined && model.kind !== "tool" && <div>{t("model-price-t2i", { price: range(model.prices.text_to_image) ?? "—" })}</div>}
        {model.prices.edit !== undefined && <div>{t(model.kind === "tool" ? "model-price-tool" : "model-price-edit", { price: range(model.prices.edit) ?? "—" })}</div>}
        <div className="hint">{t("model-usd-base", { usd: f.usd(model.usdBase) })}</div>
      </td>
      <td data-label={t("col-fixed-price")}>
        <form
          className="mini-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (priceChanged) edit.mutate({ priceOverrideCredits: priceValue });
          }}
        >
          <input inputMode="numeric" value={price} onChange={(e) => setPrice(e.target.value)} placeholder={t("model-computed")} aria-label={t("col-fixed-price")} size={6} />
          {priceChanged && <button type="submit">{t("save")}</button>}
        </form>
      </td>
      <td data-label={t("col-generations")} className="num">
        {f.n(model.generations)}
      </td>
    </tr>
  );
}
