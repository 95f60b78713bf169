import { run, type RunnerHandle } from "@grammyjs/runner";
import type { Bot } from "grammy";
import type { BotContext } from "./context.js";
import { ALLOWED_UPDATES } from "./create-bot.js";

/** Pause between failed getUpdates calls. */
const POLLING_RETRY_MS = 2000;

/**
 * Long polling through @grammyjs/runner: updates of different chats run concurrently, one chat's in
 * order (sequentialize in createBot). Any webhook left from webhook mode is removed first, because
 * Telegram refuses getUpdates while one is set.
 */
export async function startPolling(bot: Bot<BotContext>): Promise<{ stop(): Promise<void> }> {
  await bot.init();
  await bot.api.deleteWebhook();
  const handle: RunnerHandle = run(bot, {
    runner: {
      fetch: { allowed_updates: [...ALLOWED_UPDATES], timeout: 25 },
      silent: true,
      // The runner's default doubles its pause without limit and gives up after 15 hours: after a long
      // Telegram outage the bot would come back minutes late, and after a very long one never. A steady
      // pause resumes within seconds of Telegram's return, whenever that is.
      retryInterval: POLLING_RETRY_MS,
      maxRetryTime: Number.POSITIVE_INFINITY,
    },
  });
  return {
    async stop() {
      if (handle.isRunning()) await handle.stop();
    },
  };
}
