import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generations } from "../../src/db/schema/index.js";
import { QUEUES } from "../../src/jobs/queues.js";
import { startTelegramEmulator, type EmulatedBot, type TelegramEmulator, type UserActor } from "../../src/sandbox/telegram-emulator/index.js";
import { TEST_TARGETS } from "../support/targets.js";
import { createGeneration, newUser, startGenerationApp, submitsSeen, type GenerationApp, type TestUser } from "../e2e/generation-worker/harness.js";
import { waitUntil } from "../support/wait.js";
import { settleAndCheck } from "./support/settle.js";
import { startTcpProxy, throughProxy, type TcpProxy } from "./support/tcp-proxy.js";
import { runMixedTraffic, seededRandom } from "./support/traffic.js";
import { onboardedUser } from "./support/users.js";

/**
 * Faults of the two services the bot depends on, injected while users generate and pay: Telegram
 * answering 429 bursts, 5xx and resetting connections; Wavespeed answering 429 and 5xx, hanging,
 * sending malformed JSON, resetting, and expiring its output URLs. After the faults stop, every paid
 * order is credited once, every charged generation is delivered or refunded once, and every balance
 * equals its ledger.
 */
const SEED = Number(process.env.FAULT_SEED ?? Date.now() % 100_000);
const SUBMIT_PATH = /^\/api\/v3\/(google|bytedance|openai|wavespeed-ai)\//;
const RESULT_PATH = /^\/api\/v3\/predictions\//;

/** Failures injected with failNext that no call consumed; left queued, they would hit the next test. */
function clearInjectedFailures(bot: EmulatedBot): void {
  // The control lives on the emulator's implementation, not on the EmulatedBot interface tests use.
  const impl = bot as unknown as { takeInjectedFailure(method: string): unknown };
  for (const method of ["sendMessage", "editMessageText", "answerCallbackQuery", "sendInvoice", "sendDocument", "getUpdates", "answerPreCheckoutQuery"]) {
    while (impl.takeInjectedFailure(method) !== undefined);
  }
}

describe.each(TEST_TARGETS)("Telegram and Wavespeed faults on $name", (target) => {
  let emulator: TelegramEmulator;
  let telegramProxy: TcpProxy;
  let app: GenerationApp;
  let actors: UserActor[];
  let generationUsers: TestUser[];
  const random = seededRandom(SEED);

  beforeAll(async () => {
    console.info(`service faults on ${target.name}: FAULT_SEED=${SEED}`);
    emulator = await startTelegramEmulator();
    telegramProxy = await startTcpProxy({ host: "127.0.0.1", port: Number(new URL(emulator.apiRoot).port) });
    app = await startGenerationApp(target, {
      emulator,
      env: {
        TELEGRAM_API_ROOT: throughProxy(emulator.apiRoot, telegramProxy).replace(/\/$/, ""),
        TRIAL_GENERATIONS: "0",
        MAX_PARALLEL_GENERATIONS: "5",
        GENERATION_DEADLINE_SECONDS: "30",
      },
    });
    actors = [];
    for (let i = 0; i < 5; i++) actors.push(await onboardedUser(app.h, 7_600_000 + (target.name === "postgres" ? 100 : 0) + i, "en", 5000));
    generationUsers = [];
    for (let i = 0; i < 4; i++) generationUsers.push(await newUser(app.h, 3000));
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await telegramProxy?.close();
    await emulator?.stop();
  });

  const settle = () =>
    settleAndCheck({
      db: app.h.app.database.db,
      bot: app.h.bot,
      timeoutMs: 45_000,
      nudge: async () => {
        await app.h.app.queue.send(QUEUES.paymentReconciliation, {});
        await app.h.app.generationWorker!.sweep();
      },
    });

  it("Telegram: 429 bursts, 5xx answers and connection resets during mixed traffic lose no money", async () => {
    const bot = app.h.bot;
    const tooMany = { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } };
    const badGateway = { error_code: 502, description: "Bad Gateway" };
    const internal = { error_code: 500, description: "Internal Server Error" };
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    // Answers slowed by the faults (auto-retry waits out each 429 and 5xx) still count on a busy machine:
    // the assertions below need some purchases and generations to have gone through during the faults.
    const traffic = runMixedTraffic(bot, actors, random, Date.now() + 12_000, { stepTimeoutMs: 10_000 });
    // Faults arrive while users are mid-flow: 429 bursts, then 5xx answers, then the connection drops.
    await pause(1500);
    for (const method of ["sendMessage", "editMessageText", "answerCallbackQuery", "sendInvoice"]) bot.failNext(method, tooMany, 2);
    bot.failNext("sendDocument", tooMany, 3);
    bot.failNext("getUpdates", tooMany, 1);
    await pause(3000);
    bot.failNext("sendDocument", internal, 3);
    bot.failNext("sendMessage", badGateway, 2);
    // grammY's auto-retry backs off 3 s after a 5xx: one failed poll is enough to show the bot resumes.
    bot.failNext("getUpdates", badGateway, 1);
    bot.failNext("answerPreCheckoutQuery", internal, 1);
    await pause(3000);
    await telegramProxy.outage(1000);
    const stats = await traffic;
    clearInjectedFailures(bot);

    const report = await settle();
    const injected = bot.calls.filter((c) => !c.ok && [429, 500, 502].includes(c.error?.error_code ?? 0)).length;
    console.info(
      `Telegram faults on ${target.name}: ${injected} error answers, ${telegramProxy.connectionsCut} connections reset, ${telegramProxy.connectionsRefused} refused; ` +
        `traffic ${JSON.stringify(stats)}; invariants checked ${report.checks}× over ${report.users} users, ${report.generations} generations, ${report.payments} payments`,
    );
    expect(report.violations).toEqual([]);
    expect(injected).toBeGreaterThanOrEqual(10);
    expect(telegramProxy.connectionsCut).toBeGreaterThan(0);
    expect(stats.generationsPressed).toBeGreaterThan(0);
    expect(stats.paymentsMade).toBeGreaterThan(0);
    // Every delivered generation has its Telegram file: the document really reached the chat.
    const delivered = await app.h.app.database.db.select().from(generations).where(eq(generations.status, "delivered"));
    for (const row of delivered) expect(row.resultFileIds.length, `generation ${row.id}`).toBeGreaterThan(0);
  }, 90_000);

  it("Wavespeed: 429, 5xx, hangs, malformed JSON, resets and expired outputs: each generation delivered or refunded once, never submitted twice", async () => {
    const { h, fake } = app;
    const users = generationUsers;
    const submitsBefore = submitsSeen(fake).length;
    fake.injectFault({ method: "POST", path: SUBMIT_PATH }, { status: 429, body: JSON.stringify({ code: 429, message: "rate limited", data: null }) }, 2);
    fake.injectFault({ method: "POST", path: SUBMIT_PATH }, { status: 503, body: JSON.stringify({ code: 503, message: "unavailable", data: null }) }, 1);
    fake.injectFault({ method: "POST", path: SUBMIT_PATH }, { hangMs: 3000 }, 1);
    fake.injectFault({ method: "POST", path: SUBMIT_PATH }, { reset: true }, 1);
    fake.injectFault({ method: "GET", path: RESULT_PATH }, { malformed: true }, 2);
    fake.injectFault({ method: "GET", path: RESULT_PATH }, { status: 502, body: "<html>bad gateway</html>" }, 2);
    fake.injectFault({ method: "GET", path: RESULT_PATH }, { reset: true }, 1);
    fake.injectFault({ method: "GET", path: RESULT_PATH }, { hangMs: 3000 }, 1);
    const created = [];
    for (let i = 0; i < 12; i++) created.push(await createGeneration(h, users[i % users.length]!, { prompt: `fault batch ${SEED} #${i}` }));
    // A second batch whose outputs expire at the provider before the worker downloads them.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const expiring = [];
    for (let i = 0; i < 3; i++) expiring.push(await createGeneration(h, users[i]!, { prompt: `expiring ${SEED} #${i}` }));
    // Expire the outputs once one of these tasks is at the provider: the worker's first result poll comes a
    // second or more after its submit, so it has not downloaded anything yet. (A fixed pause could end
    // before any submit on a busy machine, or after the downloads.)
    await waitUntil(
      () => [...fake.tasks.values()].some((task) => String(task.input.prompt).startsWith(`expiring ${SEED} `)),
      "an expiring generation is submitted",
      30_000,
    );
    fake.deleteOutputs();

    const report = await settle();
    console.info(`Wavespeed faults on ${target.name}: ${created.length + expiring.length} generations; invariants checked ${report.checks}×`);
    expect(report.violations).toEqual([]);
    const rows = await h.app.database.db.select().from(generations);
    const ours = rows.filter((r) => r.prompt.includes(String(SEED)));
    expect(ours).toHaveLength(created.length + expiring.length);
    for (const row of ours) expect(["delivered", "failed"]).toContain(row.status);
    // Never submitted twice: one provider task per prompt at most.
    const tasksPerPrompt = new Map<string, number>();
    for (const task of fake.tasks.values()) {
      const prompt = String(task.input.prompt);
      tasksPerPrompt.set(prompt, (tasksPerPrompt.get(prompt) ?? 0) + 1);
    }
    for (const row of ours) expect(tasksPerPrompt.get(row.prompt) ?? 0, row.prompt).toBeLessThanOrEqual(1);
    expect(submitsSeen(fake).length - submitsBefore).toBeGreaterThanOrEqual(created.length);
    expect(ours.filter((r) => r.prompt.startsWith("expiring") && r.status === "failed").length).toBeGreaterThan(0);
  }, 90_000);
});
