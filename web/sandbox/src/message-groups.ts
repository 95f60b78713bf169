import type { ChatMessageView } from "../../../src/sandbox/chat-page/api-types.js";

/** What the message list renders, in order. */
export type ChatItem =
  | { kind: "day"; key: string; date: number }
  | { kind: "service"; key: string; message: ChatMessageView }
  | { kind: "bubble"; key: string; messages: ChatMessageView[] };

/**
 * Groups messages the way Telegram shows them: a day separator when the date changes, payment service
 * messages centred, and consecutive items of one media group in a single bubble.
 */
export function chatItems(messages: readonly ChatMessageView[]): ChatItem[] {
  const items: ChatItem[] = [];
  let lastDay = "";
  for (const message of messages) {
    const day = new Date(message.date * 1000).toDateString();
    if (day !== lastDay) {
      items.push({ kind: "day", key: `day-${day}`, date: message.date });
      lastDay = day;
    }
    if (message.payment !== undefined) {
      items.push({ kind: "service", key: `m-${message.id}`, message });
      continue;
    }
    const previous = items.at(-1);
    if (previous?.kind === "bubble" && sameAlbum(previous.messages[0], message)) previous.messages.push(message);
    else items.push({ kind: "bubble", key: `m-${message.id}`, messages: [message] });
  }
  return items;
}

function sameAlbum(first: ChatMessageView | undefined, next: ChatMessageView): boolean {
  return first !== undefined && next.mediaGroupId !== undefined && first.mediaGroupId === next.mediaGroupId && first.from === next.from;
}
