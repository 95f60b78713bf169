import type { InlineKeyboardButton, KeyboardButton, PhotoSize } from "grammy/types";
import type { AnyReplyMarkup, EmulatedMessage } from "../telegram-emulator/index.js";
import type { ButtonView, ChatMessageView, PhotoView, ReplyKeyboardView, TextEntity } from "./api-types.js";

/** Chat bubbles are at most this wide on screen; bigger originals are only opened or downloaded. */
const MAX_BUBBLE_PHOTO_SIDE = 1600;

/**
 * The page's view of an emulator message. It carries file ids, never download URLs: those contain the
 * bot token, so the page fetches files through /sandbox/api/files/:fileId.
 */
export function toMessageView(message: EmulatedMessage, invoicePaid: boolean): ChatMessageView {
  const view: ChatMessageView = { id: message.message_id, from: message.from, date: message.date, edited: message.edited };
  const text = message.text ?? message.caption;
  if (text !== undefined) view.text = text;
  if (message.entities !== undefined && message.entities.length > 0) view.entities = message.entities.map(toTextEntity);
  if (message.photo !== undefined) {
    const photo = photoView(message.photo);
    if (photo !== undefined) view.photo = photo;
  }
  if (message.document !== undefined) {
    const { file_id, file_name, mime_type, file_size } = message.document;
    view.document = { fileId: file_id, fileName: file_name ?? "file" };
    if (mime_type !== undefined) view.document.mimeType = mime_type;
    if (file_size !== undefined) view.document.size = file_size;
  }
  if (message.media_group_id !== undefined) view.mediaGroupId = message.media_group_id;
  if (message.invoice !== undefined) {
    const { title, description, currency, total_amount } = message.invoice;
    view.invoice = { title, description, currency, totalAmount: total_amount, paid: invoicePaid };
  }
  const payment = message.successful_payment ?? message.refunded_payment;
  if (payment !== undefined) {
    view.payment = {
      kind: message.successful_payment !== undefined ? "paid" : "refunded",
      currency: payment.currency,
      totalAmount: payment.total_amount,
      chargeId: payment.telegram_payment_charge_id,
    };
  }
  addMarkup(view, message.reply_markup);
  return view;
}

function toTextEntity(entity: { type: string; offset: number; length: number; url?: string; language?: string }): TextEntity {
  const view: TextEntity = { type: entity.type, offset: entity.offset, length: entity.length };
  if (entity.url !== undefined) view.url = entity.url;
  if (entity.language !== undefined) view.language = entity.language;
  return view;
}

function photoView(sizes: PhotoSize[]): PhotoView | undefined {
  const original = sizes.at(-1);
  if (original === undefined) return undefined;
  const shown = sizes.filter((size) => Math.max(size.width, size.height) <= MAX_BUBBLE_PHOTO_SIDE).at(-1) ?? original;
  return { fileId: shown.file_id, width: shown.width, height: shown.height, originalFileId: original.file_id };
}

function addMarkup(view: ChatMessageView, markup: AnyReplyMarkup | undefined): void {
  if (markup === undefined) return;
  if ("inline_keyboard" in markup) {
    view.inlineKeyboard = markup.inline_keyboard.map((row) => row.map(buttonView));
  } else if ("keyboard" in markup) {
    const keyboard: ReplyKeyboardView = {
      kind: "keyboard",
      rows: markup.keyboard.map((row) => row.map(keyboardButtonText)),
      oneTime: markup.one_time_keyboard === true,
    };
    if (markup.input_field_placeholder !== undefined) keyboard.placeholder = markup.input_field_placeholder;
    view.replyKeyboard = keyboard;
  } else if ("remove_keyboard" in markup) {
    view.replyKeyboard = { kind: "remove" };
  }
}

function buttonView(button: InlineKeyboardButton): ButtonView {
  if ("callback_data" in button) return { text: button.text, kind: "callback" };
  if ("url" in button) return { text: button.text, kind: "url", url: button.url };
  if ("web_app" in button) return { text: button.text, kind: "web_app" };
  if ("pay" in button) return { text: button.text, kind: "pay" };
  if ("copy_text" in button) return { text: button.text, kind: "copy_text", copyText: button.copy_text.text };
  return { text: button.text, kind: "unsupported" };
}

function keyboardButtonText(button: KeyboardButton): string {
  return typeof button === "string" ? button : button.text;
}
