import type { Config } from "../config.js";
import type { UserService } from "../domain/users/user-service.js";
import type { KeyValueStore } from "../infra/kv/index.js";
import type { Logger } from "../infra/logger.js";
import type { Metrics } from "../infra/metrics.js";
import type { ErrorReporter } from "../infra/error-reporter.js";
import type { Database } from "../db/client.js";
import type { BusinessSettings } from "../domain/settings/business-settings.js";
import type { CatalogModel } from "../domain/catalog/catalog-model.js";
import type { PricingSettings } from "../domain/catalog/pricing.js";
import type { StartInput, StartResult } from "../domain/generation/start-generation.js";
import type { TelegramFileSource } from "../infra/telegram-file-download.js";
import type { ReferralProgram } from "../domain/referrals/referral-program.js";
import type { PrivacyService } from "../domain/privacy/privacy-service.js";
import type { StarsGateway } from "../domain/payments/stars-gateway.js";
import type { Translator } from "../i18n/translator.js";

/** What the generation features need, bundled so tests and the composition root wire it once. */
export interface GenerationServices {
  /** Enabled models in menu order. */
  listModels(): Promise<CatalogModel[]>;
  /** Enabled image tools in menu order, offered for a picture sent without a prompt. */
  listTools(): Promise<CatalogModel[]>;
  /** A model or a tool, enabled or not. */
  findModel(key: string): Promise<CatalogModel | undefined>;
  pricing(): PricingSettings;
  /** Charges and starts a generation, or a tool run when `input.tool` is set (startGeneration). */
  start(input: StartInput): Promise<StartResult>;
  /** "paused" while the provider balance is below the threshold. */
  providerStatus(): Promise<"ok" | "paused">;
  /** Server-side downloads of files users send (checking that an image file really is one). */
  files: TelegramFileSource;
}

/** What the admin menu, broadcasts and the support inbox need (issue #8), wired once by the composition root. */
export interface AdminServices {
  /** Telegram's Stars refunds, for an admin's refund of a payment. */
  stars: StarsGateway;
  /** The image provider's balance in USD (cached); undefined when unknown or there is no provider. */
  providerBalance(): Promise<number | undefined>;
  /** Starts or continues a broadcast's sending on a worker. */
  kickBroadcast(broadcastId: number): Promise<void>;
  /** Texts in someone else's language: a banned user's notice, support's answer, a support chat. */
  translator: Translator;
}

/** Everything the bot's features may use, passed in by the composition root (and by tests). */
export interface BotDeps {
  config: Config;
  db: Database;
  kv: KeyValueStore;
  users: UserService;
  logger: Logger;
  metrics: Metrics;
  errors: ErrorReporter;
  /** Business numbers (top-up presets, exchange rate…), read on every use so runtime changes apply. */
  settings: BusinessSettings;
  /** Referral links, rewards and the purchase commission (also the PurchaseHooks of payment updates). */
  referrals: ReferralProgram;
  generation: GenerationServices;
  /** Data rights: /mydata, /export, deletion requests, privacy preferences (src/domain/privacy). */
  privacy: PrivacyService;
  admin: AdminServices;
}
