import { Composer } from "grammy";
import type { BotContext } from "../context.js";

/**
 * Registered last: whatever no feature took. Unknown commands and unusable messages get a hint; an
 * outdated button gets an alert instead of a spinner that never stops. Service messages stay unanswered.
 */
export const unhandled = new Composer<BotContext>();

unhandled.on("message:text", async (ctx) => {
  const isCommand = ctx.message.entities?.some((e) => e.type === "bot_command" && e.offset === 0) ?? false;
  await ctx.reply(ctx.tr(isCommand ? "unknown-command" : "unknown-input"));
});

unhandled.on(
  [
    "message:photo",
    "message:document",
    "message:sticker",
    "message:voice",
    "message:audio",
    "message:video",
    "message:video_note",
    "message:animation",
    "message:location",
    "message:contact",
    "message:poll",
    "message:venue",
    "message:dice",
  ],
  async (ctx) => {
    await ctx.reply(ctx.tr("unknown-input"));
  },
);

unhandled.on("callback_query", async (ctx) => {
  await ctx.answerCallbackQuery({ text: ctx.tr("menu-expired"), show_alert: true }).catch(() => undefined);
});

// A pre-checkout query must always be answered within 10 seconds; one no payment feature accepted is refused.
unhandled.on("pre_checkout_query", async (ctx) => {
  await ctx.answerPreCheckoutQuery(false, { error_message: ctx.t("payment-unavailable") });
});
