import { Composer, GrammyError, InlineKeyboard, type Api, type MiddlewareFn } from "grammy";
import type { Message } from "grammy/types";
import type { BotContext } from "../context.js";
import { requireUser } from "../context.js";
import type { BotDeps } from "../deps.js";
import { cb } from "../callback-data.js";
import { acknowledge, showScreen } from "../reply.js";
import { escapeHtml, trustedHtml } from "../../i18n/html.js";
import type { Locale } from "../../config.js";
import type { UserRow } from "../../db/schema/index.js";
import { ADMIN_ACTIONS, recordAdminAction } from "../../domain/admin/audit-log.js";
import { recentPayments } from "../../domain/admin/user-card.js";
import { getBalance } from "../../domain/ledger/ledger.js";
import {
  findAnswer,
  findRelayed,
  isSupportKind,
  recordIncoming,
  recordOutgoing,
  recordRelay,
  type SupportContent,
  type SupportKind,
  type SupportMessage,
} from "../../domain/support/support-inbox.js";
import { effectiveLocale, isLocale } from "../../domain/users/user-profile.js";

/** The session `awaiting` kind while the bot waits for the user's message to support. */
const AWAITING_MESSAGE = "support-message";
/** A question older than this is forgotten: the user's next message is probably a prompt. */
const AWAITING_TTL_MS = 30 * 60_000;
/** Payments attached to a payment question. */
const ATTACHED_PAYMENTS = 5;
const CANCEL = cb("support", "cancel");

/**
 * The support inbox. /support (and /paysupport, marked as a payment question and carrying the user's
 * recent payments) asks for a message — text or a photo — which is stored and relayed to the support
 * chat (SUPPORT_CHAT_ID) or to every admin, with the user's id, language and balance. A reply to the
 * relayed message is delivered back to the user in the bot, and the user can reply to that answer in
 * turn. Open to everyone, before the consent gate: help with a payment can never depend on consent.
 */
export const support = new Composer<BotContext>();

support.command("support", (ctx) => openInbox(ctx, "support"));
// Telegram's rules for bots selling digital goods: /paysupport must answer payment questions.
support.command("paysupport", (ctx) => openInbox(ctx, "payment"));

support.callbackQuery(CANCEL, async (ctx) => {
  ctx.session.awaiting = undefined;
  await acknowledge(ctx);
  await showScreen(ctx, ctx.tr("support-cancelled"));
});

support.on("message", async (ctx, next) => {
  const repliedTo = ctx.message.reply_to_message?.message_id;
  if (repliedTo !== undefined) {
    // An admin answering a relayed question in their own chat (no SUPPORT_CHAT_ID).
    const relayed = await findRelayed(ctx.deps.db, ctx.chat.id, repliedTo);
    if (relayed) {
      const outcome = await deliverAnswer(ctx.deps, ctx.api, { relayed, chatId: ctx.chat.id, message: ctx.message, adminTelegramId: ctx.from.id });
      await ctx.reply(answerReceipt(ctx.tr, outcome, relayed.user));
      return;
    }
    // The user following up on an answer from support.
    const answer = ctx.user ? await findAnswer(ctx.deps.db, ctx.user.id, repliedTo) : undefined;
    if (answer && isSupportKind(answer.kind)) return takeUserMessage(ctx, answer.kind);
  }
  const awaiting = ctx.session.awaiting;
  if (awaiting?.kind !== AWAITING_MESSAGE) return next();
  if (isCommand(ctx.message) || Date.now() - awaiting.since > AWAITING_TTL_MS) {
    ctx.session.awaiting = undefined;
    return next();
  }
  const kind = awaiting.data?.kind;
  return takeUserMessage(ctx, isSupportKind(kind) ? kind : "support");
});

/**
 * Replies in the support chat (a group, so before the private-chats-only guard): a reply to a relayed
 * question goes back to its user. Every member of that chat is support staff, by configuration.
 * Anything else said there is staff talk and left alone.
 */
export function supportChatReplies(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const chatId = ctx.config.support.chatId;
    if (chatId === undefined || ctx.chat?.id !== chatId || ctx.chat.type === "private") return next();
    const message = ctx.message;
    const repliedTo = message?.reply_to_message?.message_id;
    if (!message || !ctx.from || ctx.from.is_bot || repliedTo === undefined) return;
    const relayed = await findRelayed(ctx.deps.db, chatId, repliedTo);
    if (!relayed) return;
    const outcome = await deliverAnswer(ctx.deps, ctx.api, { relayed, chatId, message, adminTelegramId: ctx.from.id });
    const staff = await ctx.deps.users.get(ctx.from.id);
    const locale = staff ? effectiveLocale(staff, ctx.config.defaultLocale) : ctx.config.defaultLocale;
    const t = (key: string, variables?: Record<string, string | number>) => ctx.deps.admin.translator.t(locale, key, variables);
    await ctx.api.sendMessage(chatId, answerReceipt(t, outcome, relayed.user), {
      parse_mode: "HTML",
      reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true },
    });
  };
}

async function openInbox(ctx: BotContext, kind: SupportKind): Promise<void> {
  ctx.session.awaiting = { kind: AWAITING_MESSAGE, since: Date.now(), data: { kind } };
  const text = ctx.tr(kind === "payment" ? "paysupport-text" : "support-text", {
    contact: ctx.config.support.contact,
    email: ctx.config.support.email,
  });
  await ctx.reply(text, { reply_markup: new InlineKeyboard().text(ctx.tr("support-btn-cancel"), CANCEL) });
}

/** Stores the user's message and relays it; only text and photos are taken. */
async function takeUserMessage(ctx: BotContext, kind: SupportKind): Promise<void> {
  const message = ctx.message;
  if (!message || !ctx.chat) return;
  const content = contentOf(message);
  if (!content) {
    await ctx.reply(ctx.tr("support-text-or-photo"));
    return;
  }
  ctx.session.awaiting = undefined;
  const user = requireUser(ctx);
  const stored = await recordIncoming(ctx.deps.db, { userId: user.id, kind, content, userMessageId: message.message_id });
  const reached = await relay(ctx, stored, message.message_id);
  ctx.log.info({ supportMessageId: stored.id, kind, reached }, "support message received");
  if (reached === 0) {
    await ctx.reply(ctx.tr("support-unavailable", { contact: ctx.config.support.contact, email: ctx.config.support.email }));
    return;
  }
  await ctx.reply(ctx.tr("support-sent"));
}

/**
 * Copies the message to the support chat, or to every admin, under a header with who wrote it. Both
 * the header and the copy are remembered, so a reply to either finds the user. Returns how many
 * destinations got it.
 */
async function relay(ctx: BotContext, stored: SupportMessage, sourceMessageId: number): Promise<number> {
  const user = requireUser(ctx);
  const supportChat = ctx.config.support.chatId;
  const destinations = supportChat !== undefined ? [supportChat] : [...ctx.config.adminIds];
  const [balance, payments] = await Promise.all([
    getBalance(ctx.deps.db, user.id),
    stored.kind === "payment" ? recentPayments(ctx.deps.db, user.id, ATTACHED_PAYMENTS) : Promise.resolve([]),
  ]);
  let reached = 0;
  for (const destination of destinations) {
    const locale = destination === supportChat ? ctx.config.defaultLocale : await localeOf(ctx.deps, destination);
    const t = ctx.deps.admin.translator;
    const paymentLines = payments.map((p) =>
      t.t(locale, "support-relay-payment", { date: p.createdAt.getTime(), stars: p.stars, credits: p.credits, status: p.status, chargeId: p.chargeId }),
    );
    const header = t.t(locale, "support-relay-header", {
      kind: t.t(locale, `support-kind-${stored.kind}`),
      name: [user.firstName, user.lastName].filter(Boolean).join(" ") || "—",
      username: user.username ? `@${user.username}` : "—",
      telegramId: String(user.telegramId),
      userId: user.id,
      locale: effectiveLocale(user, ctx.config.defaultLocale),
      balance,
      payments: trustedHtml(
        stored.kind === "payment"
          ? t.t(locale, "support-relay-payments", { list: trustedHtml(paymentLines.length > 0 ? paymentLines.join("\n") : t.t(locale, "support-relay-no-payments")) })
          : "",
      ),
    });
    try {
      const headed = await ctx.api.sendMessage(destination, header, { parse_mode: "HTML" });
      await recordRelay(ctx.deps.db, { chatId: destination, messageId: headed.message_id, supportMessageId: stored.id });
      const copy = await ctx.api.copyMessage(destination, user.telegramId, sourceMessageId, {
        reply_parameters: { message_id: headed.message_id, allow_sending_without_reply: true },
      });
      await recordRelay(ctx.deps.db, { chatId: destination, messageId: copy.message_id, supportMessageId: stored.id });
      reached++;
    } catch (error) {
      ctx.log.warn({ err: error, destination, supportMessageId: stored.id }, "could not relay a support message");
    }
  }
  return reached;
}

type AnswerOutcome = "delivered" | "unreachable" | "erased";

/** Telegram's limit for a message text. */
const MAX_TEXT_LENGTH = 4096;

/**
 * Support's answer to the user, in the user's language, replying to their question: a text answer
 * as one message under a header; anything else (a photo, a file) as a header and then a copy. Stored
 * and audited; a user who blocked the bot is marked.
 */
async function deliverAnswer(
  deps: BotDeps,
  api: Api,
  input: { relayed: { message: SupportMessage; user: UserRow }; chatId: number; message: Message; adminTelegramId: number },
): Promise<AnswerOutcome> {
  const { message: question, user } = input.relayed;
  if (user.telegramId === null) return "erased";
  const chatId = user.telegramId;
  const locale = effectiveLocale({ locale: isLocale(user.locale) ? user.locale : null, languageCode: user.languageCode }, deps.config.defaultLocale);
  const header = deps.admin.translator.t(locale, "support-answer-header");
  const asReply = question.userMessageId !== null ? { reply_parameters: { message_id: question.userMessageId, allow_sending_without_reply: true } } : {};
  const answer = input.message;
  try {
    let delivered: number;
    const combined = answer.text !== undefined ? `${header}\n\n${escapeHtml(answer.text)}` : undefined;
    if (combined !== undefined && [...combined].length <= MAX_TEXT_LENGTH) {
      delivered = (await api.sendMessage(chatId, combined, { parse_mode: "HTML", ...asReply })).message_id;
    } else {
      await api.sendMessage(chatId, header, { parse_mode: "HTML", ...asReply });
      delivered = (await api.copyMessage(chatId, input.chatId, answer.message_id)).message_id;
    }
    const stored = await recordOutgoing(deps.db, {
      userId: user.id,
      kind: isSupportKind(question.kind) ? question.kind : "support",
      content: contentOf(answer) ?? { text: null, fileId: null },
      userMessageId: delivered,
      adminTelegramId: input.adminTelegramId,
    });
    await recordAdminAction(deps.db, {
      adminTelegramId: input.adminTelegramId,
      action: ADMIN_ACTIONS.supportReplied,
      targetUserId: user.id,
      target: `support_message:${question.id}`,
      after: { answer: `support_message:${stored.id}` },
    });
    return "delivered";
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 403) {
      await deps.users.setBlocked(chatId, true);
      return "unreachable";
    }
    throw error;
  }
}

function answerReceipt(t: (key: string, variables?: Record<string, string | number>) => string, outcome: AnswerOutcome, user: UserRow): string {
  const name = [user.firstName, user.lastName].filter(Boolean).join(" ") || `#${user.id}`;
  return t(`support-answer-${outcome}`, { name });
}

/** Text, or a photo (largest size) with its caption; anything else is not taken. */
function contentOf(message: Message): SupportContent | undefined {
  if (message.text !== undefined) return { text: message.text, fileId: null };
  const largest = message.photo?.at(-1);
  if (largest) return { text: message.caption ?? null, fileId: largest.file_id };
  return undefined;
}

async function localeOf(deps: BotDeps, telegramId: number): Promise<Locale> {
  const profile = await deps.users.get(telegramId);
  return profile ? effectiveLocale(profile, deps.config.defaultLocale) : deps.config.defaultLocale;
}

function isCommand(message: Message): boolean {
  return message.entities?.some((e) => e.type === "bot_command" && e.offset === 0) ?? false;
}
