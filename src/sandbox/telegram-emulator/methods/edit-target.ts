import type { InlineKeyboardMarkup, Message } from "grammy/types";
import { badRequest } from "../api-error.js";
import type { StoredMessage } from "../chat-state.js";
import { unixNow } from "../clock.js";
import type { EmulatedBotImpl } from "../emulated-bot.js";
import type { Params } from "../validation/params.js";
import { readReplyMarkup } from "../validation/reply-markup.js";

/** The bot's own message named by chat_id and message_id; inline messages are not emulated. */
export function editableMessage(bot: EmulatedBotImpl, params: Params): StoredMessage {
  if (params.has("inline_message_id")) throw badRequest("inline messages are not supported by the emulator");
  const chat = bot.chats.resolveWritable(params.chatId());
  const stored = chat.get(params.messageId());
  if (stored === undefined) throw badRequest("message to edit not found");
  if (stored.from !== "bot") throw badRequest("message can't be edited");
  return stored;
}

/**
 * Editing replaces the inline keyboard too: an edit without reply_markup removes it, as on Telegram,
 * which is why the markup is read for every edit.
 */
export function readEditMarkup(params: Params): InlineKeyboardMarkup | undefined {
  return readReplyMarkup(params, { inlineOnly: true }) as InlineKeyboardMarkup | undefined;
}

/** The last step of every edit: the new keyboard (none when the edit sent none), the edit date, and the notice to watchers. */
export function commitEdit(bot: EmulatedBotImpl, stored: StoredMessage, markup: InlineKeyboardMarkup | undefined): Message {
  const message = stored.message;
  if (markup === undefined) delete message.reply_markup;
  else message.reply_markup = markup;
  stored.markup = markup;
  message.edit_date = unixNow();
  bot.noteEdit(stored);
  return message;
}
