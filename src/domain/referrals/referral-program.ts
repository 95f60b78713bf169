import type { Database, Executor } from "../../db/client.js";
import type { CreditedPurchase, PurchaseHooks, ReversedPurchase } from "../payments/star-payments.js";
import type { BusinessSettings, ReferralSettings } from "../settings/business-settings.js";
import type { TelegramIdentity } from "../users/user-repository.js";
import { createReferredUser, type BindOutcome } from "./bind-referral.js";
import { ensureReferralCode } from "./referral-codes.js";
import type { ReferralNoticeSink } from "./referral-notices.js";
import { payPurchaseCommission, reversePurchaseCommission, rewardJoin, type JoinReward } from "./referral-rewards.js";
import { referralStats, type ReferralStats } from "./referral-stats.js";

export interface ReferralProgramDeps {
  db: Database;
  /** Read on every reward and every screen, so what is paid and what is shown always agree. */
  settings: Pick<BusinessSettings, "referrals">;
  notices: ReferralNoticeSink;
}

/** What the /referral screen shows: the user's code, their totals and the rewards in force. */
export interface ReferralOverview {
  code: string;
  stats: ReferralStats;
  rewards: ReferralSettings;
}

/**
 * The referral program as the bot and the payments see it: binding a brand-new user to a link,
 * rewarding the join, and the purchase commission (as the app's PurchaseHooks). One object, built by
 * the composition root, so the bot, the payment updates and reconciliation all pay by the same rules.
 */
export class ReferralProgram implements PurchaseHooks {
  constructor(private readonly deps: ReferralProgramDeps) {}

  /** A /start with a referral code: creates the user bound to the referrer, if the user is new. */
  bindNewUser(identity: TelegramIdentity, code: string): Promise<BindOutcome> {
    return createReferredUser(this.deps.db, identity, code);
  }

  /** The invitee accepted the terms: the join and welcome bonuses, once. */
  completeJoin(inviteeUserId: number): Promise<JoinReward | undefined> {
    return rewardJoin(this.deps.db, inviteeUserId, this.deps.settings.referrals(), this.deps.notices);
  }

  async overview(userId: number): Promise<ReferralOverview> {
    const [code, stats] = await Promise.all([ensureReferralCode(this.deps.db, userId), referralStats(this.deps.db, userId)]);
    return { code, stats, rewards: this.deps.settings.referrals() };
  }

  async purchaseCredited(tx: Executor, purchase: CreditedPurchase): Promise<void> {
    const percent = this.deps.settings.referrals().purchasePercent;
    await payPurchaseCommission(tx, { buyerUserId: purchase.userId, credits: purchase.credits, chargeId: purchase.chargeId }, percent, this.deps.notices);
  }

  async purchaseReversed(tx: Executor, purchase: ReversedPurchase): Promise<void> {
    await reversePurchaseCommission(tx, purchase.chargeId, this.deps.notices);
  }
}
