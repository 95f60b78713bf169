import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { useApi } from "../api/api-context.js";
import { ErrorBox, useToast } from "../components/ui.js";
import { useI18n } from "../i18n/i18n.js";
import { Link, useRouter } from "../router.js";
import { TelegramHtml, visibleLength } from "../telegram-html.js";

const TEXT_MAX = 4096;
const CAPTION_MAX = 1024;
const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
const BUTTON_TEXT_MAX = 64;
const SERVICE_NOTICE_ROOM = 48;

/** "Everyone", "Active in the last 7 days", "Language: Русский"… for an audience key. */
export function useAudienceLabel(): (key: string) => string {
  const { t, has } = useI18n();
  return useCallback(
    (key: string) => {
      const [kind, locale] = key.split(":");
      if (kind === "language" && locale) {
        const language = `language-${locale}`;
        return t("audience-language", { language: has(language) ? t(language) : locale });
      }
      const label = `audience-${kind}`;
      return has(label) ? t(label) : key;
    },
    [t, has],
  );
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** Base64 of a file's bytes, without the data-URL prefix. */
function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error ?? new Error("could not read the file"));
    reader.readAsDataURL(file);
  });
}

/**
 * A new broadcast: Telegram-HTML text, an optional photo, an optional link button and the audience,
 * with a live preview as the recipients will see it and a checklist of what is still missing. It is
 * created as a draft (staged in the admin's own chat with the bot) and started from the list.
 */
export function BroadcastNewPage() {
  const api = useApi();
  const { t, f } = useI18n();
  const toast = useToast();
  const audienceLabel = useAudienceLabel();
  const queryClient = useQueryClient();
  const { navigate } = useRouter();
  const audiences = useQuery({ queryKey: ["audiences"], queryFn: api.audiences });
  const [text, setText] = useState("");
  const [photo, setPhoto] = useState<File>();
  const [photoUrl, setPhotoUrl] = useState<string>();
  const [audience, setAudience] = useState("all");
  const [withButton, setWithButton] = useState(false);
  const [buttonText, setButtonText] = useState("");
  const [buttonUrl, setButtonUrl] = useState("");
  const [essential, setEssential] = useState(false);
  const [essentialConfirmed, setEssentialConfirmed] = useState(false);

  useEffect(() => {
    if (photo === undefined) return;
    const url = URL.createObjectURL(photo);
    setPhotoUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [photo]);

  const length = visibleLength(text);
  // A service notice keeps room for its marking line (SERVICE_NOTICE_LABEL_MAX on the server).
  const limit = (photo ? CAPTION_MAX : TEXT_MAX) - (essential ? SERVICE_NOTICE_ROOM : 0);
  const size = audiences.data?.audiences.find((a) => a.key === audience);
  const count = essential ? size?.essentialCount : size?.count;
  const checks = [
    { ok: length > 0 || photo !== undefined, label: t("broadcast-check-content") },
    { ok: length <= limit, label: t("broadcast-check-length", { n: f.n(limit) }) },
    { ok: photo === undefined || (photo.size <= PHOTO_MAX_BYTES && /^image\/(jpeg|png|webp)$/.test(photo.type)), label: t("broadcast-check-photo") },
    { ok: !withButton || (buttonText.trim() !== "" && [...buttonText.trim()].length <= BUTTON_TEXT_MAX && isHttpUrl(buttonUrl)), label: t("broadcast-check-button") },
    { ok: count !== undefined && count > 0, label: t("broadcast-check-audience") },
    ...(essential ? [{ ok: essentialConfirmed, label: t("broadcast-check-essential") }] : []),
  ];
  const ready = checks.every((c) => c.ok);

  const create = useMutation({
    mutationFn: async () =>
      api.createBroadcast({
        text,
        audience,
        ...(photo ? { photoBase64: await toBase64(photo) } : {}),
        ...(withButton ? { button: { text: buttonText.trim(), url: buttonUrl.trim() } } : {}),
        ...(essential ? { essential: true, essentialConfirmed } : {}),
      }),
    onSuccess: (broadcast) => {
      toast(t("broadcast-created", { id: broadcast.id }));
      void queryClient.invalidateQueries({ queryKey: ["broadcasts"] });
      navigate("/broadcasts");
    },
  });

  return (
    <div className="page">
      <header className="page-head">
        <div>
          <Link to="/broadcasts" className="back">
            ‹ {t("nav-broadcasts")}
          </Link>
          <h1>{t("broadcast-new")}</h1>
        </div>
      </header>
      <div className="composer-grid">
        <form
          className="card stack"
          data-testid="broadcast-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (ready) create.mutate();
          }}
        >
          <label className="field">
            <span>
              {t("broadcast-text")} <small className="hint">{t("broadcast-text-hint")}</small>
            </span>
            <textarea value={text} onChange={(e) => setText(e.target.value)} rows={8} />
            <small className={length > limit ? "negative" : "hint"} data-testid="text-counter">
              {f.n(length)} / {f.n(limit)}
            </small>
          </label>
          <label className="field">
            <span>{t("broadcast-photo")}</span>
            <input type="file" accept="image/jpeg,image/png,image/webp" onChange={(e) => setPhoto(e.target.files?.[0])} />
          </label>
          {photo !== undefined && (
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setPhoto(undefined);
                setPhotoUrl(undefined);
              }}
            >
              {t("broadcast-photo-remove")}
            </button>
          )}
          <label className="field">
            <span>{t("broadcast-audience")}</span>
            <select value={audience} onChange={(e) => setAudience(e.target.value)}>
              {(audiences.data?.audiences ?? []).map((a) => (
                <option key={a.key} value={a.key}>
                  {audienceLabel(a.key)} — {t("recipients-n", { n: f.n(a.count) })}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={withButton} onChange={(e) => setWithButton(e.target.checked)} /> {t("broadcast-with-button")}
          </label>
          {withButton && (
            <div className="inline-form">
              <label className="field">
                <span>{t("broadcast-button-text")}</span>
                <input value={buttonText} onChange={(e) => setButtonText(e.target.value)} maxLength={BUTTON_TEXT_MAX} />
              </label>
              <label className="field grow">
                <span>{t("broadcast-button-url")}</span>
                <input type="url" value={buttonUrl} onChange={(e) => setButtonUrl(e.target.value)} placeholder="https://" />
              </label>
            </div>
          )}
          <label className="check">
            <input
              type="checkbox"
              checked={essential}
              data-testid="broadcast-essential"
              onChange={(e) => {
                setEssential(e.target.checked);
                setEssentialConfirmed(false);
              }}
            />{" "}
            {t("broadcast-essential")}
          </label>
          {essential && (
            <div className="stack">
              <p className="notice" role="alert">
                ⚠️ {t("broadcast-essential-hint")}
              </p>
              <label className="check">
                <input
                  type="checkbox"
                  checked={essentialConfirmed}
                  data-testid="broadcast-essential-confirm"
                  onChange={(e) => setEssentialConfirmed(e.target.checked)}
                />{" "}
                {t("broadcast-essential-confirm")}
              </label>
            </div>
          )}
          <ul className="checklist" aria-label={t("broadcast-checklist")}>
            {checks.map((c) => (
              <li key={c.label} className={c.ok ? "ok" : "missing"}>
                {c.ok ? "✓" : "○"} {c.label}
              </li>
            ))}
          </ul>
          {create.error ? <ErrorBox error={create.error} /> : null}
          <p className="hint">{t("broadcast-staging-hint")}</p>
          <button type="submit" className="primary" disabled={!ready || create.isPending}>
            {t("broadcast-create")}
          </button>
        </form>
        <section className="card preview" aria-label={t("broadcast-preview")}>
          <h2>{t("broadcast-preview")}</h2>
          <div className="phone">
            <div className="bubble" data-testid="broadcast-preview">
              {photoUrl !== undefined && <img src={photoUrl} alt="" />}
              <div className="bubble-text">
                {essential && (
                  <>
                    <b>{t("broadcast-service-notice")}</b>
                    <br />
                    <br />
                  </>
                )}
                <TelegramHtml html={text} />
              </div>
              {withButton && buttonText.trim() !== "" && <div className="bubble-button">🔗 {buttonText.trim()}</div>}
            </div>
          </div>
          {size !== undefined &&
            (essential ? (
              <p className="hint">{t("broadcast-reach-essential", { n: f.n(size.essentialCount), optedOut: f.n(size.essentialCount - size.count) })}</p>
            ) : (
              <p className="hint">{t("broadcast-reach", { n: f.n(size.count) })}</p>
            ))}
        </section>
      </div>
    </div>
  );
}
