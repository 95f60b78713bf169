import { GrammyError, type InlineKeyboard } from "grammy";
import type { BotContext } from "./context.js";

/**
 * Shows a screen: edits the message whose button was pressed, or sends a new message otherwise. Menus
 * thus change in place instead of piling up in the chat.
 */
export async function showScreen(ctx: BotContext, text: string, keyboard?: InlineKeyboard): Promise<void> {
  const extra = keyboard ? { reply_markup: keyboard } : {};
  if (ctx.callbackQuery?.message) {
    try {
      await ctx.editMessageText(text, extra);
      return;
    } catch (error) {
      // Pressing the same button twice: the screen is already what the user asked for.
      if (error instanceof GrammyError && error.description.includes("message is not modified")) return;
      // The message is too old to edit or was deleted: fall back to a new one.
      if (!(error instanceof GrammyError)) throw error;
    }
  }
  await ctx.reply(text, extra);
}

/** Stops the spinner on a pressed button; never fails the handler (the query may have expired). */
export async function acknowledge(ctx: BotContext, text?: string): Promise<void> {
  if (!ctx.callbackQuery) return;
  await ctx.answerCallbackQuery(text ? { text } : undefined).catch(() => undefined);
}
