import type { Chat, User } from "grammy/types";
import { badRequest, blockedByUser } from "./api-error.js";
import { ChatState } from "./chat-state.js";
import { createNumericIdSource } from "./ids.js";
import type { UserProfile } from "./types.js";

/**
 * The chats a bot can write to: private chats of users who contacted it, groups it saw messages from,
 * and channels a test registered. Anything else is "chat not found", as for a real bot.
 */
export class ChatRegistry {
  private readonly chats = new Map<number, ChatState>();
  private readonly chatInstances = createNumericIdSource();

  get(chatId: number): ChatState | undefined {
    return this.chats.get(chatId);
  }

  /** Makes the chat known; the chat object of the first registration is kept. */
  ensure(chat: Chat): ChatState {
    const existing = this.chats.get(chat.id);
    if (existing !== undefined) return existing;
    const state = new ChatState(chat, this.chatInstances());
    this.chats.set(chat.id, state);
    return state;
  }

  /** The chat a bot request names by id or @username. */
  resolve(chatId: number | string): ChatState {
    const state =
      typeof chatId === "number"
        ? this.chats.get(chatId)
        : [...this.chats.values()].find(
            (candidate) =>
              candidate.chat.username !== undefined &&
              `@${candidate.chat.username}`.toLowerCase() === chatId.toLowerCase(),
          );
    if (state === undefined) throw badRequest("chat not found");
    return state;
  }

  /** The chat a bot wants to send to or change, refusing private chats whose user blocked the bot. */
  resolveWritable(chatId: number | string): ChatState {
    const state = this.resolve(chatId);
    if (state.blocked) throw blockedByUser();
    return state;
  }
}

/** The private chat between the bot and a user, as Telegram describes it in messages. */
export function privateChatOf(user: User): Chat.PrivateChat {
  const chat: Chat.PrivateChat = { id: user.id, type: "private", first_name: user.first_name };
  if (user.last_name !== undefined) chat.last_name = user.last_name;
  if (user.username !== undefined) chat.username = user.username;
  return chat;
}

/** A simulated user as the Bot API shows users, fields in Telegram's order. */
export function userFromProfile(profile: UserProfile): User {
  const { id, first_name, ...optional } = profile;
  return { id, is_bot: false, first_name, ...optional };
}
