import type { Message } from "grammy/types";
import { badRequest } from "../api-error.js";
import { checkCaption, checkMessageText, formatText } from "../validation/formatted-text.js";
import { readReplyMarkup } from "../validation/reply-markup.js";
import { readReplyTarget, sendBotMessage } from "./bot-message.js";
import type { MethodHandler } from "./method-context.js";

/** Kinds of messages copyMessage can copy; service messages and invoices cannot be copied. */
const COPYABLE = ["text", "photo", "document"] as const;

/** sendMessage and copyMessage. */
export const messageMethods: Record<string, MethodHandler> = {
  sendMessage: ({ bot, params }) => {
    const raw = params.string("text") ?? "";
    if (raw === "") throw badRequest("message text is empty");
    const formatted = formatText(raw, params.string("parse_mode"), params.json("entities", "can't parse entities JSON object"));
    checkMessageText(formatted);
    const markup = readReplyMarkup(params, { inlineOnly: false });
    const chat = bot.chats.resolveWritable(params.chatId());
    return sendBotMessage(bot, chat, { ...formatted, ...readReplyTarget(params, chat) }, markup);
  },

  copyMessage: ({ bot, params }) => {
    const markup = readReplyMarkup(params, { inlineOnly: false });
    const source = bot.chats.resolve(params.chatId("from_chat_id"));
    const original = source.get(params.messageId())?.message;
    if (original === undefined) throw badRequest("message to copy not found");
    if (!COPYABLE.some((kind) => original[kind] !== undefined)) throw badRequest("message can't be copied");
    const content: Partial<Message> = {};
    if (original.text !== undefined) {
      content.text = original.text;
      if (original.entities !== undefined) content.entities = original.entities;
    } else {
      if (original.photo !== undefined) content.photo = original.photo;
      if (original.document !== undefined) content.document = original.document;
      const captionOverride = params.string("caption");
      const caption =
        captionOverride !== undefined
          ? formatText(captionOverride, params.string("parse_mode"), params.json("caption_entities", "can't parse entities JSON object"))
          : { text: original.caption ?? "", entities: original.caption_entities };
      checkCaption(caption);
      if (caption.text !== "") {
        content.caption = caption.text;
        if (caption.entities !== undefined) content.caption_entities = caption.entities;
      }
    }
    const target = bot.chats.resolveWritable(params.chatId());
    const copy = sendBotMessage(bot, target, { ...content, ...readReplyTarget(params, target) }, markup);
    return { message_id: copy.message_id };
  },
};
