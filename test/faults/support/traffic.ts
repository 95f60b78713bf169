import type { EmulatedBot, EmulatedMessage, UserActor } from "../../../src/sandbox/telegram-emulator/index.js";

/**
 * Mixed user traffic for fault tests: people writing prompts and pressing Generate, topping up and
 * paying, concurrently. It talks only to the Telegram emulator, so it drives an app in this process or
 * in child processes alike, and it never fails on a missing answer: under faults some requests are
 * expected to go unanswered (the user simply tries again later). What counts is the money afterwards.
 */
export interface TrafficStats {
  generationsPressed: number;
  paymentsMade: number;
  paymentsRefused: number;
  /** Steps whose answer did not come in time (the fault ate it). */
  unanswered: number;
}

export function emptyStats(): TrafficStats {
  return { generationsPressed: 0, paymentsMade: 0, paymentsRefused: 0, unanswered: 0 };
}

/** A small seeded PRNG (mulberry32): fault tests and the fuzzer print their seed and can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function buttonData(message: EmulatedMessage): string[] {
  const markup = message.reply_markup;
  if (!markup || !("inline_keyboard" in markup)) return [];
  return markup.inline_keyboard.flat().flatMap((b) => ("callback_data" in b ? [b.callback_data] : []));
}

/**
 * Waits for a bot message in this chat, sent or edited at or after `fromId`, that matches. Polls the
 * chat itself rather than the emulator's shared wait cursor, so many users can wait at once.
 */
export async function waitInChat(
  bot: EmulatedBot,
  chatId: number,
  fromId: number,
  predicate: (m: EmulatedMessage) => boolean,
  timeoutMs: number,
): Promise<EmulatedMessage | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = bot
      .chat(chatId)
      .messages.filter((m) => m.from === "bot" && m.message_id >= fromId && predicate(m))
      .at(-1);
    if (found) return found;
    if (Date.now() > deadline) return undefined;
    await sleep(25);
  }
}

function nextMessageId(bot: EmulatedBot, chatId: number): number {
  return (bot.chat(chatId).messages.at(-1)?.message_id ?? 0) + 1;
}

/** Prompt → draft menu → Generate. */
export async function generateOnce(bot: EmulatedBot, actor: UserActor, prompt: string, stats: TrafficStats, timeoutMs = 4000): Promise<void> {
  const from = nextMessageId(bot, actor.id);
  await actor.sendText(prompt);
  const menu = await waitInChat(bot, actor.id, from, (m) => buttonData(m).some((d) => d.startsWith("g:go:")), timeoutMs);
  const go = menu && buttonData(menu).find((d) => d.startsWith("g:go:"));
  if (!menu || !go) {
    stats.unanswered++;
    return;
  }
  try {
    await actor.pressButton(menu, go);
    stats.generationsPressed++;
  } catch {
    // The menu changed under us (a fault made the bot answer twice): nothing was pressed.
    stats.unanswered++;
  }
}

/** /topup → 70 ⭐ → Pay → the invoice → Telegram's payment exchange. */
export async function buyOnce(bot: EmulatedBot, actor: UserActor, stats: TrafficStats, timeoutMs = 4000): Promise<void> {
  const from = nextMessageId(bot, actor.id);
  await actor.sendText("/topup");
  const menu = await waitInChat(bot, actor.id, from, (m) => buttonData(m).includes("topup:pick:70"), timeoutMs);
  if (!menu) return void stats.unanswered++;
  try {
    await actor.pressButton(menu, "topup:pick:70");
    const confirm = await waitInChat(bot, actor.id, menu.message_id, (m) => buttonData(m).includes("topup:pay:70"), timeoutMs);
    if (!confirm) return void stats.unanswered++;
    await actor.pressButton(confirm, "topup:pay:70");
    const invoice = await waitInChat(bot, actor.id, from, (m) => m.invoice !== undefined, timeoutMs);
    if (!invoice) return void stats.unanswered++;
    const outcome = await actor.pay(invoice);
    if (outcome.ok) stats.paymentsMade++;
    else stats.paymentsRefused++;
  } catch {
    stats.unanswered++;
  }
}

/**
 * After a fault is over: tries one purchase after another until one goes all the way through (menu,
 * confirmation, invoice, payment, credit notice). Returns how long recovery took, or undefined if no
 * purchase succeeded within `timeoutMs`.
 */
export async function timeToFirstPurchase(bot: EmulatedBot, actor: UserActor, timeoutMs: number): Promise<number | undefined> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const stats = emptyStats();
    const from = nextMessageId(bot, actor.id);
    await buyOnce(bot, actor, stats);
    const credited = stats.paymentsMade > 0 && (await waitInChat(bot, actor.id, from, (m) => (m.text ?? "").startsWith("✅"), 4000)) !== undefined;
    if (credited) return Date.now() - started;
  }
  return undefined;
}

/** /start → language → accept, tolerating slow answers; true when the user reached the home menu. */
export async function onboardThroughBot(bot: EmulatedBot, actor: UserActor, timeoutMs = 15_000): Promise<boolean> {
  const from = nextMessageId(bot, actor.id);
  await actor.sendText("/start");
  const picker = await waitInChat(bot, actor.id, from, (m) => buttonData(m).includes("onb:lang:en"), timeoutMs);
  if (!picker) return false;
  await actor.pressButton(picker, "onb:lang:en");
  const consent = await waitInChat(bot, actor.id, from, (m) => buttonData(m).includes("onb:accept"), timeoutMs);
  if (!consent) return false;
  await actor.pressButton(consent, "onb:accept");
  return (await waitInChat(bot, actor.id, from, (m) => buttonData(m).includes("home:create"), timeoutMs)) !== undefined;
}

/** Prompt → draft menu, without pressing Generate (traffic that touches sessions and drafts, not the worker). */
export async function draftOnce(bot: EmulatedBot, actor: UserActor, prompt: string, stats: TrafficStats, timeoutMs = 4000): Promise<void> {
  const from = nextMessageId(bot, actor.id);
  await actor.sendText(prompt);
  const menu = await waitInChat(bot, actor.id, from, (m) => buttonData(m).some((d) => d.startsWith("g:go:")), timeoutMs);
  if (!menu) stats.unanswered++;
}

/**
 * Each user, concurrently, alternates generations and purchases (chosen by `random`) until `stopAt`.
 * With `generate: false` prompts only open drafts, so no generation is in flight. Returns what was
 * attempted; none of it is asserted here. `stepTimeoutMs` (default 4 s) is how long each step waits for the
 * bot's answer before counting it unanswered and moving on.
 */
export async function runMixedTraffic(
  bot: EmulatedBot,
  actors: readonly UserActor[],
  random: () => number,
  stopAt: number,
  options: { generate?: boolean; stepTimeoutMs?: number } = {},
): Promise<TrafficStats> {
  const stats = emptyStats();
  const stepTimeoutMs = options.stepTimeoutMs ?? 4000;
  let round = 0;
  await Promise.all(
    actors.map(async (actor) => {
      while (Date.now() < stopAt) {
        round++;
        const prompt = `a lantern number ${round} in the rain`;
        if (random() >= 0.6) await buyOnce(bot, actor, stats, stepTimeoutMs);
        else if (options.generate === false) await draftOnce(bot, actor, prompt, stats, stepTimeoutMs);
        else await generateOnce(bot, actor, prompt, stats, stepTimeoutMs);
      }
    }),
  );
  return stats;
}
