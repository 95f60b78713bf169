import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify from "fastify";
import { afterAll, describe, expect, it } from "vitest";
import { registerMiniAppAssets } from "../../../src/http/routes/miniapp/miniapp-assets.js";

const built = mkdtempSync(join(tmpdir(), "miniapp-assets-"));
mkdirSync(join(built, "assets"));
writeFileSync(join(built, "index.html"), '<html><head><meta name="telegram-bot" content="{{bot-username}}" /><!-- telegram-web-app --></head></html>');
writeFileSync(join(built, "assets", "index-abc.js"), "console.log(1)");

afterAll(() => rmSync(built, { recursive: true, force: true }));

async function serve(dir: string, loadTelegramScript: boolean) {
  const app = Fastify();
  registerMiniAppAssets(app, dir, { loadTelegramScript, botUsername: "bananapics_bot" });
  await app.ready();
  return app;
}

describe("the Mini App's page", () => {
  it("is served at /app with Telegram's SDK and the bot's name, assets cached for good", async () => {
    const app = await serve(built, true);
    for (const url of ["/app", "/app/"]) {
      const page = await app.inject({ url });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<script src="https://telegram.org/js/telegram-web-app.js?59"></script>');
      expect(page.body).toContain('content="bananapics_bot"');
      expect(page.headers["cache-control"]).toBe("no-cache");
      expect(page.headers["content-security-policy"]).toContain("script-src 'self' https://telegram.org");
    }
    const asset = await app.inject({ url: "/app/assets/index-abc.js" });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    await app.close();
  });

  it("leaves the SDK out in the sandbox and says how to build when there is no build", async () => {
    const sandbox = await serve(built, false);
    expect((await sandbox.inject({ url: "/app" })).body).not.toContain("telegram.org");
    await sandbox.close();
    const missing = await serve(join(built, "nowhere"), true);
    const page = await missing.inject({ url: "/app" });
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain("npm run build");
    await missing.close();
  });
});
