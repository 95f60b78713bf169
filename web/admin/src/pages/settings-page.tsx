import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { useApi } from "../api/api-context.js";
import { ApiError, type SettingView } from "../api/client.js";
import { Card, ErrorBox, Loading, useErrorText, useToast } from "../components/ui.js";
import { useI18n } from "../i18n/i18n.js";

const GROUPS = ["payments", "pricing", "referrals", "generation", "broadcasts", "provider"] as const;

/** What the form shows for a value: booleans as themselves, lists comma-separated, numbers as typed. */
function display(value: unknown): string | boolean {
  if (typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.join(", ");
  return String(value);
}

/** What the form sends: the server validates (and explains) whatever comes out of this. */
function parse(setting: SettingView, input: string | boolean): unknown {
  if (typeof input === "boolean") return input;
  if (Array.isArray(setting.defaultValue)) {
    return input
      .split(",")
      .map((part) => part.trim())
      .filter((part) => part !== "")
      .map((part) => (/^-?\d+(\.\d+)?$/.test(part) ? Number(part) : part));
  }
  const trimmed = input.trim();
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/**
 * The business numbers, grouped, with their env defaults. Only changed keys are sent, together, with
 * an optional reason; the server checks each value and how they fit together, applies them in every
 * process at once, and audits them. A refused key is marked where it is.
 */
export function SettingsPage() {
  const api = useApi();
  const { t, f, has } = useI18n();
  const toast = useToast();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ["settings"], queryFn: api.settings });
  const [draft, setDraft] = useState<Record<string, string | boolean>>({});
  const [resets, setResets] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState("");
  const byKey = useMemo(() => new Map((settings.data?.settings ?? []).map((s) => [s.key, s])), [settings.data]);

  useEffect(() => {
    if (settings.data === undefined) return;
    setDraft(Object.fromEntries(settings.data.settings.map((s) => [s.key, display(s.value)])));
    setResets(new Set());
  }, [settings.data]);

  const changes = useMemo(() => {
    const out: Record<string, unknown> = {};
    for (const [key, input] of Object.entries(draft)) {
      const setting = byKey.get(key);
      if (setting === undefined) continue;
      if (resets.has(key)) out[key] = null;
      else if (JSON.stringify(parse(setting, input)) !== JSON.stringify(setting.value)) out[key] = parse(setting, input);
    }
    return out;
  }, [draft, resets, byKey]);

  const save = useMutation({
    mutationFn: () => api.saveSettings(changes, reason),
    onSuccess: (result) => {
      queryClient.setQueryData(["settings"], result);
      void queryClient.invalidateQueries({ queryKey: ["models"] });
      setReason("");
      toast(t("settings-saved", { n: Object.keys(changes).length }));
    },
  });
  const problems = new Map(save.error instanceof ApiError ? save.error.problems.map((p) => [p.key, p.message]) : []);

  if (settings.error) return <ErrorBox error={settings.error} />;
  if (settings.data === undefined) return <Loading />;
  const label = (key: string) => {
    const name = `setting-${key}`;
    return has(name) ? t(name) : key;
  };
  const hint = (key: string) => {
    const name = `setting-${key}-hint`;
    return has(name) ? t(name) : undefined;
  };
  const dirty = Object.keys(changes).length;

  return (
    <form
      className="page"
      data-testid="settings-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (dirty > 0) save.mutate();
      }}
    >
      <header className="page-head">
        <h1>{t("nav-settings")}</h1>
      </header>
      <p className="hint">{t("settings-intro")}</p>
      {GROUPS.map((group) => (
        <Card key={group} title={t(`settings-group-${group}`)}>
          <div className="settings-grid">
            {settings.data.settings
              .filter((s) => s.group === group)
              .map((s) => {
                const value = draft[s.key] ?? display(s.value);
                const id = `setting-${s.key}`;
                const changed = s.key in changes;
                return (
                  <div key={s.key} className={`setting ${changed ? "changed" : ""}`} data-testid={id}>
                    <label htmlFor={id}>
                      {label(s.key)}
                      {s.overridden && !resets.has(s.key) && <span className="tag">{t("settings-overridden")}</span>}
                    </label>
                    {typeof value === "boolean" ? (
                      <input
                        id={id}
                        type="checkbox"
                        role="switch"
                        checked={value}
                        onChange={(e) => {
                          setDraft({ ...draft, [s.key]: e.target.checked });
                          setResets(new Set([...resets].filter((k) => k !== s.key)));
                        }}
                      />
                    ) : (
                      <input
                        id={id}
                        value={value}
                        inputMode={Array.isArray(s.defaultValue) ? "text" : "decimal"}
                        onChange={(e) => {
                          setDraft({ ...draft, [s.key]: e.target.value });
                          setResets(new Set([...resets].filter((k) => k !== s.key)));
                        }}
                        aria-invalid={problems.has(s.key)}
                      />
                    )}
                    <small className="hint">
                      {hint(s.key) !== undefined && <>{hint(s.key)} · </>}
                      {t("settings-default", { value: String(display(s.defaultValue)) })}
                      {s.updatedAt !== null && s.overridden && <> · {t("settings-changed-by", { admin: s.updatedBy ?? "—", date: f.dateTime(s.updatedAt) })}</>}
                    </small>
                    {s.overridden && !resets.has(s.key) && (
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => {
                          setDraft({ ...draft, [s.key]: display(s.defaultValue) });
                          setResets(new Set([...resets, s.key]));
                        }}
                      >
                        {t("settings-use-default")}
                      </button>
                    )}
                    {problems.has(s.key) && (
                      <small className="negative" role="alert">
                        {problems.get(s.key)}
                      </small>
                    )}
                  </div>
                );
              })}
          </div>
        </Card>
      ))}
      <div className="save-bar">
        <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t("settings-reason")} aria-label={t("settings-reason")} maxLength={500} />
        <button type="submit" className="primary" disabled={dirty === 0 || save.isPending}>
          {dirty === 0 ? t("settings-nothing") : t("settings-save", { n: dirty })}
        </button>
      </div>
      {save.error && problems.size === 0 && (
        <div className="error-box" role="alert">
          {errorText(save.error)}
        </div>
      )}
    </form>
  );
}
