import { GrammyError, type Api } from "grammy";
import type { Config, Locale } from "../config.js";
import type { Database } from "../db/client.js";
import { collectDailyReport, dailyReportText } from "../domain/admin/daily-report.js";
import { localDate } from "../domain/admin/time-zone.js";
import { effectiveLocale } from "../domain/users/user-profile.js";
import type { UserService } from "../domain/users/user-service.js";
import type { Translator } from "../i18n/translator.js";
import type { KeyValueStore } from "../infra/kv/index.js";
import type { Logger } from "../infra/logger.js";
import type { JobQueue } from "./job-queue.js";
import { QUEUES } from "./queues.js";

const DAY_MS = 24 * 3600 * 1000;
/** Outlives the day, so a retried or duplicated job on the same day does not report twice. */
const SENT_MARKER_TTL_MS = 36 * 3600 * 1000;

export interface DailyReportDeps {
  db: Database;
  api: Api;
  kv: KeyValueStore;
  users: UserService;
  translator: Translator;
  adminIds: readonly number[];
  defaultLocale: Locale;
  schedule: Config["dailyReport"];
  logger: Logger;
}

/** "09:00" → "0 9 * * *". */
export function dailyCron(time: Config["dailyReport"]["time"]): string {
  return `${time.minute} ${time.hour} * * *`;
}

/**
 * Worker role: the admins' daily report, a pg-boss cron in the operator's time zone (the original
 * system counted 24 h from whenever its scheduler happened to start). pg-boss creates one job per
 * tick however many workers run.
 */
export async function registerDailyReport(queue: JobQueue, deps: DailyReportDeps): Promise<void> {
  await queue.work(QUEUES.dailyReport, () => sendDailyReport(deps));
  await queue.schedule(QUEUES.dailyReport, dailyCron(deps.schedule.time), {}, { tz: deps.schedule.timeZone });
}

/**
 * Sends the report of the 24 hours before `now` to every admin, each in their own language, at most
 * once per admin and day. An admin who blocked the bot is skipped; other failures make the job retry,
 * and the admins already served are not sent it again.
 */
export async function sendDailyReport(deps: DailyReportDeps, now: Date = new Date()): Promise<void> {
  const log = deps.logger.child({ job: QUEUES.dailyReport });
  if (deps.adminIds.length === 0) {
    log.warn("no ADMIN_IDS: the daily report has nobody to go to");
    return;
  }
  const report = await collectDailyReport(deps.db, { from: new Date(now.getTime() - DAY_MS), to: now });
  const date = localDate(now, deps.schedule.timeZone);
  let failure: unknown;
  for (const adminId of deps.adminIds) {
    const marker = `daily-report:${date}:${adminId}`;
    if (!(await deps.kv.setIfAbsent(marker, "1", SENT_MARKER_TTL_MS))) continue;
    const profile = await deps.users.get(adminId);
    const locale = profile ? effectiveLocale(profile, deps.defaultLocale) : deps.defaultLocale;
    const text = dailyReportText((key, variables) => deps.translator.t(locale, key, variables), report, date);
    try {
      await deps.api.sendMessage(adminId, text, { parse_mode: "HTML" });
    } catch (error) {
      if (error instanceof GrammyError && error.error_code === 403) {
        log.warn({ adminId }, "an admin blocked the bot; no daily report for them");
        continue;
      }
      await deps.kv.del(marker);
      failure ??= error;
      log.error({ err: error, adminId }, "could not send the daily report");
    }
  }
  if (failure) throw failure;
  log.info({ date, admins: deps.adminIds.length }, "daily report sent");
}
