import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../context.js";
import { acknowledge, showScreen } from "../../reply.js";
import { ADMIN } from "./admin-callbacks.js";
import { forgetInput } from "./admin-input.js";

/** /admin and the way back to it; every admin screen ends with its button. */
export const adminMenu = new Composer<BotContext>();

adminMenu.command("admin", async (ctx) => {
  forgetInput(ctx);
  await showMenu(ctx);
});

adminMenu.callbackQuery(ADMIN.menu, async (ctx) => {
  await acknowledge(ctx);
  forgetInput(ctx);
  await showMenu(ctx);
});

adminMenu.callbackQuery(ADMIN.cancelInput, async (ctx) => {
  forgetInput(ctx);
  await acknowledge(ctx, ctx.tr("admin-cancelled"));
  await showMenu(ctx);
});

async function showMenu(ctx: BotContext): Promise<void> {
  const keyboard = new InlineKeyboard()
    .text(ctx.tr("admin-btn-stats"), ADMIN.stats)
    .text(ctx.tr("admin-btn-users"), ADMIN.users)
    .row()
    .text(ctx.tr("admin-btn-broadcasts"), ADMIN.broadcasts)
    .text(ctx.tr("admin-btn-provider"), ADMIN.provider);
  await showScreen(ctx, ctx.tr("admin-menu-title"), keyboard);
}

/** The row every admin screen ends with. */
export function backToMenu(ctx: BotContext, keyboard: InlineKeyboard = new InlineKeyboard()): InlineKeyboard {
  return keyboard.row().text(ctx.tr("admin-btn-menu"), ADMIN.menu);
}

/** Under a question: cancel it and go back to the menu. */
export function cancelKeyboard(ctx: BotContext): InlineKeyboard {
  return new InlineKeyboard().text(ctx.tr("admin-btn-cancel"), ADMIN.cancelInput);
}
