import type { Message, User } from "grammy/types";
import type { ChatState } from "./chat-state.js";
import { unixNow } from "./clock.js";

/**
 * A new Message in the chat with the next message id. Channel posts have no `from` but the channel as
 * sender_chat, as the Bot API shows them.
 */
export function newMessage(chat: ChatState, sender: User, content: Partial<Message>): Message {
  const base = { message_id: chat.allocateMessageId(), date: unixNow(), chat: chat.chat };
  const author = chat.chat.type === "channel" ? { sender_chat: chat.chat } : { from: sender };
  return { ...base, ...author, ...content } as Message;
}
