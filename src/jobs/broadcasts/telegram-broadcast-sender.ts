import { GrammyError, HttpError, type Api } from "grammy";
import type { MessageEntity } from "grammy/types";
import type { Broadcast } from "../../domain/broadcasts/broadcast-lifecycle.js";
import type { BroadcastDelivery, BroadcastSender, SendOutcome } from "../../domain/broadcasts/broadcast-engine.js";
import { serviceNoticeMessage } from "../../domain/broadcasts/service-notice.js";

/**
 * The broadcast engine's sender over the Bot API: copyMessage from the admin's own message, so text
 * formatting, media and entities arrive exactly as the admin wrote them, plus the optional link button.
 * A service notice gets its marking line on top: a text is sent anew with the stored text and entities
 * (copyMessage cannot change a text), a media message is copied with the marked caption.
 *
 * The Api given here must not retry on its own (no auto-retry): a 429 has to reach the engine, which
 * pauses every worker, and a silent retry would be a send the shared rate never counted.
 */
export function telegramBroadcastSender(api: Api): BroadcastSender {
  return {
    async send(broadcast: Broadcast, delivery: BroadcastDelivery): Promise<SendOutcome> {
      try {
        const copy = await sendBroadcastCopy(api, broadcast, delivery);
        return { kind: "sent", messageId: copy.message_id };
      } catch (error) {
        return outcomeOf(error);
      }
    },
  };
}

/** One recipient's copy of a broadcast; errors are Telegram's, untouched. */
async function sendBroadcastCopy(api: Api, broadcast: Broadcast, delivery: BroadcastDelivery): Promise<{ message_id: number }> {
  const markup =
    broadcast.buttonText && broadcast.buttonUrl ? { reply_markup: { inline_keyboard: [[{ text: broadcast.buttonText, url: broadcast.buttonUrl }]] } } : {};
  if (delivery.serviceNoticeLabel === undefined) {
    return api.copyMessage(delivery.chatId, broadcast.sourceChatId, broadcast.sourceMessageId, markup);
  }
  const notice = serviceNoticeMessage(broadcast, delivery.serviceNoticeLabel);
  // Entities are stored as Telegram gave them; the marking line adds one bold entity of the same shape.
  if (notice.kind === "text") return api.sendMessage(delivery.chatId, notice.text, { entities: notice.entities as MessageEntity[], ...markup });
  return api.copyMessage(delivery.chatId, broadcast.sourceChatId, broadcast.sourceMessageId, {
    caption: notice.caption,
    caption_entities: notice.entities as MessageEntity[],
    ...markup,
  });
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
