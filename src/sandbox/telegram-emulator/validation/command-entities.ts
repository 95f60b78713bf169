import type { MessageEntity } from "grammy/types";

const COMMAND = /\/[a-zA-Z0-9_]{1,64}(?:@[a-zA-Z0-9_]{3,32})?/g;
const WORD_CHAR = /[\p{L}\p{N}_]/u;

function blocksCommand(ch: string | undefined): boolean {
  return ch !== undefined && (WORD_CHAR.test(ch) || ch === "/" || ch === "<" || ch === ">");
}

/**
 * The bot_command entities Telegram adds to a user's text, following TDLib's match_bot_commands: a
 * slash command not glued to a word, `/`, `<` or `>` on either side, optionally addressed @bot.
 */
export function botCommandEntities(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  for (const match of text.matchAll(COMMAND)) {
    const start = match.index;
    const end = start + match[0].length;
    if (blocksCommand(text[start - 1]) || blocksCommand(text[end])) continue;
    entities.push({ type: "bot_command", offset: start, length: end - start });
  }
  return entities;
}
