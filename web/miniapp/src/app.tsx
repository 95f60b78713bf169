import { useCallback, useEffect, useMemo, useState } from "react";
import type { MeView } from "../../../src/http/routes/miniapp/api-types.js";
import { ApiError, MiniAppApi } from "./api/client.js";
import { ErrorBoundary } from "./components/error-boundary.js";
import { StatusScreen } from "./components/status-screen.js";
import { errorText } from "./format.js";
import { HomeScreen } from "./home-screen.js";
import { guessLocale, I18nContext, translator } from "./i18n/messages.js";
import { useShell } from "./telegram/shell.js";

type Session = { kind: "loading" } | { kind: "ready"; me: MeView } | { kind: "refused"; error: unknown };

/**
 * The gate: without Telegram's launch data there is nobody to act for, so the app only says to open
 * it from the bot; with it, the server decides (expired, banned, not signed up → a screen saying so).
 */
export function App() {
  const shell = useShell();
  const initData = shell.webApp.initData;
  const guessed = guessLocale(shell.webApp.initDataUnsafe.user?.language_code);
  const api = useMemo(() => new MiniAppApi(initData), [initData]);
  const [session, setSession] = useState<Session>({ kind: "loading" });

  const refreshMe = useCallback(async () => {
    try {
      const me = await api.me();
      setSession({ kind: "ready", me });
    } catch (error) {
      // A failed refresh keeps the screen; only refusals (and a failed first load) replace it.
      setSession((current) => (current.kind === "ready" && !isRefusal(error) ? current : { kind: "refused", error }));
    }
  }, [api]);
  // The live stream was refused (session expired, user banned): /me says exactly why.
  const onRefused = useCallback(() => void refreshMe(), [refreshMe]);

  useEffect(() => {
    if (initData !== "") void refreshMe();
  }, [initData, refreshMe]);

  const locale = session.kind === "ready" ? session.me.user.locale : guessed;
  const i18n = useMemo(() => ({ locale, t: translator(locale) }), [locale]);
  const { t } = i18n;

  let screen;
  if (initData === "") {
    const bot = document.querySelector<HTMLMetaElement>('meta[name="telegram-bot"]')?.content ?? "";
    screen = (
      <StatusScreen
        icon="🍌"
        text={t("miniapp-open-from-bot")}
        action={
          bot !== "" && (
            <a className="primary button-link" href={`https://t.me/${bot}`}>
              {t("miniapp-open-bot", { bot })}
            </a>
          )
        }
      />
    );
  } else if (session.kind === "loading") {
    screen = <StatusScreen icon="⏳" text={t("miniapp-loading")} />;
  } else if (session.kind === "refused") {
    screen = (
      <StatusScreen
        icon={isRefusal(session.error) ? "🔒" : "⚠️"}
        text={errorText(t, session.error)}
        action={
          !isRefusal(session.error) && (
            <button type="button" className="primary" onClick={() => void refreshMe()}>
              {t("miniapp-retry")}
            </button>
          )
        }
      />
    );
  } else {
    screen = <HomeScreen api={api} me={session.me} refreshMe={refreshMe} onRefused={onRefused} />;
  }

  return (
    <I18nContext value={i18n}>
      <ErrorBoundary
        fallback={(reset) => (
          <StatusScreen
            icon="⚠️"
            text={t("miniapp-crashed")}
            action={
              <button type="button" className="primary" onClick={reset}>
                {t("miniapp-reload")}
              </button>
            }
          />
        )}
      >
        {screen}
      </ErrorBoundary>
    </I18nContext>
  );
}

/** 401/403: asking again cannot help. */
function isRefusal(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 401 || error.status === 403);
}
