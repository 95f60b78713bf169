import { useCallback, useEffect, useRef, useState } from "react";
import type { GenerationView, MeView } from "../../../src/http/routes/miniapp/api-types.js";
import type { MiniAppApi } from "./api/client.js";
import { Composer } from "./components/composer.js";
import { GenerationCard, type CardActions } from "./components/generation-card.js";
import { RegenerateSheet } from "./components/regenerate-sheet.js";
import { Toasts, useToasts } from "./components/toasts.js";
import { TopUpSheet } from "./components/top-up-sheet.js";
import { Viewer } from "./components/viewer.js";
import { credits } from "./format.js";
import { useI18n } from "./i18n/messages.js";
import { useShell } from "./telegram/shell.js";
import { useFeed } from "./use-feed.js";

/** After a paid invoice the bot credits the balance a moment later: look this many times, a second apart. */
const BALANCE_CHECKS_AFTER_PAYMENT = 5;

/**
 * The app once the user is known: the balance on top, the history (newest first, more on scroll, live
 * statuses) in the middle, the composer at the bottom; viewer and sheets above them.
 */
export function HomeScreen({ api, me, refreshMe, onRefused }: { api: MiniAppApi; me: MeView; refreshMe(): Promise<void>; onRefused(): void }) {
  const { t } = useI18n();
  const shell = useShell();
  const { toasts, show: toast, dismiss } = useToasts();
  const [viewing, setViewing] = useState<{ id: string; index: number } | undefined>(undefined);
  const [regenerating, setRegenerating] = useState<GenerationView | undefined>(undefined);
  const [toppingUp, setToppingUp] = useState(false);
  const list = useRef<HTMLDivElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);

  // A generation that appears, ends or is refunded changes the balance.
  const onChange = useCallback(() => void refreshMe(), [refreshMe]);
  const feed = useFeed(api, onChange, onRefused);
  const { loadMore } = feed;

  useEffect(() => {
    const target = sentinel.current;
    if (!target) return undefined;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && loadMore(), { root: list.current, rootMargin: "600px" });
    observer.observe(target);
    return () => observer.disconnect();
  }, [loadMore]);

  const actions: CardActions = {
    onOpen: (item, index) => {
      shell.impact();
      setViewing({ id: item.id, index });
    },
    onCopy: (item) => {
      void copyText(item.prompt).then((copied) => {
        shell.notify(copied ? "success" : "error");
        toast(copied ? t("miniapp-copied") : t("miniapp-copy-failed"), copied ? "info" : "error");
      });
    },
    onRegenerate: (item) => {
      shell.impact();
      setRegenerating(item);
    },
  };
  const onStarted = (item: GenerationView) => {
    feed.add(item);
    void refreshMe();
    list.current?.scrollTo({ top: 0, behavior: "smooth" });
  };
  const meRef = useRef(me);
  meRef.current = me;
  const afterPayment = async () => {
    const before = me.balance;
    for (let i = 0; i < BALANCE_CHECKS_AFTER_PAYMENT; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await refreshMe();
      if (meRef.current.balance !== before) return;
    }
  };
  const closeRegenerate = useCallback(() => setRegenerating(undefined), []);
  const closeViewer = useCallback(() => setViewing(undefined), []);
  const viewed = viewing ? feed.state.items.find((item) => item.id === viewing.id) : undefined;
  const { state } = feed;

  return (
    <div className="home">
      <header className="topbar">
        <h1>{t("miniapp-title")}</h1>
        <div className="wallet" data-testid="wallet">
          {me.trialsLeft > 0 && <span className="pill trial">{t("miniapp-free-left", { count: me.trialsLeft })}</span>}
          <span className="pill">{credits(t, me.balance)}</span>
          <button type="button" className="pill action" onClick={() => setToppingUp(true)}>
            + {t("miniapp-top-up")}
          </button>
        </div>
      </header>
      <div className="feed" ref={list} data-testid="feed" aria-busy={state.loading}>
        {state.loaded && state.items.length === 0 && <p className="empty">{t("miniapp-feed-empty")}</p>}
        {state.items.map((item) => (
          <GenerationCard key={item.id} item={item} actions={actions} />
        ))}
        <div ref={sentinel} className="sentinel" />
        {state.loading && <p className="hint center">{state.loaded ? t("miniapp-loading-more") : t("miniapp-loading")}</p>}
        {state.failed && (
          <p className="center">
            <button type="button" className="secondary" onClick={feed.reload}>
              {t("miniapp-retry")}
            </button>
          </p>
        )}
      </div>
      <Composer api={api} me={me} onStarted={onStarted} onNeedTopUp={() => setToppingUp(true)} toast={toast} />
      {viewed && viewing && <Viewer item={viewed} index={viewing.index} onClose={closeViewer} actions={actions} />}
      {regenerating && (
        <RegenerateSheet api={api} item={regenerating} onStarted={onStarted} onNeedTopUp={() => setToppingUp(true)} onClose={closeRegenerate} toast={toast} />
      )}
      {toppingUp && <TopUpSheet api={api} me={me} onPaid={() => void afterPayment()} onClose={() => setToppingUp(false)} toast={toast} />}
      <Toasts toasts={toasts} onDismiss={dismiss} />
    </div>
  );
}

/** The clipboard API is missing in some Telegram web views; the old way still works there. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    // execCommand is deprecated but the only fallback where navigator.clipboard is refused.
    const copied = document.execCommand("copy");
    area.remove();
    return copied;
  }
}
