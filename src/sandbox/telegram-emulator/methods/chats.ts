import type { ChatFullInfo } from "grammy/types";
import { badRequest } from "../api-error.js";
import type { MethodHandler } from "./method-context.js";

const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);

/** What getChat adds to every chat; the emulator has no profile photos, bios or gift settings. */
const FULL_INFO_DEFAULTS = {
  accent_color_id: 0,
  max_reaction_count: 11,
  accepted_gift_types: {
    unlimited_gifts: false,
    limited_gifts: false,
    unique_gifts: false,
    premium_subscription: false,
    gifts_from_channels: false,
  },
};

/** sendChatAction and getChat. */
export const chatMethods: Record<string, MethodHandler> = {
  sendChatAction: ({ bot, params }) => {
    const action = params.string("action") ?? "";
    if (!CHAT_ACTIONS.has(action)) throw badRequest("wrong parameter action in request");
    const chat = bot.chats.resolveWritable(params.chatId());
    bot.noteChatAction(chat, action);
    return true;
  },

  getChat: ({ bot, params }): ChatFullInfo => {
    const chat = bot.chats.resolve(params.chatId());
    return { ...chat.chat, ...FULL_INFO_DEFAULTS } as ChatFullInfo;
  },
};
