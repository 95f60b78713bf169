import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../context.js";
import { acknowledge, showScreen } from "../../reply.js";
import { trustedHtml } from "../../../i18n/html.js";
import { successRateText } from "../../../domain/admin/daily-report.js";
import { providerOverview } from "../../../domain/admin/provider-overview.js";
import { ADMIN } from "./admin-callbacks.js";
import { backToMenu } from "./admin-menu.js";
import { providerBalanceText } from "./statistics-screen.js";

/** Failures listed on the provider screen. */
const RECENT_FAILURES = 10;

/** Provider: balance, the generation queue, success over 24 h and 7 d, and the latest failures. */
export const providerScreen = new Composer<BotContext>();

providerScreen.callbackQuery(ADMIN.provider, async (ctx) => {
  await acknowledge(ctx);
  const [overview, balance] = await Promise.all([
    providerOverview(ctx.deps.db, new Date(), RECENT_FAILURES),
    ctx.deps.admin.providerBalance(),
  ]);
  const failures = overview.recentFailures.map((f) =>
    ctx.tr("admin-provider-failure", {
      date: f.at.getTime(),
      model: f.modelKey,
      code: f.failureCode ?? "—",
      generationId: f.generationId,
      userId: f.userId,
    }),
  );
  const text = ctx.tr("admin-provider", {
    balance: providerBalanceText(ctx, balance),
    waiting: overview.waiting,
    running: overview.running,
    total24: overview.last24h.total,
    delivered24: overview.last24h.delivered,
    failed24: overview.last24h.failed,
    rate24: successRateText(ctx.t, overview.last24h.successRate),
    total7: overview.last7d.total,
    delivered7: overview.last7d.delivered,
    failed7: overview.last7d.failed,
    rate7: successRateText(ctx.t, overview.last7d.successRate),
    failures: trustedHtml(failures.length > 0 ? failures.join("\n") : ctx.tr("admin-provider-no-failures")),
  });
  await showScreen(ctx, text, backToMenu(ctx, new InlineKeyboard().text(ctx.tr("admin-btn-refresh"), ADMIN.provider)));
});
