import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { HOME, backHomeKeyboard } from "../keyboards/home-keyboard.js";
import { acknowledge, showScreen } from "../reply.js";

/** /help, /support and /paysupport: open to everyone, in the user's language. */
export const help = new Composer<BotContext>();

help.command("help", (ctx) => ctx.reply(ctx.tr("help-text")));
help.callbackQuery(HOME.help, async (ctx) => {
  await acknowledge(ctx);
  await showScreen(ctx, ctx.tr("help-text"), backHomeKeyboard(ctx));
});

help.command("support", (ctx) => ctx.reply(supportText(ctx, "support-text")));
// Telegram's rules for bots selling digital goods: /paysupport must answer payment questions.
help.command("paysupport", (ctx) => ctx.reply(supportText(ctx, "paysupport-text")));

function supportText(ctx: BotContext, key: string): string {
  return ctx.tr(key, { contact: ctx.config.support.contact, email: ctx.config.support.email });
}
