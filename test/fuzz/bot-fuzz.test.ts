import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCALES } from "../../src/config.js";
import { QUEUES } from "../../src/jobs/queues.js";
import type { EmulatedMessage, UserActor } from "../../src/sandbox/telegram-emulator/index.js";
import { TEST_TARGETS } from "../support/targets.js";
import { startGenerationApp, type GenerationHarness } from "../e2e/generation/generation-harness.js";
import { settled, trackUpdates } from "../hostile/case-runner.js";
import { checkMoneyInvariants } from "../faults/support/money-invariants.js";
import { settleAndCheck } from "../faults/support/settle.js";
import { buttonData, buyOnce, emptyStats, generateOnce, seededRandom } from "../faults/support/traffic.js";
import { onboardedUser } from "../faults/support/users.js";

/**
 * Fuzzing the bot: seeded random sequences of updates from many users — /start, commands, prompts
 * (some hostile), presses of real buttons, forged callback data, payments through Telegram's exchange,
 * photos — in batches, with the money invariants and the absence of unhandled rejections and handler
 * errors checked after every batch, and everything settled at the end.
 *
 * The seed is printed; FUZZ_SEED=<n> replays a run. The default is short (it runs in `npm test`);
 * FUZZ_LONG=1 runs 40 batches of 120 actions over 12 users (a few minutes per target).
 */
const LONG = process.env.FUZZ_LONG === "1";
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const BATCHES = LONG ? 40 : 3;
const ACTIONS_PER_BATCH = LONG ? 120 : 40;
const USERS = LONG ? 12 : 6;

const PROMPTS = [
  "a cat on the moon",
  "<b>bold</b> & <script>x</script>",
  "🍌".repeat(50),
  "\u202eevil\u202c text",
  "*markdown* _it_",
  "a".repeat(2100),
  "قطة على القمر",
  "{ $name } %s",
  "x",
];
const COMMANDS = ["/start", "/help", "/profile", "/history", "/topup", "/settings", "/referral", "/mydata", "/language", "/nonsense"];

describe.each(TEST_TARGETS)("bot fuzz on $name", (target) => {
  let h: GenerationHarness;
  const random = seededRandom(SEED + (target.name === "postgres" ? 1 : 0));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const unhandled: unknown[] = [];
  const collect = (reason: unknown) => unhandled.push(reason);
  let actors: UserActor[];
  const tally = { actions: 0, invariantChecks: 0, forged: 0, payments: 0, presses: 0 };
  const traffic = emptyStats();

  beforeAll(async () => {
    console.info(`bot fuzz on ${target.name}: FUZZ_SEED=${SEED}${LONG ? " (long)" : ""}`);
    process.on("unhandledRejection", collect);
    h = await startGenerationApp(target, { TRIAL_GENERATIONS: "1", ALBUM_DEBOUNCE_MS: "200", GENERATION_DEADLINE_SECONDS: "20" });
    // Provider outcomes use Math.random: a replay repeats the users' actions, not every provider answer.
    h.provider.setBehavior({ failureRate: 0.3, contentBlockRate: 0.1 });
    trackUpdates(h);
    const base = 7_900_000 + (target.name === "postgres" ? 50_000 : 0);
    actors = [];
    // Half start onboarded with credits (so generations and payments happen), half from nothing.
    for (let i = 0; i < USERS; i++) {
      const locale = pick(LOCALES);
      actors.push(i % 2 === 0 ? await onboardedUser(h, base + i, locale, 2000) : h.bot.user({ id: base + i, first_name: `F${i}`, language_code: pick([...LOCALES, "de"]) }));
    }
  }, 60_000);

  afterAll(async () => {
    process.off("unhandledRejection", collect);
    await h?.stop();
  });

  const botMessages = (actor: UserActor): EmulatedMessage[] => h.bot.chat(actor.id).messages.filter((m) => m.from === "bot");

  /** One random action of this user; plain answers are not awaited (the batch settles them). */
  async function act(actor: UserActor): Promise<void> {
    const roll = random();
    tally.actions++;
    if (roll < 0.15) {
      await actor.sendText(pick(COMMANDS));
    } else if (roll < 0.35) {
      await actor.sendText(pick(PROMPTS));
    } else if (roll < 0.65) {
      // A real press of a button the bot showed: recent menus are likelier.
      const withButtons = botMessages(actor).filter((m) => buttonData(m).length > 0).slice(-4);
      if (withButtons.length === 0) return void (await actor.sendText("/start"));
      const message = pick(withButtons);
      tally.presses++;
      await actor.pressButton(message, pick(buttonData(message))).catch(() => undefined);
    } else if (roll < 0.72) {
      await generateOnce(h.bot, actor, pick(PROMPTS), traffic, 2000);
    } else if (roll < 0.8) {
      tally.forged++;
      h.bot.pushUpdate({ callback_query: { id: `fuzz-${SEED}-${tally.actions}`, from: { id: actor.id, is_bot: false, first_name: "F" }, chat_instance: "1", data: forgedData(actor), ...(latestMenu(actor) ? { message: latestMenu(actor)!.message } : {}) } });
    } else if (roll < 0.85) {
      const invoice = botMessages(actor).filter((m) => m.invoice !== undefined).at(-1);
      if (!invoice) return void (await actor.sendText("/topup"));
      tally.payments++;
      // Paying twice is a client error the emulator throws for; Telegram shows a receipt instead.
      await actor.pay(invoice).catch(() => undefined);
    } else if (roll < 0.92) {
      await buyOnce(h.bot, actor, traffic, 2000);
    } else {
      await actor.sendPhoto(random() < 0.5 ? { caption: pick(PROMPTS) } : {});
    }
  }

  function latestMenu(actor: UserActor): EmulatedMessage | undefined {
    return botMessages(actor).filter((m) => buttonData(m).length > 0).at(-1);
  }

  /** Callback data a forger would try: real data with numbers changed, another user's, or noise. */
  function forgedData(actor: UserActor): string {
    const real = actors.flatMap((a) => botMessages(a).flatMap(buttonData));
    const roll = random();
    if (roll < 0.4 && real.length > 0) return pick(real).replace(/\d+/g, () => String(Math.floor(random() * 10 ** (1 + Math.floor(random() * 12)))));
    if (roll < 0.7 && real.length > 0) return pick(real);
    if (roll < 0.85) return `g:go:${Math.floor(random() * 1000)}:${pick(["0", "1", "trial", "999999", "-1"])}`;
    return Array.from({ length: 1 + Math.floor(random() * 70) }, () => String.fromCharCode(32 + Math.floor(random() * 95))).join("") + actor.id;
  }

  it(`${BATCHES} batches of ${ACTIONS_PER_BATCH} random actions keep every invariant after each batch`, async () => {
    for (let batch = 0; batch < BATCHES; batch++) {
      const logsBefore = h.logLines.length;
      // Users act concurrently, each one action after another, like people in their own chats.
      await Promise.all(
        actors.map(async (actor) => {
          for (let i = 0; i < ACTIONS_PER_BATCH / USERS; i++) {
            await act(actor);
            if (random() < 0.3) await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 30)));
          }
        }),
      );
      expect(await settled(h, 20_000), `batch ${batch} was handled (FUZZ_SEED=${SEED})`).toBe(true);
      const report = await checkMoneyInvariants(h.app.database.db);
      tally.invariantChecks++;
      expect(report.violations, `after batch ${batch} (FUZZ_SEED=${SEED})`).toEqual([]);
      expect(unhandled, `unhandled rejections after batch ${batch} (FUZZ_SEED=${SEED})`).toEqual([]);
      const errors = h.logLines.slice(logsBefore).filter((l) => /"level":(50|60)/.test(l));
      expect(errors, `errors logged in batch ${batch} (FUZZ_SEED=${SEED})`).toEqual([]);
      if (LONG) console.info(`batch ${batch + 1}/${BATCHES}: ${tally.actions} actions so far, invariants hold`);
    }

    const final = await settleAndCheck({
      db: h.app.database.db,
      bot: h.bot,
      timeoutMs: 60_000,
      nudge: async () => {
        await h.app.queue.send(QUEUES.paymentReconciliation, {});
        await h.app.generationWorker!.sweep();
      },
    });
    console.info(
      `bot fuzz on ${target.name} (FUZZ_SEED=${SEED}): ${tally.actions} actions (${tally.presses} presses, ${tally.forged} forged callbacks, ` +
        `${tally.payments + traffic.paymentsMade} payments, ${traffic.generationsPressed} Generate presses), ` +
        `${tally.invariantChecks + final.checks} invariant checks over ${final.users} users, ${final.generations} generations, ${final.payments} payments`,
    );
    expect(final.violations, `settled (FUZZ_SEED=${SEED})`).toEqual([]);
    expect(unhandled).toEqual([]);
  }, LONG ? 1_800_000 : 120_000);
});
