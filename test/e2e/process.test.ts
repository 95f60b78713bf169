import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startTelegramEmulator } from "../../src/sandbox/telegram-emulator/index.js";
import { freePort } from "../support/free-port.js";
import { spawnService } from "../support/spawn-service.js";
import { TEST_TARGETS } from "../support/targets.js";
import { TEST_BOT_TOKEN } from "../support/bot-app.js";

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "bananapics-"));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe("the service as a process", () => {
  it("starts with no configuration at all: embedded database migrated, sandbox announced, /healthz answers, SIGTERM stops it", { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const service = spawnService({ DATA_DIR: dataDir, HTTP_PORT: String(port), HTTP_HOST: "127.0.0.1" });
    try {
      const announcement = await service.waitForLine(/Sandbox ready/);
      expect(announcement).toContain(`http://localhost:${port}/sandbox`);
      expect(service.lines.some((l) => l.includes('"database":"pglite"'))).toBe(true);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
      expect(existsSync(join(dataDir, "sandbox"))).toBe(true);
    } finally {
      const { code, ms } = await service.stop();
      expect(code).toBe(0);
      expect(ms).toBeLessThan(10_000);
    }
  });

  describe.each(TEST_TARGETS)("with BOT_TOKEN against the emulator on $name", (target) => {
    // Two cold starts of a real process; generous under a fully loaded test run on two cores.
    it("completes onboarding, and after a restart the user is still there", { timeout: 120_000 }, async () => {
      const emulator = await startTelegramEmulator();
      const bot = emulator.registerBot({ token: TEST_BOT_TOKEN, username: "bananapics_test_bot" });
      const database = await target.createDatabase();
      const dataDir = tempDir();
      const env = {
        BOT_TOKEN: TEST_BOT_TOKEN,
        TELEGRAM_API_ROOT: emulator.apiRoot,
        DATA_DIR: dataDir,
        HTTP_HOST: "127.0.0.1",
        HTTP_PORT: String(await freePort()),
        ...(database.url ? { DATABASE_URL: database.url } : {}),
        ...(target.redisUrl ? { REDIS_URL: target.redisUrl } : {}),
      };
      const user = bot.user({ id: 4242, first_name: "Persistent", language_code: "ru" });
      try {
        const first = spawnService(env);
        try {
          await first.waitForLine(/"msg":"started"/);
          bot.markCalls();
          await user.sendText("/start");
          const picker = await bot.waitForBotMessage(4242, undefined, 15_000);
          await user.pressButton(picker, "onb:lang:ru");
          const consent = await bot.waitForBotMessage(
            4242,
            (m) => m.reply_markup !== undefined && JSON.stringify(m.reply_markup).includes("onb:accept"),
            15_000,
          );
          bot.markCalls();
          await user.pressButton(consent, "onb:accept");
          await bot.waitForBotMessage(4242, (m) => JSON.stringify(m.reply_markup ?? {}).includes("home:create"), 15_000);
        } finally {
          expect((await first.stop()).code).toBe(0);
        }
        expect(first.lines.join("\n")).not.toContain(TEST_BOT_TOKEN);

        const second = spawnService(env);
        try {
          await second.waitForLine(/"msg":"started"/);
          bot.markCalls();
          await user.sendText("/start");
          // Straight to the home menu, in Russian: the user, the language and the consent survived.
          const home = await bot.waitForBotMessage(4242, undefined, 15_000);
          expect(home.text).toContain("Привет, Persistent!");
          expect(JSON.stringify(home.reply_markup)).toContain("home:create");
        } finally {
          expect((await second.stop()).code).toBe(0);
        }
      } finally {
        await emulator.stop();
        await database.drop();
      }
    });
  });
});
