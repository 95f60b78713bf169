import { isDeepStrictEqual } from "node:util";
import type { InlineKeyboardMarkup, Message, MessageEntity } from "grammy/types";
import { badRequest } from "../api-error.js";
import type { StoredMessage } from "../chat-state.js";
import type { EmulatedBotImpl } from "../emulated-bot.js";
import { checkCaption, checkMessageText, formatText } from "../validation/formatted-text.js";
import { commitEdit, editableMessage, readEditMarkup } from "./edit-target.js";
import type { MethodHandler } from "./method-context.js";

const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

function applyEdit(
  bot: EmulatedBotImpl,
  stored: StoredMessage,
  changes: { field: "text" | "caption"; text: string; entities: MessageEntity[] | undefined } | undefined,
  markup: InlineKeyboardMarkup | undefined,
): Message {
  const message = stored.message;
  const entitiesField = changes?.field === "caption" ? "caption_entities" : "entities";
  const unchanged =
    (changes === undefined ||
      ((message[changes.field] ?? "") === changes.text &&
        isDeepStrictEqual(message[entitiesField] ?? [], changes.entities ?? []))) &&
    isDeepStrictEqual(message.reply_markup, markup);
  if (unchanged) throw badRequest(NOT_MODIFIED);

  if (changes !== undefined) {
    if (changes.text === "") delete message[changes.field];
    else message[changes.field] = changes.text;
    if (changes.entities === undefined || changes.entities.length === 0) delete message[entitiesField];
    else message[entitiesField] = changes.entities;
  }
  return commitEdit(bot, stored, markup);
}

/** editMessageText, editMessageCaption, editMessageReplyMarkup and deleteMessage. */
export const editingMethods: Record<string, MethodHandler> = {
  editMessageText: ({ bot, params }) => {
    const raw = params.string("text") ?? "";
    if (raw === "") throw badRequest("message text is empty");
    const formatted = formatText(raw, params.string("parse_mode"), params.json("entities", "can't parse entities JSON object"));
    checkMessageText(formatted);
    const markup = readEditMarkup(params);
    const stored = editableMessage(bot, params);
    if (stored.message.text === undefined) throw badRequest("there is no text in the message to edit");
    return applyEdit(bot, stored, { field: "text", text: formatted.text, entities: formatted.entities }, markup);
  },

  editMessageCaption: ({ bot, params }) => {
    const formatted = formatText(
      params.string("caption") ?? "",
      params.string("parse_mode"),
      params.json("caption_entities", "can't parse entities JSON object"),
    );
    checkCaption(formatted);
    const markup = readEditMarkup(params);
    const stored = editableMessage(bot, params);
    if (stored.message.photo === undefined && stored.message.document === undefined) {
      throw badRequest("there is no caption in the message to edit");
    }
    return applyEdit(bot, stored, { field: "caption", text: formatted.text, entities: formatted.entities }, markup);
  },

  editMessageReplyMarkup: ({ bot, params }) => {
    const markup = readEditMarkup(params);
    return applyEdit(bot, editableMessage(bot, params), undefined, markup);
  },

  deleteMessage: ({ bot, params }) => {
    const chat = bot.chats.resolve(params.chatId());
    const messageId = params.messageId();
    if (!chat.remove(messageId)) throw badRequest("message to delete not found");
    bot.noteDelete(chat.chat.id, messageId);
    return true;
  },
};
