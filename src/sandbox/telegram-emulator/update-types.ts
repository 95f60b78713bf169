import type { Update } from "grammy/types";

/** Update types Telegram leaves out unless a bot lists them in allowed_updates. */
const OPT_IN_TYPES = new Set(["chat_member", "message_reaction", "message_reaction_count"]);

/** The update's kind: its one field besides update_id. */
function updateType(update: Update): string {
  return Object.keys(update).find((key) => key !== "update_id") ?? "unknown";
}

/**
 * Whether a bot with this allowed_updates setting receives the update. An absent or empty list means
 * every type except the opt-in ones, as documented for getUpdates and setWebhook.
 */
export function isUpdateAllowed(update: Update, allowedUpdates: readonly string[] | undefined): boolean {
  const type = updateType(update);
  if (allowedUpdates === undefined || allowedUpdates.length === 0) return !OPT_IN_TYPES.has(type);
  return allowedUpdates.includes(type);
}

/**
 * The webhook queue an update belongs to: Telegram delivers updates of one chat in order, one at a
 * time, and queues callback and pre-checkout queries per user.
 */
export function deliveryQueueKey(update: Update): string {
  const chatId =
    update.message?.chat.id ??
    update.edited_message?.chat.id ??
    update.channel_post?.chat.id ??
    update.edited_channel_post?.chat.id ??
    update.my_chat_member?.chat.id ??
    update.chat_member?.chat.id;
  if (chatId !== undefined) return `chat:${chatId}`;
  const userId = update.callback_query?.from.id ?? update.pre_checkout_query?.from.id ?? update.inline_query?.from.id;
  return userId !== undefined ? `user:${userId}` : "other";
}
