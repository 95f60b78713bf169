import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.js";
import { requireUser } from "../context.js";
import { cb } from "../callback-data.js";
import { HOME } from "../keyboards/home-keyboard.js";
import { acknowledge, showScreen } from "../reply.js";
import { creditsText } from "../../domain/payments/payment-notices.js";
import { referralCodeFromPayload, referralLink, shareUrl } from "../../domain/referrals/referral-link.js";
import type { ReferralOverview } from "../../domain/referrals/referral-program.js";

export const REFERRAL = { show: cb("ref", "show") } as const;

/**
 * `/start r_<code>`, before the user middleware: a user who does not exist yet is created here, bound
 * to the link's owner in the same transaction. Anyone else — an existing user, an unknown code — passes
 * through unchanged, and /start goes on as usual (onboarding).
 */
export const referralLinks = new Composer<BotContext>();

referralLinks.command("start", async (ctx, next) => {
  const code = referralCodeFromPayload(ctx.match);
  if (code && ctx.from) {
    const outcome = await ctx.deps.referrals.bindNewUser(ctx.from, code);
    if (outcome.status === "bound") {
      ctx.log.info({ userId: outcome.inviteeUserId, referrerUserId: outcome.referrerUserId }, "new user through a referral link");
    } else {
      ctx.log.debug({ outcome: outcome.status }, "referral link changed nothing");
    }
  }
  return next();
});

/**
 * /referral and the profile's button: the user's link with a share button, how many people joined
 * through it and what it earned — totals only, never who — and the rewards as configured right now.
 */
export const referral = new Composer<BotContext>();

referral.command("referral", (ctx) => showReferral(ctx));
referral.callbackQuery(REFERRAL.show, async (ctx) => {
  await acknowledge(ctx);
  await showReferral(ctx);
});

async function showReferral(ctx: BotContext): Promise<void> {
  const overview = await ctx.deps.referrals.overview(requireUser(ctx).id);
  const link = referralLink(ctx.me.username, overview.code);
  const keyboard = new InlineKeyboard()
    .url(ctx.tr("btn-referral-share"), shareUrl(link, ctx.t("referral-share-text")))
    .row()
    .text(ctx.tr("btn-profile"), HOME.profile)
    .text(ctx.tr("btn-home"), HOME.show);
  await showScreen(ctx, referralText(ctx, link, overview), keyboard);
}

function referralText(ctx: BotContext, link: string, { stats, rewards }: ReferralOverview): string {
  const credits = (count: number) => creditsText(ctx.tr, count);
  const rules = [
    rewards.joinBonus > 0 ? ctx.tr("referral-rule-join", { credits: credits(rewards.joinBonus) }) : undefined,
    rewards.purchasePercent > 0 ? ctx.tr("referral-rule-purchase", { percent: rewards.purchasePercent }) : undefined,
    rewards.welcomeBonus > 0 ? ctx.tr("referral-rule-welcome", { credits: credits(rewards.welcomeBonus) }) : undefined,
  ].filter((line) => line !== undefined);
  return [
    ctx.tr("referral-title"),
    "",
    ...(rules.length > 0 ? rules : [ctx.tr("referral-no-rewards")]),
    "",
    ctx.tr("referral-link", { link }),
    "",
    ctx.tr("referral-stats", { count: stats.joined, earned: credits(stats.earned) }),
  ].join("\n");
}

/**
 * Called by onboarding once the user accepted the terms: a referred user now counts as joined, the
 * bonuses are paid (once), and the user is told about a welcome gift. The referrer hears about it from
 * the worker, after the commit.
 */
export async function completeReferralJoin(ctx: BotContext): Promise<void> {
  const reward = await ctx.deps.referrals.completeJoin(requireUser(ctx).id);
  if (!reward) return;
  ctx.log.info({ referrerUserId: reward.referrerUserId, joinBonus: reward.joinBonus, welcomeBonus: reward.welcomeBonus }, "referral joined");
  if (reward.welcomeBonus > 0) {
    await ctx.reply(ctx.tr("referral-welcome-bonus", { credits: creditsText(ctx.tr, reward.welcomeBonus) }));
  }
}
