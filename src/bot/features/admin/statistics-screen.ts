import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../context.js";
import { acknowledge, showScreen } from "../../reply.js";
import { trustedHtml } from "../../../i18n/html.js";
import { collectStatistics } from "../../../domain/admin/statistics.js";
import { successRateText } from "../../../domain/admin/daily-report.js";
import { startOfDay } from "../../../domain/admin/time-zone.js";
import { ADMIN } from "./admin-callbacks.js";
import { backToMenu } from "./admin-menu.js";

/** Statistics: users, revenue, generations, credits and the provider balance, each from a real query. */
export const statisticsScreen = new Composer<BotContext>();

statisticsScreen.callbackQuery(ADMIN.stats, async (ctx) => {
  await acknowledge(ctx);
  const now = new Date();
  const [stats, providerBalance] = await Promise.all([
    collectStatistics(ctx.deps.db, { now, dayStart: startOfDay(now, ctx.config.dailyReport.timeZone) }),
    ctx.deps.admin.providerBalance(),
  ]);
  const g = stats.generations;
  const byModel = g.byModel.map((m) =>
    ctx.tr("admin-stats-model", { model: m.modelKey, total: m.total, delivered: m.delivered, failed: m.failed }),
  );
  const text = ctx.tr("admin-stats", {
    usersTotal: stats.users.total,
    banned: stats.users.banned,
    blockedBot: stats.users.blockedBot,
    newToday: stats.users.newToday,
    new7d: stats.users.new7d,
    new30d: stats.users.new30d,
    active7d: stats.users.active7d,
    active30d: stats.users.active30d,
    paying: stats.users.paying,
    revenueToday: stats.revenue.today,
    revenue7d: stats.revenue.last7d,
    revenue30d: stats.revenue.last30d,
    revenueTotal: stats.revenue.total,
    generations: g.total,
    delivered: g.delivered,
    failed: g.failed,
    inProgress: g.inProgress,
    successRate: successRateText(ctx.t, g.successRate),
    byModel: trustedHtml(byModel.length > 0 ? byModel.join("\n") : ctx.tr("admin-stats-no-models")),
    bought: stats.credits.bought,
    spent: stats.credits.spent,
    refunded: stats.credits.refunded,
    reversed: stats.credits.reversedPurchases,
    bonuses: stats.credits.bonuses,
    adjustments: stats.credits.adjustments,
    providerBalance: providerBalanceText(ctx, providerBalance),
  });
  await showScreen(ctx, text, backToMenu(ctx, new InlineKeyboard().text(ctx.tr("admin-btn-refresh"), ADMIN.stats)));
});

export function providerBalanceText(ctx: BotContext, balanceUsd: number | undefined): string {
  return balanceUsd === undefined ? ctx.t("admin-balance-unknown") : ctx.t("admin-balance-usd", { amount: balanceUsd.toFixed(2) });
}
