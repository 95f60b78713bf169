import { Bot, GrammyError, HttpError, session, type BotConfig } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { sequentialize } from "@grammyjs/runner";
import type { BotContext, SessionData } from "./context.js";
import type { BotDeps } from "./deps.js";
import { createI18n } from "../i18n/translator.js";
import { htmlByDefault } from "./api-defaults.js";
import { installTelegramRetries } from "./telegram-retries.js";
import { createSessionStorage } from "./session-storage.js";
import { updateContext, updateType } from "./middlewares/update-context.js";
import { privateChatsOnly } from "./middlewares/private-chats-only.js";
import { loadUser } from "./middlewares/load-user.js";
import { installTranslate } from "./middlewares/translate.js";
import { floodControl } from "./middlewares/flood-control.js";
import { banGuard } from "./middlewares/ban-guard.js";
import { consentGate } from "./middlewares/consent-gate.js";
import { deletionPending } from "./middlewares/deletion-pending.js";
import { onboarding } from "./features/onboarding.js";
import { legalDocuments } from "./features/legal-documents.js";
import { help } from "./features/help.js";
import { settings } from "./features/settings.js";
import { privacy } from "./features/privacy/index.js";
import { membership } from "./features/membership.js";
import { home } from "./features/home.js";
import { payments } from "./features/payments.js";
import { topUp } from "./features/top-up.js";
import { profile } from "./features/profile.js";
import { history } from "./features/history.js";
import { referral, referralLinks } from "./features/referral.js";
import { unhandled } from "./features/unhandled.js";
import { support, supportChatReplies } from "./features/support.js";
import { createAdminFeature } from "./features/admin/index.js";
import { createGenerationFeature } from "./features/generation/index.js";
import { tools } from "./features/tools/index.js";
import { myImages } from "./features/my-images.js";

export interface CreateBotOptions {
  token: string;
  apiRoot: string;
  /** Known bot identity (tests, the sandbox); otherwise `bot.init()` asks getMe. */
  botInfo?: UserFromGetMe;
}

/** Update kinds the bot asks Telegram for; everything else is never delivered. */
export const ALLOWED_UPDATES = ["message", "callback_query", "pre_checkout_query", "my_chat_member"] as const;

/**
 * Builds the bot with every middleware and feature, ready for polling or webhooks. Order matters:
 * identify the update → answers in the support chat → drop non-private traffic → referral links → load the user →
 * language → flood control → bans → accounts waiting for deletion → open features (support, admin menu…) →
 * consent gate → features that need consent → whatever is left.
 */
export function createBot(deps: BotDeps, options: CreateBotOptions): Bot<BotContext> {
  const config: BotConfig<BotContext> = {
    client: { apiRoot: options.apiRoot },
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
  };
  const bot = new Bot<BotContext>(options.token, config);

  installTelegramRetries(bot.api);
  bot.api.config.use(htmlByDefault);

  const i18n = createI18n<BotContext>(deps.config.defaultLocale, (ctx) => ctx.locale);

  bot.use(sequentialize(sequenceKey));
  bot.use(updateContext(deps));
  // Before the private-chats guard: answers from staff in the support chat (a group) go back to users.
  bot.use(supportChatReplies());
  bot.use(privateChatsOnly);
  // Before loadUser: a referral link binds only a user it creates itself (docs/decisions/referral-binding.md).
  bot.use(referralLinks);
  bot.use(loadUser);
  bot.use(i18n);
  bot.use(installTranslate);
  bot.use(floodControl);
  bot.use(banGuard);
  // After the ban guard, before any feature: a user waiting for deletion may only cancel it.
  bot.use(deletionPending);
  bot.use(
    session<SessionData, BotContext>({
      initial: () => ({}),
      storage: createSessionStorage<SessionData>(deps.kv, deps.db),
    }),
  );

  bot.use(membership);
  bot.use(onboarding);
  bot.use(legalDocuments);
  bot.use(help);
  // /support and /paysupport, and answers from admins; never behind the consent gate.
  bot.use(support);
  bot.use(settings);
  bot.use(privacy);
  // Payment updates are reachable for everyone: money that already moved must be recorded.
  bot.use(payments);
  // Only ADMIN_IDS get in; everyone else passes through as if it did not exist.
  bot.use(createAdminFeature());

  const needsConsent = bot.use(consentGate);
  needsConsent.use(home);
  // Top-up first: while it waits for a typed amount, it takes the next text before anyone else.
  needsConsent.use(topUp);
  needsConsent.use(profile);
  needsConsent.use(history);
  needsConsent.use(referral);
  needsConsent.use(myImages);
  needsConsent.use(tools);
  needsConsent.use(createGenerationFeature());

  bot.use(unhandled);

  bot.catch(async (error) => {
    const ctx = error.ctx;
    const cause = error.error;
    const kind = cause instanceof GrammyError ? "telegram_api" : cause instanceof HttpError ? "telegram_network" : "handler";
    deps.metrics.errors.inc({ kind });
    deps.logger.error({ err: cause, updateId: ctx.update.update_id, updateType: updateType(ctx.update) }, "update handler failed");
    deps.errors.capture(cause, { updateId: ctx.update.update_id, kind });
    await tellUserSomethingWentWrong(ctx).catch(() => undefined);
  });

  return bot;
}

/**
 * Updates of one chat are handled in order, different chats in parallel. Pre-checkout queries get a key
 * of their own: they must be answered at once, never behind the same user's other updates.
 */
function sequenceKey(ctx: BotContext): string | undefined {
  if (ctx.preCheckoutQuery) return `pcq:${ctx.preCheckoutQuery.id}`;
  return ctx.chat?.id.toString() ?? ctx.from?.id.toString();
}

async function tellUserSomethingWentWrong(ctx: BotContext): Promise<void> {
  const text = typeof ctx.tr === "function" ? ctx.tr("error-generic") : undefined;
  if (!text) return;
  if (ctx.preCheckoutQuery) {
    await ctx.answerPreCheckoutQuery(false, { error_message: ctx.t("error-generic") });
    return;
  }
  if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
  if (ctx.chat?.type === "private") await ctx.reply(text);
}
