import type { BotCommand, MenuButton } from "grammy/types";

/**
 * What a bot configures about itself through the API: command lists per scope and language, menu
 * buttons per chat, and profile texts. Stored so get* methods and tests can read them back.
 */
export class BotSettings {
  private readonly commands = new Map<string, BotCommand[]>();
  private readonly menuButtons = new Map<number | "default", MenuButton>();
  private readonly texts = new Map<string, string>();

  setCommands(scope: unknown, languageCode: string, commands: BotCommand[]): void {
    this.commands.set(commandsKey(scope, languageCode), commands);
  }

  /** Like Telegram: the list for exactly this scope and language, or an empty list. */
  getCommands(scope: unknown, languageCode: string): BotCommand[] {
    return this.commands.get(commandsKey(scope, languageCode)) ?? [];
  }

  deleteCommands(scope: unknown, languageCode: string): void {
    this.commands.delete(commandsKey(scope, languageCode));
  }

  setMenuButton(chatId: number | undefined, button: MenuButton): void {
    this.menuButtons.set(chatId ?? "default", button);
  }

  getMenuButton(chatId: number | undefined): MenuButton {
    return (
      (chatId !== undefined ? this.menuButtons.get(chatId) : undefined) ??
      this.menuButtons.get("default") ?? { type: "default" }
    );
  }

  setText(kind: string, languageCode: string, text: string): void {
    this.texts.set(`${kind}|${languageCode}`, text);
  }

  getText(kind: string, languageCode: string): string {
    return this.texts.get(`${kind}|${languageCode}`) ?? "";
  }
}

/** Scope objects compare by content; key order is normalized so {type, chat_id} equals {chat_id, type}. */
function commandsKey(scope: unknown, languageCode: string): string {
  const normalized =
    typeof scope === "object" && scope !== null
      ? JSON.stringify(Object.fromEntries(Object.entries(scope).sort(([a], [b]) => a.localeCompare(b))))
      : JSON.stringify({ type: "default" });
  return `${normalized}|${languageCode}`;
}
