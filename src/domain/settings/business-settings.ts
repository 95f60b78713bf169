/**
 * The exchange rate between Stars and credits: `credits` credits for every `stars` Stars, applied with
 * the rounding rule in src/domain/payments/exchange-rate.ts.
 */
export interface ExchangeRate {
  readonly credits: number;
  readonly stars: number;
}

/** Business numbers of top-ups and the profile; all have code defaults and env overrides (src/config.ts). */
export interface PaymentSettings {
  /** When false, /topup says so and pre-checkout refuses every invoice (even ones made earlier). */
  readonly enabled: boolean;
  /** Preset top-up amounts in Stars, ascending and distinct. */
  readonly presetStars: readonly number[];
  readonly exchangeRate: ExchangeRate;
  /** Bounds of a typed (custom) amount in Stars, inclusive. */
  readonly customMinStars: number;
  readonly customMaxStars: number;
  /** How long an invoice can be paid; older ones are refused at pre-checkout. */
  readonly orderTtlSeconds: number;
  /**
   * Credits one generation costs for the "about N generations" estimate in the profile and on top-up
   * buttons. Generation prices do not exist yet; the generation issue replaces this with the cheapest
   * enabled model's price.
   */
  readonly referenceGenerationPrice: number;
}

/** Rewards of the referral program (src/domain/referrals); each 0 turns that reward off. */
export interface ReferralSettings {
  /** Credits to the referrer once an invited user accepts the terms. */
  readonly joinBonus: number;
  /** Whole percent of the credits of each purchase of an invited user, rounded up, to the referrer. */
  readonly purchasePercent: number;
  /** Credits to the invited user when they accept the terms. */
  readonly welcomeBonus: number;
}

/**
 * The one place business numbers are read from. Reads are synchronous on purpose: hot paths such as
 * the pre-checkout answer must never wait for settings. The app's implementation is
 * SettingsService.businessSettings() (src/domain/settings/settings-service.ts): the values admins set,
 * kept in memory and refreshed in every process when one changes.
 */
export interface BusinessSettings {
  payments(): PaymentSettings;
  /** Read at the moment a reward is paid and whenever the /referral screen is drawn, so both agree. */
  referrals(): ReferralSettings;
}

/** Settings fixed for their lifetime, for code that needs no runtime changes (tests, tools). */
export function staticSettings(payments: PaymentSettings, referrals: ReferralSettings): BusinessSettings {
  const frozen = Object.freeze({ ...payments, presetStars: Object.freeze([...payments.presetStars]) });
  const frozenReferrals = Object.freeze({ ...referrals });
  return { payments: () => frozen, referrals: () => frozenReferrals };
}
