import type { BroadcastRow, TextEntity } from "../../db/schema/index.js";
import { ServiceNoticeContentError } from "./broadcast-errors.js";

/**
 * Essential service notices (privacy policy 2.3 "notify you about changes to our policies", 6.3): the
 * one kind of broadcast that also reaches users who turned broadcasts off. So that it cannot pass for
 * news, every copy starts with a bold line in the recipient's language ("🔔 Service notice"), and an
 * admin has to confirm explicitly that the message is one; the start is audited with the flag.
 */

/** The text of a message (or a media caption) with its entities, as Telegram gave it. */
export interface SourceContent {
  text: string;
  entities: TextEntity[];
}

/** Telegram's limits after entity parsing: a message text, a media caption. */
const TEXT_MAX = 4096;
const CAPTION_MAX = 1024;
/**
 * Room kept for the marking line and the blank line under it. The labels of every language must fit
 * (test/domain/broadcasts/service-notice.test.ts), so a notice accepted here is never refused by
 * Telegram for its length, whatever language a recipient speaks.
 */
export const SERVICE_NOTICE_LABEL_MAX = 48;

/** What a recipient's copy is: a text message, or the admin's media with a new caption. */
export type ServiceNoticeMessage = { kind: "text"; text: string; entities: TextEntity[] } | { kind: "caption"; caption: string; entities: TextEntity[] };

/** What a draft keeps of the admin's message: its text, else its caption (empty when it has none). */
export function sourceContentOf(message: {
  text?: string | undefined;
  entities?: readonly EntityLike[] | undefined;
  caption?: string | undefined;
  caption_entities?: readonly EntityLike[] | undefined;
}): SourceContent {
  const copy = (entities: readonly EntityLike[] | undefined): TextEntity[] => (entities ?? []).map((e) => ({ ...e }));
  if (message.text !== undefined) return { text: message.text, entities: copy(message.entities) };
  return { text: message.caption ?? "", entities: copy(message.caption_entities) };
}

/** Any of Telegram's entity shapes (the Bot API types are interfaces without an index signature). */
type EntityLike = Pick<TextEntity, "type" | "offset" | "length">;

/**
 * Refuses a draft that cannot be a service notice: a sticker carries no text to mark, a draft made
 * before the text was kept cannot be rebuilt, and a text near Telegram's limit would be refused once
 * the marking line is added.
 */
export function checkServiceNoticeContent(broadcast: Pick<BroadcastRow, "contentKind" | "sourceText">): void {
  if (broadcast.contentKind === "sticker") throw new ServiceNoticeContentError("sticker");
  if (broadcast.sourceText === null) throw new ServiceNoticeContentError("source_missing");
  const max = (broadcast.contentKind === "text" ? TEXT_MAX : CAPTION_MAX) - SERVICE_NOTICE_LABEL_MAX;
  if (broadcast.sourceText.length > max) throw new ServiceNoticeContentError("too_long", max);
}

/**
 * The admin's text under the marking line: the label in bold, a blank line, then the text with every
 * entity moved down by what was put in front of it (offsets count UTF-16 units, as String.length does).
 */
export function markedContent(source: SourceContent, label: string): SourceContent {
  const head = source.text === "" ? label : `${label}\n\n`;
  const shift = head.length;
  return {
    text: head + source.text,
    entities: [{ type: "bold", offset: 0, length: label.length }, ...source.entities.map((e) => ({ ...e, offset: e.offset + shift }))],
  };
}

/** A recipient's copy of a service notice, with the label in their language. */
export function serviceNoticeMessage(broadcast: Pick<BroadcastRow, "contentKind" | "sourceText" | "sourceEntities">, label: string): ServiceNoticeMessage {
  checkServiceNoticeContent(broadcast);
  const marked = markedContent({ text: broadcast.sourceText ?? "", entities: broadcast.sourceEntities ?? [] }, label);
  return broadcast.contentKind === "text"
    ? { kind: "text", text: marked.text, entities: marked.entities }
    : { kind: "caption", caption: marked.text, entities: marked.entities };
}
