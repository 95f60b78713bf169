import { describe, expect, it } from "vitest";
import { ConfigError, createConfig } from "../../../src/config.js";

describe("configuration of the admin features", () => {
  it("has the documented defaults", () => {
    const config = createConfig({});
    expect(config.broadcasts.ratePerSecond).toBe(25);
    expect(config.dailyReport).toEqual({ time: { hour: 9, minute: 0 }, timeZone: "Asia/Tashkent" });
    expect(config.support.chatId).toBeUndefined();
  });

  it("reads a support group, a report time and zone, and a rate", () => {
    const config = createConfig({ SUPPORT_CHAT_ID: "-1001234567890", DAILY_REPORT_TIME: "7:05", DAILY_REPORT_TZ: "Europe/Berlin", BROADCAST_RATE_PER_SECOND: "200" });
    expect(config.support.chatId).toBe(-1001234567890);
    expect(config.dailyReport).toEqual({ time: { hour: 7, minute: 5 }, timeZone: "Europe/Berlin" });
    expect(config.broadcasts.ratePerSecond).toBe(200);
  });

  it("refuses bad values with one line per variable, naming it", () => {
    let problems: string[] = [];
    try {
      createConfig({ SUPPORT_CHAT_ID: "support", DAILY_REPORT_TIME: "24:00", DAILY_REPORT_TZ: "Mars/Olympus", BROADCAST_RATE_PER_SECOND: "0" });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      problems = (error as ConfigError).problems;
    }
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["BROADCAST_RATE_PER_SECOND", "DAILY_REPORT_TIME", "DAILY_REPORT_TZ", "SUPPORT_CHAT_ID"]);
  });
});
