import { GrammyError } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, createConfig } from "../../../src/config.js";
import { PrivacyService } from "../../../src/domain/privacy/privacy-service.js";
import { MemoryStore } from "../../../src/infra/kv/memory-store.js";
import { collectingLogger } from "../../support/collecting-logger.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { openMoneyDatabase, type MoneyDatabase } from "../database-fixture.js";

describe("privacy configuration", () => {
  it("defaults to a 30-day grace period and one export per 10 minutes", () => {
    expect(createConfig({}).privacy).toEqual({ deletionGraceDays: 30, exportIntervalSeconds: 600 });
    expect(createConfig({ ACCOUNT_DELETION_GRACE_DAYS: "0", DATA_EXPORT_INTERVAL_MINUTES: "1" }).privacy).toEqual({
      deletionGraceDays: 0,
      exportIntervalSeconds: 60,
    });
  });

  it.each([
    ["ACCOUNT_DELETION_GRACE_DAYS", "31", /ACCOUNT_DELETION_GRACE_DAYS: must be at most 30: the privacy policy promises deletion within 30 days/],
    ["ACCOUNT_DELETION_GRACE_DAYS", "-1", /ACCOUNT_DELETION_GRACE_DAYS/],
    ["DATA_EXPORT_INTERVAL_MINUTES", "0", /DATA_EXPORT_INTERVAL_MINUTES/],
  ])("refuses %s=%s naming the variable", (variable, value, message) => {
    let problems: string[] = [];
    try {
      createConfig({ [variable]: value });
    } catch (error) {
      if (error instanceof ConfigError) problems = error.problems;
    }
    expect(problems.join("\n")).toMatch(message);
  });
});

describe("logs", () => {
  it("a failed Telegram call is logged without its request (message texts, captions, chat ids)", () => {
    const { logger, lines } = collectingLogger([]);
    const error = new GrammyError(
      "Call to 'sendMessage' failed!",
      { ok: false, error_code: 400, description: "Bad Request: chat not found" },
      "sendMessage",
      { chat_id: 8_123_456_789, text: "my very private prompt" },
    );
    logger.error({ err: error }, "update handler failed");
    logger.child({ requestId: "r1" }).warn({ job: "x", err: error }, "nested");
    const text = lines.join("\n");
    expect(text).toContain("Bad Request: chat not found");
    expect(text).toContain('"method":"sendMessage"');
    expect(text).not.toContain("my very private prompt");
    expect(text).not.toContain("8123456789");
  });

  it("a client IP address never reaches a log line, whichever field carries it", () => {
    const { logger, lines } = collectingLogger([]);
    logger.warn({ ip: "198.51.100.7", securityEvent: "rate_limited" }, "security event");
    logger.child({ reqId: "r2" }).info({ req: { remoteAddress: "198.51.100.8", headers: { "x-forwarded-for": "198.51.100.9" } } }, "request");
    logger.info({ headers: { "x-real-ip": "198.51.100.10" }, socket: { remoteAddress: "198.51.100.11" } }, "raw");
    const text = lines.join("\n");
    expect(text).toContain("rate_limited");
    expect(text).not.toMatch(/198\.51\.100\.\d+/);
  });
});

describe.each(TEST_TARGETS)("the export limit on $name", (target) => {
  let m: MoneyDatabase;
  let clock = new Date("2026-04-01T08:00:00Z");
  let privacy: PrivacyService;
  beforeAll(async () => {
    m = await openMoneyDatabase(target);
    const { logger } = collectingLogger([]);
    privacy = new PrivacyService({
      db: m.db,
      kv: new MemoryStore(),
      logger,
      forget: async () => undefined,
      galleryRemovals: { enabled: true, enqueue: async () => undefined },
      settings: { deletionGraceDays: 30, exportIntervalSeconds: 600 },
      now: () => clock,
    });
  });
  afterAll(async () => {
    await m?.close();
  });

  it("allows one export per interval and says how long to wait; a failed export gives the slot back", async () => {
    const userId = await m.createUser();
    const other = await m.createUser();
    const first = await privacy.claimExport(userId);
    expect(first.ok).toBe(true);
    clock = new Date(clock.getTime() + 4 * 60_000);
    expect(await privacy.claimExport(userId)).toEqual({ ok: false, retryAfterSeconds: 360 });
    // Another user is not affected.
    expect((await privacy.claimExport(other)).ok).toBe(true);
    if (first.ok) await first.release();
    const again = await privacy.claimExport(userId);
    expect(again.ok).toBe(true);
    expect((await privacy.claimExport(userId)).ok).toBe(false);
  });

  it("the due date of a new request is the grace period from now", () => {
    expect(privacy.dueDateForNewRequest().getTime() - clock.getTime()).toBe(30 * 24 * 3600 * 1000);
  });
});
