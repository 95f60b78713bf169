import type { Api } from "grammy";
import type { Locale } from "../config.js";
import type { Database } from "../db/client.js";
import { getBalance } from "../domain/ledger/ledger.js";
import {
  paymentCreditedNotice,
  paymentRefundedNotice,
  unmatchedPaymentAlert,
  type Translate,
} from "../domain/payments/payment-notices.js";
import { reconcileStarTransactions } from "../domain/payments/reconciliation.js";
import { claimRefundNotice, claimUnalertedUnmatched, type PurchaseHooks } from "../domain/payments/star-payments.js";
import type { StarsGateway } from "../domain/payments/stars-gateway.js";
import { effectiveLocale } from "../domain/users/user-profile.js";
import type { UserService } from "../domain/users/user-service.js";
import type { Translator } from "../i18n/translator.js";
import type { Logger } from "../infra/logger.js";
import type { JobQueue } from "./job-queue.js";
import { QUEUES } from "./queues.js";

/** Every 5 minutes: a payment whose update was lost is credited within minutes, not hours. */
const RECONCILIATION_CRON = "*/5 * * * *";
/** Alerts are claimed in small batches so one run never floods the admins' chats. */
const ALERT_BATCH = 20;

export interface PaymentReconciliationDeps {
  db: Database;
  stars: StarsGateway;
  /** For notices to payers and alerts to admins. */
  api: Api;
  translator: Translator;
  users: UserService;
  adminIds: readonly number[];
  defaultLocale: Locale;
  logger: Logger;
  /** The same hooks as the update path (the referral commission), so repaired payments move the same money. */
  purchaseHooks: PurchaseHooks;
}

/** Worker role: consumes the reconciliation queue and schedules it. */
export async function registerPaymentReconciliation(queue: JobQueue, deps: PaymentReconciliationDeps): Promise<void> {
  await queue.work(QUEUES.paymentReconciliation, () => runPaymentReconciliation(deps));
  await queue.schedule(QUEUES.paymentReconciliation, RECONCILIATION_CRON);
}

/**
 * One reconciliation run: repairs missed payments and refunds (src/domain/payments/reconciliation.ts),
 * tells the affected users in their language, and alerts every admin, in theirs, about charges that
 * match nothing. Notices and alerts are claimed in the database first, so each goes out at most once.
 */
async function runPaymentReconciliation(deps: PaymentReconciliationDeps): Promise<void> {
  const log = deps.logger.child({ job: QUEUES.paymentReconciliation });
  const report = await reconcileStarTransactions(deps.db, deps.stars, deps.purchaseHooks);

  for (const { payment, userId, credits, balanceAfter } of report.credited) {
    log.warn({ chargeId: payment.chargeId, userId, credits }, "credited a payment whose update never arrived");
    const t = await translateFor(deps, payment.payerTelegramId);
    const text = paymentCreditedNotice(t, { credits, stars: payment.stars, balance: balanceAfter });
    await send(deps, log, payment.payerTelegramId, text);
  }
  for (const { payment, deducted, shortfall } of report.reversed) {
    log.warn({ chargeId: payment.chargeId, deducted, shortfall }, "reversed a refund whose update never arrived");
    const notice = await claimRefundNotice(deps.db, payment.chargeId);
    if (!notice || notice.userId === null) continue;
    const t = await translateFor(deps, notice.payerTelegramId);
    const balance = await getBalance(deps.db, notice.userId);
    const text = paymentRefundedNotice(t, { stars: notice.stars, deducted: notice.refundedCredits ?? 0, balance });
    await send(deps, log, notice.payerTelegramId, text);
  }
  if (report.unknownRefunds.length > 0) log.warn({ chargeIds: report.unknownRefunds }, "refunds of charges we never recorded");
  await alertAdmins(deps, log);
  const { scanned, credited, reversed, unmatched } = report;
  log.info({ scanned, credited: credited.length, reversed: reversed.length, unmatched: unmatched.length }, "payments reconciled");
}

/** Every unmatched charge nobody was alerted about yet, to every admin, each in their language. */
async function alertAdmins(deps: PaymentReconciliationDeps, log: Logger): Promise<void> {
  for (;;) {
    const batch = await claimUnalertedUnmatched(deps.db, ALERT_BATCH);
    if (batch.length === 0) return;
    for (const payment of batch) {
      const { chargeId, payerTelegramId, unmatchedReason } = payment;
      log.error({ chargeId, payerId: payerTelegramId, reason: unmatchedReason }, "Stars payment matches no order");
      if (deps.adminIds.length === 0) log.error("no ADMIN_IDS configured: nobody can be alerted about the unmatched payment");
      for (const adminId of deps.adminIds) {
        await send(deps, log, adminId, unmatchedPaymentAlert(await translateFor(deps, adminId), payment));
      }
    }
  }
}

/** The recipient's language: their choice, else their Telegram language, else the default. */
async function translateFor(deps: PaymentReconciliationDeps, telegramId: number): Promise<Translate> {
  const profile = await deps.users.get(telegramId);
  const locale = profile ? effectiveLocale(profile, deps.defaultLocale) : deps.defaultLocale;
  return (key, variables) => deps.translator.t(locale, key, variables);
}

/** A notice that cannot be delivered (the user blocked the bot) is logged; the money is already right. */
async function send(deps: PaymentReconciliationDeps, log: Logger, chatId: number, text: string): Promise<void> {
  try {
    await deps.api.sendMessage(chatId, text, { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
  } catch (error) {
    log.warn({ err: error, chatId }, "could not deliver a payment notice");
  }
}
