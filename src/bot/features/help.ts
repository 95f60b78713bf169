import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { HOME, backHomeKeyboard } from "../keyboards/home-keyboard.js";
import { acknowledge, showScreen } from "../reply.js";

/** /help: open to everyone, in the user's language. /support and /paysupport live in support.ts. */
export const help = new Composer<BotContext>();

help.command("help", (ctx) => ctx.reply(ctx.tr("help-text")));
help.callbackQuery(HOME.help, async (ctx) => {
  await acknowledge(ctx);
  await showScreen(ctx, ctx.tr("help-text"), backHomeKeyboard(ctx));
});
