import { GrammyError, type Api } from "grammy";
import type PgBoss from "pg-boss";
import type { Locale } from "../config.js";
import type { Database } from "../db/client.js";
import {
  findNoticeRecipient,
  referralNoticeText,
  type ReferralNotice,
  type ReferralNoticeSink,
} from "../domain/referrals/referral-notices.js";
import type { Translator } from "../i18n/translator.js";
import type { Logger } from "../infra/logger.js";
import type { JobQueue } from "./job-queue.js";
import { QUEUES } from "./queues.js";

/**
 * Network trouble and Telegram's 5xx are retried a few times; a notice that still cannot go out is
 * dropped (the money is already right and visible in /referral and /history).
 */
const NOTICE_OPTIONS = { retryLimit: 3, retryDelay: 10, retryBackoff: true, expireInSeconds: 60 } satisfies PgBoss.SendOptions;

/**
 * The referral program's notice sink: each notice becomes a job in the transaction that paid the
 * reward, so it is sent only if the reward committed, after the commit, by a worker — the update
 * that caused it (a new user's consent, a payment) never waits for Telegram.
 */
export function referralNoticeSink(queue: JobQueue): ReferralNoticeSink {
  return async (tx, notice) => {
    await queue.inTransaction(tx).send<ReferralNotice>(QUEUES.referralNotice, notice, NOTICE_OPTIONS);
  };
}

export interface ReferralNoticeDeps {
  db: Database;
  api: Api;
  translator: Translator;
  defaultLocale: Locale;
  logger: Logger;
}

/** Worker role: consumes the referral notices. */
export async function registerReferralNotices(queue: JobQueue, deps: ReferralNoticeDeps): Promise<void> {
  await queue.work<ReferralNotice>(QUEUES.referralNotice, (notice) => deliverReferralNotice(deps, notice));
}

/**
 * Sends one notice to the referrer in the referrer's own language (their choice, else their Telegram
 * language, else the default). A referrer who blocked the bot is skipped quietly — known from the
 * membership update, or learnt from Telegram's 403 — as is an erased account.
 */
export async function deliverReferralNotice(deps: ReferralNoticeDeps, notice: ReferralNotice): Promise<void> {
  const log = deps.logger.child({ job: QUEUES.referralNotice, kind: notice.kind, referrerUserId: notice.referrerUserId });
  const recipient = await findNoticeRecipient(deps.db, notice.referrerUserId, deps.defaultLocale);
  if (!recipient) {
    log.debug("referrer has no Telegram identity left; notice dropped");
    return;
  }
  if (recipient.blocked) {
    log.debug("referrer blocked the bot; notice skipped");
    return;
  }
  const text = referralNoticeText((key, variables) => deps.translator.t(recipient.locale, key, variables), notice);
  try {
    await deps.api.sendMessage(recipient.telegramId, text, { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 403) {
      log.debug({ description: error.description }, "referrer cannot be messaged; notice skipped");
      return;
    }
    throw error;
  }
  log.info("referral notice sent");
}
