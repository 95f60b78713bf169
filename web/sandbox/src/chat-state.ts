import type { ChatMessageView } from "../../../src/sandbox/chat-page/api-types.js";

/** Telegram shows a chat action for 5 s unless the bot sends something sooner. */
export const CHAT_ACTION_MS = 5_000;

/** One chat as the page shows it: messages by id order, the current chat action, the connection. */
export interface ChatState {
  messages: ChatMessageView[];
  chatAction: { action: string; until: number } | undefined;
  connected: boolean;
  /** False until the first history arrives, so an empty chat is not mistaken for a loading one. */
  loaded: boolean;
}

export type ChatAction =
  | { type: "reset" }
  | { type: "connection"; connected: boolean }
  | { type: "history"; messages: ChatMessageView[] }
  | { type: "upsert"; message: ChatMessageView }
  | { type: "delete"; messageId: number }
  | { type: "chat_action"; action: string; at: number }
  | { type: "chat_action_expired" }
  | { type: "invoice_paid"; messageId: number };

export const initialChatState: ChatState = { messages: [], chatAction: undefined, connected: false, loaded: false };

/** Applies the chat's server-sent events; edits replace a message in place, keeping its position. */
export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case "reset":
      return initialChatState;
    case "connection":
      return { ...state, connected: action.connected };
    case "history":
      return { ...state, messages: [...action.messages].sort((a, b) => a.id - b.id), loaded: true, connected: true };
    case "upsert": {
      const others = state.messages.filter((m) => m.id !== action.message.id);
      const messages = [...others, action.message].sort((a, b) => a.id - b.id);
      // A message from the bot ends its "typing…", as in Telegram.
      const chatAction = action.message.from === "bot" ? undefined : state.chatAction;
      return { ...state, messages, chatAction };
    }
    case "delete":
      return { ...state, messages: state.messages.filter((m) => m.id !== action.messageId) };
    case "chat_action":
      return { ...state, chatAction: { action: action.action, until: action.at + CHAT_ACTION_MS } };
    case "chat_action_expired":
      return state.chatAction !== undefined && state.chatAction.until <= Date.now() ? { ...state, chatAction: undefined } : state;
    case "invoice_paid":
      return {
        ...state,
        messages: state.messages.map((m) => (m.id === action.messageId && m.invoice ? { ...m, invoice: { ...m.invoice, paid: true } } : m)),
      };
  }
}
