import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectDailyReport, dailyReportText } from "../../../src/domain/admin/daily-report.js";
import { localDate } from "../../../src/domain/admin/time-zone.js";
import { LEDGER_KINDS } from "../../../src/domain/ledger/ledger-kinds.js";
import { credit } from "../../../src/domain/ledger/ledger.js";
import { sendDailyReport } from "../../../src/jobs/daily-report.js";
import { QUEUES } from "../../../src/jobs/queues.js";
import type { Locale } from "../../../src/config.js";
import { startBotApp, type BotAppHarness } from "../../support/bot-app.js";
import { plainText } from "../../support/plain-text.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { sleep } from "../../support/wait.js";
import { moneyOf, onboard } from "../payments/payment-helpers.js";

const ADMINS: Array<{ id: number; locale: Locale }> = [
  { id: 7_760_001, locale: "en" },
  { id: 7_760_002, locale: "ru" },
];

describe.each(TEST_TARGETS)("the daily report on $name", (target) => {
  let h: BotAppHarness;
  beforeAll(async () => {
    h = await startBotApp(target, {
      env: { ADMIN_IDS: ADMINS.map((a) => a.id).join(","), DAILY_REPORT_TIME: "07:30", DAILY_REPORT_TZ: "Asia/Tashkent" },
    });
    for (const admin of ADMINS) await onboard(h, admin.id, admin.locale, "Admin");
  });
  afterAll(async () => {
    await h?.stop();
  });

  it("is scheduled at DAILY_REPORT_TIME in DAILY_REPORT_TZ", async () => {
    const result = await h.app.database.executeSql("select cron, timezone from pgboss.schedule where name = $1", [QUEUES.dailyReport]);
    expect(result.rows).toEqual([{ cron: "30 7 * * *", timezone: "Asia/Tashkent" }]);
  });

  it("goes to every admin in their language, with the last 24 hours' figures, once a day", async () => {
    const buyer = 7_760_100;
    await onboard(h, buyer, "en", "Buyer");
    const { userId } = await moneyOf(h, buyer);
    await credit(h.app.database.db, { userId, amount: 1000, kind: LEDGER_KINDS.purchase, reference: "t", idempotencyKey: "report:buy" });

    // The scheduled job, run now.
    const now = new Date();
    h.bot.markCalls();
    await h.app.queue.send(QUEUES.dailyReport, {});
    const report = await collectDailyReport(h.app.database.db, { from: new Date(now.getTime() - 24 * 3600_000), to: now });
    const date = localDate(now, "Asia/Tashkent");
    for (const admin of ADMINS) {
      const t = (key: string, vars?: Record<string, string | number>) => h.app.translator.t(admin.locale, key, vars);
      const received = await h.bot.waitForBotMessage(admin.id, (m) => (m.text ?? "").startsWith("📈"), 10_000);
      expect(received.text).toBe(plainText(dailyReportText(t, report, date)));
    }
    expect(report.credits.bought).toBe(1000);
    expect(report.users.new).toBeGreaterThanOrEqual(3);

    // A second run the same day (a retry, a second scheduler) sends nothing more.
    await sendDailyReport({
      db: h.app.database.db,
      api: h.app.bot!.api,
      kv: h.app.kv,
      users: h.app.users,
      translator: h.app.translator,
      adminIds: ADMINS.map((a) => a.id),
      defaultLocale: "en",
      schedule: h.app.config.dailyReport,
      logger: h.app.logger,
    });
    await sleep(300);
    for (const admin of ADMINS) {
      expect(h.bot.chat(admin.id).messages.filter((m) => m.from === "bot" && (m.text ?? "").startsWith("📈"))).toHaveLength(1);
    }
  });
});
