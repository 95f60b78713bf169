import { run, type RunnerHandle } from "@grammyjs/runner";
import type { Bot } from "grammy";
import type { BotContext } from "./context.js";
import { ALLOWED_UPDATES } from "./create-bot.js";

/**
 * Long polling through @grammyjs/runner: updates of different chats run concurrently, one chat's in
 * order (sequentialize in createBot). Any webhook left from webhook mode is removed first, because
 * Telegram refuses getUpdates while one is set.
 */
export async function startPolling(bot: Bot<BotContext>): Promise<{ stop(): Promise<void> }> {
  await bot.init();
  await bot.api.deleteWebhook();
  const handle: RunnerHandle = run(bot, {
    runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES], timeout: 25 }, silent: true },
  });
  return {
    async stop() {
      if (handle.isRunning()) await handle.stop();
    },
  };
}
