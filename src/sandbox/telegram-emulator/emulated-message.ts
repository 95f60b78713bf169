import type { StoredMessage } from "./chat-state.js";
import type { EmulatedMessage } from "./types.js";

/** A detached snapshot of a stored message in the shape tests read. */
export function toEmulatedMessage(stored: StoredMessage): EmulatedMessage {
  const message = structuredClone(stored.message);
  const view: EmulatedMessage = {
    message_id: message.message_id,
    chat_id: message.chat.id,
    from: stored.from,
    date: message.date,
    edited: stored.edited,
    message,
  };
  if (message.text !== undefined) view.text = message.text;
  if (message.caption !== undefined) view.caption = message.caption;
  const entities = message.entities ?? message.caption_entities;
  if (entities !== undefined) view.entities = entities;
  if (stored.markup !== undefined) view.reply_markup = structuredClone(stored.markup);
  if (message.photo !== undefined) view.photo = message.photo;
  if (message.document !== undefined) view.document = message.document;
  if (message.invoice !== undefined) view.invoice = message.invoice;
  if (message.successful_payment !== undefined) view.successful_payment = message.successful_payment;
  if (message.refunded_payment !== undefined) view.refunded_payment = message.refunded_payment;
  if (message.media_group_id !== undefined) view.media_group_id = message.media_group_id;
  return view;
}
