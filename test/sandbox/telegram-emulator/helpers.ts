import { Bot } from "grammy";
import {
  startTelegramEmulator,
  type EmulatedBot,
  type EmulatorOptions,
  type TelegramEmulator,
} from "../../../src/sandbox/telegram-emulator/index.js";

export const TOKEN = "123456:TEST-token_abc";

/** An emulator with one registered bot, and a way to stop everything a test started. */
export interface Harness {
  emu: TelegramEmulator;
  tg: EmulatedBot;
  /** A grammY bot talking to the emulator; not started. */
  bot: Bot;
  /** Starts long polling; updates pushed before the first getUpdates arrives simply wait in the queue. */
  startPolling(): Promise<void>;
  /** Plain Bot API call over fetch, returning the HTTP status and the JSON body. */
  call(method: string, params?: Record<string, unknown>): Promise<{ status: number; body: ApiBody }>;
  stop(): Promise<void>;
}

export interface ApiBody {
  ok: boolean;
  result?: unknown;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number };
}

export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const emu = await startTelegramEmulator(options);
  const tg = emu.registerBot({ token: TOKEN, username: "banana_test_bot", firstName: "Bananapics" });
  const bot = new Bot(TOKEN, { botInfo: tg.info, client: { apiRoot: emu.apiRoot } });
  bot.catch((err) => {
    console.error("bot error", err.error);
  });
  let polling: Promise<void> | undefined;
  return {
    emu,
    tg,
    bot,
    async startPolling() {
      await new Promise<void>((resolve) => {
        polling = bot.start({ onStart: () => resolve(), timeout: 30 });
      });
    },
    async call(method, params = {}) {
      const response = await fetch(`${emu.apiRoot}/bot${TOKEN}/${method}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(params),
      });
      return { status: response.status, body: (await response.json()) as ApiBody };
    },
    async stop() {
      if (bot.isRunning()) await bot.stop();
      await polling;
      await emu.stop();
    },
  };
}

/**
 * Whether the emulator is holding a getUpdates long poll right now. Read from the update queue's private
 * state (the public API has no such signal), so a test can act once the poll has really arrived instead
 * of after a fixed pause that a busy machine may outlast.
 */
export function pollHeld(tg: EmulatedBot): boolean {
  return (tg as unknown as { updates: { poller?: unknown } }).updates.poller !== undefined;
}
