import { GrammyError, HttpError, type Api } from "grammy";
import type { Broadcast } from "../../domain/broadcasts/broadcast-lifecycle.js";
import type { BroadcastSender, SendOutcome } from "../../domain/broadcasts/broadcast-engine.js";

/**
 * The broadcast engine's sender over the Bot API: copyMessage from the admin's own message, so text
 * formatting, media and entities arrive exactly as the admin wrote them, plus the optional link button.
 *
 * The Api given here must not retry on its own (no auto-retry): a 429 has to reach the engine, which
 * pauses every worker, and a silent retry would be a send the shared rate never counted.
 */
export function telegramBroadcastSender(api: Api): BroadcastSender {
  return {
    async send(broadcast: Broadcast, chatId: number): Promise<SendOutcome> {
      const markup =
        broadcast.buttonText && broadcast.buttonUrl
          ? { reply_markup: { inline_keyboard: [[{ text: broadcast.buttonText, url: broadcast.buttonUrl }]] } }
          : {};
      try {
        const copy = await api.copyMessage(chatId, broadcast.sourceChatId, broadcast.sourceMessageId, markup);
        return { kind: "sent", messageId: copy.message_id };
      } catch (error) {
        return outcomeOf(error);
      }
    },
  };
}

/** Telegram's answer as the engine's outcome: 429 pauses, 403 is final, 400 will not change, the rest may. */
function outcomeOf(error: unknown): SendOutcome {
  if (error instanceof GrammyError) {
    if (error.error_code === 429) return { kind: "rate_limited", retryAfterSeconds: error.parameters.retry_after ?? 1 };
    if (error.error_code === 403) return { kind: "unreachable", description: error.description };
    if (error.error_code === 400) return { kind: "rejected", description: error.description };
    return { kind: "error", description: error.description };
  }
  if (error instanceof HttpError) return { kind: "error", description: error.message };
  return { kind: "error", description: error instanceof Error ? error.message : String(error) };
}
