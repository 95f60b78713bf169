import { InlineKeyboard } from "grammy";
import type { BotContext } from "../context.js";
import { cb } from "../callback-data.js";

export const HOME = {
  show: cb("home", "show"),
  create: cb("home", "create"),
  profile: cb("home", "profile"),
  topUp: cb("home", "topup"),
  settings: cb("home", "settings"),
  help: cb("home", "help"),
  /** The first page of "My images" (src/bot/features/my-images.ts, which answers the same data). */
  images: cb("img", "page", 0),
} as const;

/** The home menu; with a Mini App URL (PUBLIC_URL, or the sandbox) it also opens the app. */
export function homeKeyboard(ctx: BotContext): InlineKeyboard {
  const keyboard = new InlineKeyboard()
    .text(ctx.tr("btn-create"), HOME.create)
    .text(ctx.tr("btn-my-images"), HOME.images)
    .row()
    .text(ctx.tr("btn-profile"), HOME.profile)
    .text(ctx.tr("btn-topup"), HOME.topUp)
    .row()
    .text(ctx.tr("btn-settings"), HOME.settings)
    .text(ctx.tr("btn-help"), HOME.help);
  const appUrl = ctx.config.miniApp.url;
  return appUrl ? keyboard.row().webApp(ctx.tr("btn-open-app"), appUrl) : keyboard;
}

export function backHomeKeyboard(ctx: BotContext): InlineKeyboard {
  return new InlineKeyboard().text(ctx.tr("btn-home"), HOME.show);
}
