import type { Message } from "grammy/types";
import { badRequest } from "../api-error.js";
import { nextMediaGroupId } from "../ids.js";
import { checkCaption, type FormattedText, formatText } from "../validation/formatted-text.js";
import type { Params } from "../validation/params.js";
import { readReplyMarkup } from "../validation/reply-markup.js";
import { readReplyTarget, sendBotMessage } from "./bot-message.js";
import { commitEdit, editableMessage, readEditMarkup } from "./edit-target.js";
import { documentFromSource, type InputFileSource, photoFromSource, readInputFile } from "./input-files.js";
import type { MethodContext, MethodHandler } from "./method-context.js";

function readCaption(params: Params): FormattedText {
  const caption = formatText(
    params.string("caption") ?? "",
    params.string("parse_mode"),
    params.json("caption_entities", "can't parse entities JSON object"),
  );
  checkCaption(caption);
  return caption;
}

function captionFields(caption: FormattedText): Partial<Message> {
  if (caption.text === "") return {};
  return caption.entities === undefined
    ? { caption: caption.text }
    : { caption: caption.text, caption_entities: caption.entities };
}

/** One validated item of sendMediaGroup's media array. */
interface AlbumEntry {
  type: "photo" | "document";
  source: InputFileSource;
  caption: FormattedText;
}

function readAlbum(ctx: MethodContext): AlbumEntry[] {
  const media = ctx.params.json("media", "can't parse media JSON object");
  if (media === undefined) throw badRequest('parameter "media" is required');
  if (!Array.isArray(media) || media.length === 0) throw badRequest("there are no messages to send");
  if (media.length > 10) throw badRequest("too many messages to send as an album");
  // Telegram documents 2-10 items; a single item would not form an album, so the emulator refuses it.
  if (media.length < 2) throw badRequest("media must include 2-10 items");
  const entries = media.map((item: unknown): AlbumEntry => {
    const fields = (typeof item === "object" && item !== null ? item : {}) as Record<string, unknown>;
    const type = fields.type;
    if (type !== "photo" && type !== "document") {
      throw badRequest(`can't parse InputMedia: type "${String(type)}" is not supported by the emulator`);
    }
    const caption = formatText(
      typeof fields.caption === "string" ? fields.caption : "",
      typeof fields.parse_mode === "string" ? fields.parse_mode : undefined,
      fields.caption_entities,
    );
    checkCaption(caption);
    const source = readInputFile(
      ctx,
      typeof fields.media === "string" ? fields.media : undefined,
      undefined,
      () => badRequest("can't parse InputMedia: media not found"),
    );
    return { type, source, caption };
  });
  const documents = entries.filter((entry) => entry.type === "document").length;
  if (documents > 0 && documents < entries.length) throw badRequest("document can't be mixed with other media types");
  return entries;
}

/**
 * editMessageMedia on the bot's own photo or document message: the media, caption and markup are
 * replaced. As on Telegram, a message of an album can only become the album's kind (a document stays a
 * document; a photo stays a photo, since the emulator has no videos).
 */
async function editMessageMedia(ctx: MethodContext): Promise<Message> {
  const { bot, params } = ctx;
  const raw = params.json("media", "can't parse InputMedia JSON object");
  const fields = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  const type = fields.type;
  if (type !== "photo" && type !== "document") throw badRequest(`can't parse InputMedia: type "${String(type)}" is not supported by the emulator`);
  const caption = formatText(
    typeof fields.caption === "string" ? fields.caption : "",
    typeof fields.parse_mode === "string" ? fields.parse_mode : undefined,
    fields.caption_entities,
  );
  checkCaption(caption);
  const markup = readEditMarkup(params);
  const stored = editableMessage(bot, params);
  const message = stored.message;
  if (message.photo === undefined && message.document === undefined) throw badRequest("there is no media in the message to edit");
  if (message.media_group_id !== undefined && (message.document !== undefined) !== (type === "document")) {
    throw badRequest("can't change the media type of a message in an album");
  }
  const source = readInputFile(ctx, typeof fields.media === "string" ? fields.media : undefined, undefined, () =>
    badRequest("can't parse InputMedia: media not found"),
  );
  const newFileId = type === "photo" ? (await photoFromSource(ctx, source)).at(-1)?.file_id : documentFromSource(ctx, source).file_id;
  const oldFileId = message.photo?.at(-1)?.file_id ?? message.document?.file_id;
  if (newFileId === oldFileId && (message.caption ?? "") === caption.text) throw badRequest("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
  delete message.photo;
  delete message.document;
  delete message.caption;
  delete message.caption_entities;
  if (type === "photo") message.photo = await photoFromSource(ctx, source);
  else message.document = documentFromSource(ctx, source);
  Object.assign(message, captionFields(caption));
  return commitEdit(bot, stored, markup);
}

/** sendPhoto, sendDocument, sendMediaGroup and editMessageMedia. */
export const mediaMethods: Record<string, MethodHandler> = {
  sendPhoto: async (ctx) => {
    const { bot, params } = ctx;
    const caption = readCaption(params);
    const markup = readReplyMarkup(params, { inlineOnly: false });
    const source = readInputFile(ctx, params.string("photo"), "photo", () => badRequest("there is no photo in the request"));
    const chat = bot.chats.resolveWritable(params.chatId());
    const replyTarget = readReplyTarget(params, chat);
    const photo = await photoFromSource(ctx, source);
    return sendBotMessage(bot, chat, { photo, ...captionFields(caption), ...replyTarget }, markup);
  },

  sendDocument: (ctx) => {
    const { bot, params } = ctx;
    const caption = readCaption(params);
    const markup = readReplyMarkup(params, { inlineOnly: false });
    const source = readInputFile(ctx, params.string("document"), "document", () =>
      badRequest("there is no document in the request"),
    );
    const chat = bot.chats.resolveWritable(params.chatId());
    const replyTarget = readReplyTarget(params, chat);
    const document = documentFromSource(ctx, source);
    return sendBotMessage(bot, chat, { document, ...captionFields(caption), ...replyTarget }, markup);
  },

  sendMediaGroup: async (ctx) => {
    const { bot, params } = ctx;
    const entries = readAlbum(ctx);
    const chat = bot.chats.resolveWritable(params.chatId());
    const replyTarget = readReplyTarget(params, chat);
    const contents: Array<Partial<Message>> = [];
    for (const entry of entries) {
      const media =
        entry.type === "photo"
          ? { photo: await photoFromSource(ctx, entry.source) }
          : { document: documentFromSource(ctx, entry.source) };
      contents.push({ ...media, ...captionFields(entry.caption) });
    }
    const groupId = nextMediaGroupId();
    return contents.map((content) =>
      sendBotMessage(bot, chat, { ...content, media_group_id: groupId, ...replyTarget }, undefined),
    );
  },

  editMessageMedia,
};
