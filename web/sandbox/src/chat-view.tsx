import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { BotInfoView, ButtonView, ChatMessageView, SimulatedUser } from "../../../src/sandbox/chat-page/api-types.js";
import { api } from "./api-client.js";
import { Composer } from "./composer.js";
import { chatActionLabel, formatDay, formatPrice, initial } from "./format.js";
import { MessageBubble, type MessageActions } from "./message-bubble.js";
import { chatItems } from "./message-groups.js";
import type { Notify } from "./notices.js";
import { ReplyKeyboard } from "./reply-keyboard.js";
import { useChat } from "./use-chat.js";

/** Within this many pixels of the bottom, new messages keep the list scrolled down. */
const STICK_PX = 120;

interface ChatViewProps {
  bot: BotInfoView | undefined;
  user: SimulatedUser;
  notify: Notify;
  onShowUsers(): void;
}

/** The private chat of one simulated user with the bot, live. */
export function ChatView({ bot, user, notify, onShowUsers }: ChatViewProps) {
  const [state, dispatch] = useChat(user.id);
  const [pending, setPending] = useState<string | undefined>();
  const [hiddenKeyboard, setHiddenKeyboard] = useState<number | undefined>();
  const list = useRef<HTMLDivElement>(null);
  const stack = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const lastScrollTop = useRef(0);

  // Follows the newest message unless the person scrolled up to read; images and resizes change heights too.
  const followBottom = useCallback(() => {
    if (stick.current && list.current) list.current.scrollTop = list.current.scrollHeight;
  }, []);
  useLayoutEffect(followBottom, [state.messages, followBottom]);
  useEffect(() => {
    if (list.current === null || stack.current === null) return;
    const observer = new ResizeObserver(followBottom);
    observer.observe(list.current);
    observer.observe(stack.current);
    return () => observer.disconnect();
  }, [followBottom]);

  const items = useMemo(() => chatItems(state.messages), [state.messages]);
  const keyboardMessage = useMemo(() => [...state.messages].reverse().find((m) => m.from === "bot" && m.replyKeyboard), [state.messages]);
  const shownKeyboard = keyboardMessage?.replyKeyboard;
  const replyKeyboard = shownKeyboard?.kind === "keyboard" && hiddenKeyboard !== keyboardMessage?.id ? shownKeyboard : undefined;

  const sendText = async (text: string) => {
    stick.current = true;
    await api.sendText(user.id, text);
  };

  const pay = async (message: ChatMessageView) => {
    const result = await api.pay(user.id, message.id);
    if (result.ok) {
      dispatch({ type: "invoice_paid", messageId: message.id });
      const invoice = message.invoice;
      notify.toast(invoice ? `✅ You paid ${formatPrice(invoice.totalAmount, invoice.currency)}` : "✅ Paid");
    } else if (result.timedOut) {
      notify.alert("The bot did not confirm the payment within 10 seconds, so Telegram cancelled it. Nothing was charged.");
    } else {
      notify.alert(`The bot declined the payment${result.errorMessage ? `: ${result.errorMessage}` : "."}`);
    }
  };

  const openWebApp = async (message: ChatMessageView, row: number, column: number) => {
    // Opened before the request, while the click still counts as a user gesture for the pop-up blocker.
    const tab = window.open("about:blank", "_blank");
    if (tab) tab.opener = null;
    try {
      const result = await api.press(user.id, message.id, row, column);
      if (result.kind !== "open") throw new Error("the web app button did not give a URL");
      if (tab) tab.location.href = result.url;
      else notify.alert(`Allow pop-ups to open the Mini App, or open: ${result.url}`);
    } catch (error) {
      tab?.close();
      throw error;
    }
  };

  const pressCallback = async (message: ChatMessageView, row: number, column: number) => {
    const result = await api.press(user.id, message.id, row, column);
    if (result.kind === "open") window.open(result.url, "_blank", "noopener,noreferrer");
    if (result.kind !== "answer") return;
    if (result.url !== undefined) window.open(result.url, "_blank", "noopener,noreferrer");
    if (result.text !== undefined && result.text !== "") {
      if (result.showAlert) notify.alert(result.text);
      else notify.toast(result.text);
    }
  };

  const actions: MessageActions = {
    pending,
    onCommand: (command) => void sendText(command).catch((error: unknown) => notify.toast(messageOf(error))),
    onPress(message: ChatMessageView, row: number, column: number, button: ButtonView) {
      if (button.kind === "url" && button.url !== undefined) {
        window.open(button.url, "_blank", "noopener,noreferrer");
        return;
      }
      if (button.kind === "copy_text") {
        navigator.clipboard.writeText(button.copyText ?? "").then(
          () => notify.toast("Copied to the clipboard"),
          () => notify.toast("Could not copy to the clipboard"),
        );
        return;
      }
      if (button.kind === "unsupported") {
        notify.toast(`The sandbox cannot press “${button.text}” (inline mode, login and games are not emulated).`);
        return;
      }
      if (pending !== undefined) return;
      const key = `${message.id}:${row}:${column}`;
      setPending(key);
      const run =
        button.kind === "pay" ? pay(message)
        : button.kind === "web_app" ? openWebApp(message, row, column)
        : pressCallback(message, row, column);
      run.catch((error: unknown) => notify.toast(messageOf(error))).finally(() => setPending(undefined));
    },
  };

  const status = !state.connected ? "connecting…" : state.chatAction ? chatActionLabel(state.chatAction.action) : "bot";
  return (
    <section className="chat" aria-label={`Chat of ${user.first_name} with the bot`}>
      <header className="chat-header">
        <button type="button" className="icon-button users-toggle" aria-label="Users" onClick={onShowUsers}>
          ☰
        </button>
        <span className="avatar bot-avatar">{initial(bot?.firstName ?? "B")}</span>
        <div className="chat-title">
          <div className="chat-name">{bot?.firstName ?? "Bot"}</div>
          <div className={state.chatAction ? "chat-status active" : "chat-status"} data-testid="chat-status">
            {status}
          </div>
        </div>
        <div className="chat-as" title="You are chatting as this simulated user">
          as <strong>{user.first_name}</strong>
        </div>
      </header>
      <div
        className="message-list"
        ref={list}
        onScroll={(event) => {
          // Only scrolling up detaches: scroll events arrive late, when content may have grown already.
          const el = event.currentTarget;
          if (el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX) stick.current = true;
          else if (el.scrollTop < lastScrollTop.current) stick.current = false;
          lastScrollTop.current = el.scrollTop;
        }}
      >
        <div className="message-stack" ref={stack}>
          {state.loaded && state.messages.length === 0 && (
            <div className="empty-chat">
              <p>
                This is the start of the chat of <strong>{user.first_name}</strong> with @{bot?.username ?? "the bot"}.
              </p>
              <button type="button" className="primary start-button" onClick={() => actions.onCommand("/start")}>
                START
              </button>
            </div>
          )}
          {items.map((item) =>
            item.kind === "day" ? (
              <div className="day-separator" key={item.key}>
                <span>{formatDay(item.date)}</span>
              </div>
            ) : item.kind === "service" ? (
              <ServiceMessage key={item.key} message={item.message} />
            ) : (
              <MessageBubble key={item.key} messages={item.messages} actions={actions} />
            ),
          )}
        </div>
      </div>
      {replyKeyboard !== undefined && keyboardMessage !== undefined && (
        <ReplyKeyboard
          keyboard={replyKeyboard}
          onPress={(text) => {
            if (replyKeyboard.oneTime) setHiddenKeyboard(keyboardMessage.id);
            void sendText(text).catch((error: unknown) => notify.toast(messageOf(error)));
          }}
        />
      )}
      <Composer
        placeholder={replyKeyboard?.placeholder}
        onSendText={sendText}
        onSendFiles={async (kind, files, caption) => {
          stick.current = true;
          await api.sendFiles(user.id, kind, files, caption);
        }}
        onProblem={(problem) => notify.toast(problem)}
      />
    </section>
  );
}

function ServiceMessage({ message }: { message: ChatMessageView }) {
  const payment = message.payment;
  if (payment === undefined) return null;
  const price = formatPrice(payment.totalAmount, payment.currency);
  return (
    <div className="service-message" data-message-id={message.id}>
      <span>
        {payment.kind === "paid" ? `You paid ${price}` : `${price} refunded`}
        <small className="charge-id"> · {payment.chargeId}</small>
      </span>
    </div>
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
