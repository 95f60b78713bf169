import { useEffect, useRef, useState } from "react";
import { useApi } from "../api/api-context.js";
import type { SessionView } from "../api/client.js";
import { ErrorBox } from "../components/ui.js";
import { useI18n } from "../i18n/i18n.js";
import { useRouter } from "../router.js";

const WIDGET_SCRIPT = "https://telegram.org/js/telegram-widget.js?22";

function meta(name: string): string {
  return document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content ?? "";
}

/**
 * Sign-in. Telegram's Login Widget sends the admin back to /admin/login with its signed answer in the
 * query (the redirect mode needs no inline script, which the page's CSP forbids); the answer is posted
 * to the server, which checks it and sets the session cookie. The sandbox has a one-click shortcut.
 */
export function LoginPage({ onSignedIn }: { onSignedIn(session: SessionView): void }) {
  const api = useApi();
  const { t } = useI18n();
  const { path, search, navigate } = useRouter();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const widget = useRef<HTMLDivElement>(null);
  const sandbox = meta("bp-sandbox") === "1";
  const botUsername = meta("bp-bot-username");
  // The widget's answer is read once, from the URL it redirected to.
  const [answer] = useState(() => (path === "/login" && search.has("hash") ? Object.fromEntries(search.entries()) : undefined));

  useEffect(() => {
    if (answer === undefined) return;
    setBusy(true);
    // The signed answer should not stay in the address bar or the history.
    navigate("/", { replace: true });
    api.login(answer).then(onSignedIn, (caught: unknown) => {
      setError(caught);
      setBusy(false);
    });
  }, [answer, api, navigate, onSignedIn]);

  useEffect(() => {
    const container = widget.current;
    if (sandbox || botUsername === "" || container === null || container.childElementCount > 0) return;
    const script = document.createElement("script");
    script.async = true;
    script.src = WIDGET_SCRIPT;
    script.dataset.telegramLogin = botUsername;
    script.dataset.size = "large";
    script.dataset.radius = "8";
    script.dataset.requestAccess = "write";
    script.dataset.authUrl = `${window.location.origin}/admin/login`;
    container.append(script);
  }, [sandbox, botUsername]);

  const sandboxLogin = () => {
    setBusy(true);
    setError(undefined);
    api.sandboxLogin().then(onSignedIn, (caught: unknown) => {
      setError(caught);
      setBusy(false);
    });
  };

  return (
    <div className="login">
      <div className="login-card">
        <h1>🍌 {t("login-title")}</h1>
        <p>{t("login-intro")}</p>
        {sandbox ? (
          <button type="button" className="primary" onClick={sandboxLogin} disabled={busy}>
            {t("login-sandbox")}
          </button>
        ) : botUsername === "" ? (
          <p className="hint">{t("login-no-bot-username")}</p>
        ) : (
          <div ref={widget} className="widget" aria-busy={busy} />
        )}
        {error !== undefined && <ErrorBox error={error} />}
        <p className="hint">{t("login-admins-only")}</p>
      </div>
    </div>
  );
}
