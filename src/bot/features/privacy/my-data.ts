import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../context.js";
import { requireUser } from "../../context.js";
import { HOME } from "../../keyboards/home-keyboard.js";
import { acknowledge, showScreen } from "../../reply.js";
import { creditsText } from "../../../domain/payments/payment-notices.js";
import type { DataSummary } from "../../../domain/privacy/data-summary.js";
import { PRIVACY } from "./privacy-buttons.js";

/** Tables /mydata names on a line of their own; every other table with user data is counted as "other records". */
const NAMED_TABLES = ["ledger_entries", "star_payments", "generations", "referrals", "referral_codes"] as const;

/**
 * /mydata and the settings' "My data" button (policy 6.1, right of access): what we hold, how much of
 * it, and how long we keep it, with the ways to take it (/export) or end it (/deleteme).
 */
export const myData = new Composer<BotContext>();

myData.command("mydata", (ctx) => showMyData(ctx));
myData.callbackQuery(PRIVACY.myData, async (ctx) => {
  await acknowledge(ctx);
  await showMyData(ctx);
});

async function showMyData(ctx: BotContext): Promise<void> {
  const user = requireUser(ctx);
  const summary = await ctx.deps.privacy.summary(user.id);
  if (!summary) throw new Error(`user ${user.id} has no row to summarize`);
  const keyboard = new InlineKeyboard()
    .text(ctx.tr("btn-export"), PRIVACY.export)
    .row()
    .text(ctx.tr("btn-delete-account"), PRIVACY.deleteAsk)
    .row()
    .text(ctx.tr("btn-settings"), HOME.settings)
    .text(ctx.tr("btn-home"), HOME.show);
  await showScreen(ctx, summaryText(ctx, user.telegramId, summary), keyboard);
}

function summaryText(ctx: BotContext, telegramId: number, summary: DataSummary): string {
  const count = (table: string) => summary.counts[table] ?? 0;
  const other = Object.entries(summary.counts)
    .filter(([table]) => !(NAMED_TABLES as readonly string[]).includes(table))
    .reduce((sum, [, n]) => sum + n, 0);
  const consent =
    summary.acceptedPolicyVersion !== null && summary.acceptedPolicyAt !== null
      ? ctx.tr("privacy-summary-consent", { version: summary.acceptedPolicyVersion, date: summary.acceptedPolicyAt })
      : ctx.tr("privacy-summary-no-consent");
  return [
    ctx.tr("privacy-summary-title"),
    "",
    ctx.tr("privacy-summary-account", { telegramId: String(telegramId) }),
    consent,
    ctx.tr("privacy-summary-balance", {
      balance: creditsText(ctx.tr, summary.balance),
      entries: count("ledger_entries"),
      payments: count("star_payments"),
    }),
    ctx.tr("privacy-summary-generations", { count: count("generations") }),
    ctx.tr("privacy-summary-referrals", { count: count("referrals") }),
    ctx.tr("privacy-summary-other", { count: other }),
    ctx.tr("privacy-summary-technical"),
    "",
    ctx.tr("privacy-summary-retention"),
    "",
    ctx.tr("privacy-summary-actions"),
  ].join("\n");
}
