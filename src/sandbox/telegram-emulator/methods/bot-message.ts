import type { Message } from "grammy/types";
import { badRequest } from "../api-error.js";
import type { ChatState } from "../chat-state.js";
import type { EmulatedBotImpl } from "../emulated-bot.js";
import { newMessage } from "../message-factory.js";
import type { AnyReplyMarkup } from "../types.js";
import type { Params } from "../validation/params.js";

/**
 * The reply_to_message of a new message, from reply_parameters or the legacy reply_to_message_id.
 * A missing target fails like on Telegram unless allow_sending_without_reply is set.
 */
export function readReplyTarget(params: Params, chat: ChatState): Partial<Message> {
  const replyParameters = params.json("reply_parameters", "can't parse reply parameters JSON object") as
    | { message_id?: unknown; allow_sending_without_reply?: unknown }
    | undefined;
  const messageId = Number(replyParameters?.message_id ?? params.integer("reply_to_message_id") ?? 0);
  if (!messageId) return {};
  const target = chat.get(messageId);
  if (target === undefined) {
    const tolerate = replyParameters?.allow_sending_without_reply === true || params.boolean("allow_sending_without_reply");
    if (tolerate) return {};
    throw badRequest("message to be replied not found");
  }
  const { reply_to_message: _nested, ...replied } = structuredClone(target.message);
  return { reply_to_message: replied as Message["reply_to_message"] };
}

/**
 * Stores a message the bot sent and returns it as the API result. Only inline keyboards are part of
 * the Message object; other markup is kept beside it for tests.
 */
export function sendBotMessage(
  bot: EmulatedBotImpl,
  chat: ChatState,
  content: Partial<Message>,
  markup: AnyReplyMarkup | undefined,
): Message {
  const inline = markup !== undefined && "inline_keyboard" in markup ? { reply_markup: markup } : {};
  const message = newMessage(chat, bot.botUser, { ...content, ...inline });
  bot.storeMessage(chat, { message, from: "bot", edited: false, markup });
  return message;
}
