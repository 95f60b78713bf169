import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCALES } from "../../src/config.js";
import { generationDrafts, generations } from "../../src/db/schema/index.js";
import { checkMoneyInvariants } from "../faults/support/money-invariants.js";
import { TEST_TARGETS } from "../support/targets.js";
import { waitUntil } from "../support/wait.js";
import { readyUser, startGenerationApp, type GenerationHarness } from "../e2e/generation/generation-harness.js";
import { lastInvoicePayload, latestOf, moneyOf, runCase, trackUpdates, type Victim } from "./case-runner.js";
import { loadCorpus } from "./corpus.js";

/**
 * Replays every case of the hostile input corpus (test/hostile/fixtures) through the Telegram emulator
 * against the real app, on each test target. Each case must have its defined, localized outcome, log
 * no error and move no money; afterwards the victim every case aims at is untouched, every balance
 * equals its ledger, and the process saw no unhandled rejection.
 */
/** HOSTILE_CASES=<regex> runs only the cases whose id matches (to replay one while fixing it). */
const only = process.env.HOSTILE_CASES ? new RegExp(process.env.HOSTILE_CASES) : undefined;
const corpus = loadCorpus().filter((c) => only === undefined || only.test(c.id));
const unhandled: unknown[] = [];
const collect = (reason: unknown) => unhandled.push(reason);

beforeAll(() => {
  process.on("unhandledRejection", collect);
});
afterAll(() => {
  process.off("unhandledRejection", collect);
});

describe.each(TEST_TARGETS)("hostile input corpus on $name", (target) => {
  let h: GenerationHarness;
  let victim: Victim;
  let victimBefore: { balance: number; draftStatus: string | undefined; generations: number };
  const base = target.name === "postgres" ? 8_900_000 : 8_800_000;

  beforeAll(async () => {
    h = await startGenerationApp(target, { TRIAL_GENERATIONS: "0", ALBUM_DEBOUNCE_MS: "150" });
    trackUpdates(h);
    victim = await prepareVictim(h, base - 1);
    victimBefore = await victimState(h, victim);
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  it.skipIf(only !== undefined)(`the corpus has at least 100 cases (${corpus.length})`, () => {
    expect(corpus.length).toBeGreaterThanOrEqual(100);
  });

  const figures = { cases: 0, updates: 0, direct: 0 };
  it.each(corpus.map((c, index) => ({ ...c, index })))("$file › $id", async (c) => {
    const locale = c.locale ?? LOCALES[c.index % LOCALES.length]!;
    const result = await runCase(h, c, base + c.index, locale, victim);
    figures.cases++;
    figures.updates += result.updates;
    figures.direct += result.direct;
    expect(result.problems, `${c.id}: ${c.description}`).toEqual([]);
  });

  it("afterwards: the victim is untouched, every balance equals its ledger, and no promise was left unhandled", async () => {
    expect(await victimState(h, victim)).toEqual(victimBefore);
    const report = await checkMoneyInvariants(h.app.database.db);
    expect(report.violations).toEqual([]);
    expect(report.users).toBeGreaterThanOrEqual(corpus.length);
    expect(unhandled).toEqual([]);
    console.info(
      `hostile corpus on ${target.name}: ${figures.cases} cases, ${figures.updates} hostile updates (${figures.direct} handed to the bot directly), ` +
        `invariants checked over ${report.users} users`,
    );
  });
});

/** A user with credits, a delivered generation, an open draft and an unpaid invoice: what cases aim at. */
async function prepareVictim(h: GenerationHarness, telegramId: number): Promise<Victim> {
  const actor = await readyUser(h, telegramId, "ru", 1000);
  h.bot.markCalls();
  await actor.sendText("a quiet harbour at dawn");
  const menu = await h.bot.waitForBotMessage(telegramId, (m) => JSON.stringify(m.reply_markup ?? {}).includes("g:go:"));
  const go = JSON.stringify(menu.reply_markup).match(/g:go:\d+:\d+/)?.[0];
  if (!go) throw new Error("no Generate button");
  h.bot.markCalls();
  await actor.pressButton(menu, go);
  await h.bot.waitForCall("sendDocument", (c) => c.ok && Number(c.payload.chat_id) === telegramId, 30_000);
  h.bot.markCalls();
  await actor.sendText("a lighthouse in the fog");
  await h.bot.waitForBotMessage(telegramId, (m) => JSON.stringify(m.reply_markup ?? {}).includes("g:go:"));
  h.bot.markCalls();
  await actor.sendText("/topup");
  const topUp = await h.bot.waitForBotMessage(telegramId, (m) => JSON.stringify(m.reply_markup ?? {}).includes("topup:pick:70"));
  await actor.pressButton(topUp, "topup:pick:70");
  const confirm = await h.bot.waitForBotMessage(telegramId, (m) => JSON.stringify(m.reply_markup ?? {}).includes("topup:pay:70"));
  await actor.pressButton(confirm, "topup:pay:70");
  await h.bot.waitForBotMessage(telegramId, (m) => m.invoice !== undefined);
  const latest = await latestOf(h, telegramId);
  const invoicePayload = lastInvoicePayload(h, telegramId);
  if (!latest.draftId || !latest.generationPublicId || !invoicePayload) throw new Error("the victim is not fully prepared");
  await waitUntil(async () => (await moneyOf(h, telegramId)) !== undefined, "the victim exists");
  return { actor, draftId: latest.draftId, invoicePayload, generationPublicId: latest.generationPublicId };
}

async function victimState(h: GenerationHarness, victim: Victim) {
  const money = await moneyOf(h, victim.actor.id);
  const db = h.app.database.db;
  const [draft] = await db.select({ status: generationDrafts.status }).from(generationDrafts).where(eq(generationDrafts.id, victim.draftId));
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(generations).where(eq(generations.userId, money!.userId));
  return { balance: money!.balance, draftStatus: draft?.status, generations: count?.n ?? 0 };
}
