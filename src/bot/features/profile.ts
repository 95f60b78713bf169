import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.js";
import { requireUser } from "../context.js";
import { HOME } from "../keyboards/home-keyboard.js";
import { acknowledge, showScreen } from "../reply.js";
import { getBalance } from "../../domain/ledger/ledger.js";
import { estimatedGenerations } from "../../domain/ledger/generation-estimate.js";
import { creditsText } from "../../domain/payments/payment-notices.js";
import { TOP_UP } from "./top-up.js";
import { HISTORY } from "./history.js";
import { REFERRAL } from "./referral.js";

/**
 * /profile and the home menu's Profile button: the Telegram id (what support asks for), the balance
 * read fresh from the database, and roughly how many generations it buys.
 */
export const profile = new Composer<BotContext>();

profile.command("profile", (ctx) => showProfile(ctx));
profile.callbackQuery(HOME.profile, async (ctx) => {
  await acknowledge(ctx);
  await showProfile(ctx);
});

async function showProfile(ctx: BotContext): Promise<void> {
  const user = requireUser(ctx);
  const balance = await getBalance(ctx.deps.db, user.id);
  const generations = estimatedGenerations(balance, ctx.deps.settings.payments());
  const text = ctx.tr("profile-text", {
    telegramId: String(user.telegramId),
    balance: creditsText(ctx.tr, balance),
    generations: ctx.tr("profile-generations", { count: generations }),
  });
  const keyboard = new InlineKeyboard()
    .text(ctx.tr("btn-topup"), TOP_UP.show)
    .text(ctx.tr("btn-history"), HISTORY.first)
    .row()
    .text(ctx.tr("btn-referral"), REFERRAL.show)
    .row()
    .text(ctx.tr("btn-settings"), HOME.settings)
    .text(ctx.tr("btn-home"), HOME.show);
  await showScreen(ctx, text, keyboard);
}
