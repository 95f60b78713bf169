import type { EmulatedBot, EmulatedMessage } from "../../src/sandbox/telegram-emulator/index.js";

/** One thing a simulated user does, and the bot's visible answer it waits for. */
export interface Step {
  chatId: number;
  /** Pushes the update (synchronously: the clock starts just before). */
  act(): void | Promise<unknown>;
  /** Whether this bot message (sent or edited) is the answer. */
  expect(message: EmulatedMessage): boolean;
}

/** A user's steps, one after another; each sees the answer to the previous one. */
export type UserScript = (previous: EmulatedMessage | undefined) => Step | undefined;

export interface WorkloadOptions {
  bot: EmulatedBot;
  /** A fresh user's script; `index` counts users from 0. */
  newUser(index: number): UserScript;
  /** Steps to issue in all. */
  steps: number;
  /** At most this many steps wait for their answer at once (many users, each one step at a time). */
  concurrency: number;
  /** Open loop: steps are issued at this rate (a user's next step still waits for its answer). */
  ratePerSecond?: number;
  /** Stop issuing after this long even if fewer than `steps` were issued (steps in flight still finish). */
  maxDurationMs?: number;
  /** No more users than this (each runs its whole script): steps then wait for a user to be ready. */
  maxUsers?: number;
  /** A step without an answer after this long counts as lost, and its user stops. */
  stepTimeoutMs?: number;
}

export interface WorkloadResult {
  issued: number;
  answered: number;
  lost: number;
  elapsedMs: number;
  /** Answered steps per second over the whole run. */
  throughput: number;
  /** From pushing each update to the bot's answer becoming visible in the chat, in ms. */
  latencies: number[];
  errors: string[];
}

interface Waiting {
  step: Step;
  startedAt: number;
  timer: NodeJS.Timeout;
  user: UserState;
}

interface UserState {
  script: UserScript;
  previous: EmulatedMessage | undefined;
}

/**
 * Drives many simulated users through the emulator. Closed loop: `concurrency` steps in flight, the
 * next one issued as soon as one is answered (maximum throughput). Open loop: steps issued at
 * `ratePerSecond` (latency at a given load). A step is one update; its latency runs from pushing the
 * update to the first bot message or edit in that chat that answers it.
 */
export async function runWorkload(options: WorkloadOptions): Promise<WorkloadResult> {
  const { bot } = options;
  const stepTimeoutMs = options.stepTimeoutMs ?? 30_000;
  const waiting = new Map<number, Waiting>();
  const ready: UserState[] = [];
  const latencies: number[] = [];
  const errors: string[] = [];
  let users = 0;
  let issued = 0;
  let answered = 0;
  let lost = 0;
  let firstIssue = 0;
  let lastAnswer = 0;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });

  const onBotMessage = (message: EmulatedMessage) => {
    if (message.from !== "bot") return;
    const entry = waiting.get(message.chat_id);
    if (!entry || !entry.step.expect(message)) return;
    const now = performance.now();
    clearTimeout(entry.timer);
    waiting.delete(message.chat_id);
    latencies.push(now - entry.startedAt);
    answered++;
    lastAnswer = now;
    entry.user.previous = message;
    ready.push(entry.user);
    settle();
  };
  bot.events.on("message", onBotMessage);
  bot.events.on("edit", onBotMessage);

  const fail = (chatId: number, reason: string) => {
    const entry = waiting.get(chatId);
    if (!entry) return;
    clearTimeout(entry.timer);
    waiting.delete(chatId);
    lost++;
    if (errors.length < 5) errors.push(reason);
    settle();
  };

  /** Issues one step from a user who is ready, or from a new user; false when none could be issued. */
  const issueOne = (): boolean => {
    for (;;) {
      let user = ready.shift();
      if (!user) {
        if (options.maxUsers !== undefined && users >= options.maxUsers) return false;
        user = { script: options.newUser(users++), previous: undefined };
      }
      const step = user.script(user.previous);
      if (!step) continue;
      if (waiting.has(step.chatId)) throw new Error(`user ${step.chatId} has two steps in flight`);
      const startedAt = performance.now();
      if (issued === 0) firstIssue = startedAt;
      const timer = setTimeout(() => fail(step.chatId, `no answer within ${stepTimeoutMs} ms in chat ${step.chatId}`), stepTimeoutMs);
      waiting.set(step.chatId, { step, startedAt, timer, user });
      issued++;
      try {
        const pending = step.act();
        if (pending instanceof Promise) pending.catch((error: unknown) => fail(step.chatId, String(error)));
      } catch (error) {
        fail(step.chatId, String(error));
      }
      return true;
    }
  };

  let issueUntil = Number.POSITIVE_INFINITY;
  const timeLeft = () => performance.now() < issueUntil;
  /** False once every user of a capped workload has run its whole script, or the time is up. */
  const canIssue = () => timeLeft() && (ready.length > 0 || options.maxUsers === undefined || users < options.maxUsers);

  let ticker: NodeJS.Timeout | undefined;
  const settle = () => {
    if (options.ratePerSecond === undefined) {
      while (issued < options.steps && waiting.size < options.concurrency && timeLeft() && issueOne());
    }
    if (waiting.size === 0 && (issued >= options.steps || !canIssue())) finish();
  };

  if (options.maxDurationMs !== undefined) issueUntil = performance.now() + options.maxDurationMs;
  if (options.ratePerSecond === undefined) {
    settle();
  } else {
    const rate = options.ratePerSecond;
    const start = performance.now();
    ticker = setInterval(() => {
      const due = Math.min(options.steps, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
      while (issued < due && waiting.size < options.concurrency && timeLeft() && issueOne());
      if (issued >= options.steps || !timeLeft() || (waiting.size === 0 && !canIssue())) {
        clearInterval(ticker);
        settle();
      }
    }, 1);
  }

  await done;
  if (ticker) clearInterval(ticker);
  bot.events.off("message", onBotMessage);
  bot.events.off("edit", onBotMessage);
  const elapsedMs = Math.max(1, lastAnswer - firstIssue);
  return {
    issued,
    answered,
    lost,
    elapsedMs,
    throughput: (answered * 1000) / elapsedMs,
    latencies,
    errors,
  };
}
