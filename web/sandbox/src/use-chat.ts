import { useEffect, useReducer, type Dispatch } from "react";
import type { ChatEvents } from "../../../src/sandbox/chat-page/api-types.js";
import { apiUrl } from "./api-client.js";
import { chatReducer, initialChatState, type ChatAction, type ChatState } from "./chat-state.js";

/**
 * The live chat of one simulated user: subscribes to the server-sent events and keeps the state. On a
 * reconnect the stream starts with the full history again, so nothing missed while offline is lost.
 */
export function useChat(userId: number | undefined): [ChatState, Dispatch<ChatAction>] {
  const [state, dispatch] = useReducer(chatReducer, initialChatState);

  useEffect(() => {
    dispatch({ type: "reset" });
    if (userId === undefined) return;
    const source = new EventSource(apiUrl(`users/${userId}/events`));
    const on = <K extends keyof ChatEvents>(name: K, handle: (data: ChatEvents[K]) => void) =>
      source.addEventListener(name, (event) => handle(JSON.parse((event as MessageEvent<string>).data) as ChatEvents[K]));
    on("history", ({ messages }) => dispatch({ type: "history", messages }));
    on("message", (message) => dispatch({ type: "upsert", message }));
    on("edit", (message) => dispatch({ type: "upsert", message }));
    on("delete", ({ messageId }) => dispatch({ type: "delete", messageId }));
    on("chat_action", ({ action, at }) => dispatch({ type: "chat_action", action, at }));
    source.onerror = () => dispatch({ type: "connection", connected: false });
    return () => source.close();
  }, [userId]);

  const until = state.chatAction?.until;
  useEffect(() => {
    if (until === undefined) return;
    const timer = setTimeout(() => dispatch({ type: "chat_action_expired" }), Math.max(0, until - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [until]);

  return [state, dispatch];
}
