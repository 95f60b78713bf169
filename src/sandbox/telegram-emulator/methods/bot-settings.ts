import type { BotCommand, MenuButton } from "grammy/types";
import { badRequest } from "../api-error.js";
import { characterCount } from "../validation/formatted-text.js";
import type { Params } from "../validation/params.js";
import type { MethodHandler } from "./method-context.js";

const COMMAND_NAME = /^[a-z0-9_]{1,32}$/;

function readScope(params: Params): unknown {
  return params.json("scope", "can't parse BotCommandScope JSON object");
}

function readCommands(params: Params): BotCommand[] {
  const value = params.json("commands", "can't parse commands JSON object");
  if (!Array.isArray(value)) throw badRequest('parameter "commands" is required');
  if (value.length > 100) throw badRequest("too many bot commands specified");
  return value.map((item: unknown) => {
    const { command, description } = (item ?? {}) as Partial<BotCommand>;
    if (typeof command !== "string" || !COMMAND_NAME.test(command.replace(/^\//, ""))) {
      throw badRequest("BOT_COMMAND_INVALID");
    }
    if (typeof description !== "string" || description.trim() === "" || characterCount(description) > 256) {
      throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
    }
    return { command: command.replace(/^\//, ""), description };
  });
}

/** The optional chat_id of the menu button methods; absent means the bot's default button. */
function optionalChatId(params: Params): number | undefined {
  if (!params.has("chat_id")) return undefined;
  const chatId = params.chatId();
  return typeof chatId === "number" ? chatId : undefined;
}

/** A setter and getter pair for one of the bot's profile texts. */
function profileText(kind: string, maxLength: number): [MethodHandler, MethodHandler] {
  const set: MethodHandler = ({ bot, params }) => {
    const text = params.string(kind) ?? "";
    if (characterCount(text) > maxLength) throw badRequest(`${kind.replace("_", " ")} is too long`);
    bot.settings.setText(kind, params.string("language_code") ?? "", text);
    return true;
  };
  const get: MethodHandler = ({ bot, params }) => ({
    [kind]: bot.settings.getText(kind, params.string("language_code") ?? ""),
  });
  return [set, get];
}

const [setMyDescription, getMyDescription] = profileText("description", 512);
const [setMyShortDescription, getMyShortDescription] = profileText("short_description", 120);

/** Commands, menu buttons and profile texts, stored per scope and language like Telegram. */
export const botSettingsMethods: Record<string, MethodHandler> = {
  setMyCommands: ({ bot, params }) => {
    bot.settings.setCommands(readScope(params), params.string("language_code") ?? "", readCommands(params));
    return true;
  },

  getMyCommands: ({ bot, params }) => bot.settings.getCommands(readScope(params), params.string("language_code") ?? ""),

  deleteMyCommands: ({ bot, params }) => {
    bot.settings.deleteCommands(readScope(params), params.string("language_code") ?? "");
    return true;
  },

  setChatMenuButton: ({ bot, params }) => {
    const button = params.json("menu_button", "can't parse menu button JSON object") as MenuButton | undefined;
    if (button !== undefined && !["commands", "web_app", "default"].includes(button.type)) {
      throw badRequest("unsupported menu button type");
    }
    bot.settings.setMenuButton(optionalChatId(params), button ?? { type: "default" });
    return true;
  },

  getChatMenuButton: ({ bot, params }) => bot.settings.getMenuButton(optionalChatId(params)),

  setMyDescription,
  getMyDescription,
  setMyShortDescription,
  getMyShortDescription,
};
