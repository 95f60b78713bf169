import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { HOME, backHomeKeyboard } from "../keyboards/home-keyboard.js";
import { acknowledge, showScreen } from "../reply.js";
import { sendHome } from "./onboarding.js";

/** The home menu's own screens (after consent). */
export const home = new Composer<BotContext>();

home.callbackQuery(HOME.show, async (ctx) => {
  await acknowledge(ctx);
  await sendHome(ctx);
});

home.callbackQuery(HOME.create, async (ctx) => {
  await acknowledge(ctx);
  await showScreen(ctx, ctx.tr("home-create-hint"), backHomeKeyboard(ctx));
});
