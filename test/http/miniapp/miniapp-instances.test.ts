import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../../src/app.js";
import { createConfig } from "../../../src/config.js";
import type { GenerationView, QuoteView } from "../../../src/http/routes/miniapp/api-types.js";
import { TEST_BOT_TOKEN } from "../../support/bot-app.js";
import { TEST_TARGETS, uniquePrefix } from "../../support/targets.js";
import { PROVIDER_KEY, readyUser, startGenerationApp, type GenerationHarness } from "../../e2e/generation/generation-harness.js";
import { initDataFor, MiniAppStream, MiniAppTestClient } from "./miniapp-harness.js";

// Several processes share only PostgreSQL and Redis; PGlite is one process's own database.
const target = TEST_TARGETS.find((candidate) => candidate.name === "postgres");

describe.skipIf(target === undefined)("the Mini App across HTTP instances on PostgreSQL + Redis", () => {
  let h: GenerationHarness;
  let second: App;

  beforeAll(async () => {
    if (target === undefined) throw new Error("unreachable: the suite is skipped without PostgreSQL");
    h = await startGenerationApp(target, { TRIAL_GENERATIONS: "0" });
    // A second instance with only the HTTP role, as behind a load balancer: no worker, no bot.
    const { config } = h.app;
    second = await createApp(
      createConfig({
        BOT_TOKEN: TEST_BOT_TOKEN,
        TELEGRAM_API_ROOT: config.telegramApiRoot,
        DATABASE_URL: config.databaseUrl ?? "",
        REDIS_URL: config.redisUrl ?? "",
        WAVESPEED_API_KEY: PROVIDER_KEY,
        WAVESPEED_BASE_URL: config.wavespeed.baseUrl,
        HTTP_HOST: "127.0.0.1",
        HTTP_PORT: "0",
        LOG_LEVEL: "silent",
        TRIAL_GENERATIONS: "0",
      }),
      { roles: new Set(["http"]), kvPrefix: uniquePrefix() },
    );
    await second.start();
  });
  afterAll(async () => {
    await second?.stop();
    await h?.stop();
  });

  it("follows on one instance a generation started through another and run by a worker elsewhere", async () => {
    const id = 975_001;
    await readyUser(h, id, "en", 5000);
    const initData = initDataFor({ id });
    const watcher = await MiniAppStream.open(second.httpUrl() ?? "", initData);
    try {
      const starter = new MiniAppTestClient(h.app.httpUrl() ?? "", initData);
      const quote = await starter.post<QuoteView>("/api/miniapp/quote", { model: "qwen-image", params: {}, referenceCount: 0 });
      const started = await starter.post<GenerationView>("/api/miniapp/generations", { prompt: "seen elsewhere", model: "qwen-image", references: [], expectedPrice: quote.body.price });
      expect(started.status).toBe(201);
      const done = await watcher.waitFor((g) => g.id === started.body.id && g.phase === "done");
      expect(done.results).toHaveLength(1);
      // The other instance serves the file too: tickets are signed with the bot token every instance has.
      expect((await fetch(`${second.httpUrl()}${done.results[0]?.url}`)).status).toBe(200);
    } finally {
      watcher.close();
    }
  });
});
