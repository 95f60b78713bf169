import type { Chat, Message } from "grammy/types";
import type { AnyReplyMarkup } from "./types.js";

/** A message in the emulator's memory: the current Bot API object plus what Telegram keeps beside it. */
export interface StoredMessage {
  message: Message;
  from: "bot" | "user";
  edited: boolean;
  /** The markup as sent; reply keyboards are not part of the Message object but tests want to see them. */
  markup?: AnyReplyMarkup;
}

/** One chat between the bot and a user, group or channel: its messages and per-chat Telegram state. */
export class ChatState {
  blocked = false;
  chatAction?: { action: string; at: number };
  private nextMessageId = 1;
  private readonly messages = new Map<number, StoredMessage>();

  constructor(
    readonly chat: Chat,
    /** callback_query.chat_instance: stable per chat, opaque to the bot. */
    readonly chatInstance: string,
  ) {}

  /** Message ids are per chat and shared by both sides, as in Telegram private chats. */
  allocateMessageId(): number {
    return this.nextMessageId++;
  }

  /** Keeps ids unique when a test pushes raw updates with its own message ids. */
  reserveMessageId(id: number): void {
    this.nextMessageId = Math.max(this.nextMessageId, id + 1);
  }

  add(stored: StoredMessage): void {
    this.reserveMessageId(stored.message.message_id);
    this.messages.set(stored.message.message_id, stored);
  }

  get(messageId: number): StoredMessage | undefined {
    return this.messages.get(messageId);
  }

  remove(messageId: number): boolean {
    return this.messages.delete(messageId);
  }

  all(): StoredMessage[] {
    return [...this.messages.values()];
  }
}
