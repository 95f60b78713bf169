import { describe, expect, it } from "vitest";
import { clockTime, localDate, startOfDay } from "../../../src/domain/admin/time-zone.js";
import { dailyCron } from "../../../src/jobs/daily-report.js";

describe("operator time zone", () => {
  it("finds local midnight in a zone ahead of UTC, across the UTC date line", () => {
    // 20:00 UTC is 01:00 the next day in Tashkent (UTC+5): the day began at 19:00 UTC.
    const now = new Date("2026-03-10T20:00:00Z");
    expect(startOfDay(now, "Asia/Tashkent").toISOString()).toBe("2026-03-10T19:00:00.000Z");
    expect(localDate(now, "Asia/Tashkent")).toBe("2026-03-11");
    expect(clockTime(now, "Asia/Tashkent")).toBe("01:00:00");
  });

  it("uses the offset of midnight, not of now, on a day the clocks change", () => {
    // Berlin switches to summer time at 02:00 on 29 March 2026: midnight was still UTC+1.
    const now = new Date("2026-03-29T12:00:00Z");
    expect(startOfDay(now, "Europe/Berlin").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(startOfDay(new Date("2026-07-01T00:30:00Z"), "America/New_York").toISOString()).toBe("2026-06-30T04:00:00.000Z");
  });

  it("turns DAILY_REPORT_TIME into a cron expression", () => {
    expect(dailyCron({ hour: 9, minute: 0 })).toBe("0 9 * * *");
    expect(dailyCron({ hour: 23, minute: 45 })).toBe("45 23 * * *");
  });
});
