import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../../context.js";
import { acknowledge, showScreen } from "../../reply.js";
import { trustedHtml } from "../../../i18n/html.js";
import { loadUserCard, type UserCard } from "../../../domain/admin/user-card.js";
import { searchUsers } from "../../../domain/admin/user-search.js";
import { effectiveLocale, isLocale } from "../../../domain/users/user-profile.js";
import { ADMIN, ADMIN_PATTERN } from "./admin-callbacks.js";
import { answering, askFor, forgetInput } from "./admin-input.js";
import { backToMenu, cancelKeyboard } from "./admin-menu.js";
import { personName } from "./admin-text.js";

/** Users: search by id, @username, name or referral code, then a card with everything and the actions. */
export const userScreens = new Composer<BotContext>();

userScreens.callbackQuery(ADMIN.users, async (ctx) => {
  await acknowledge(ctx);
  askFor(ctx, "adm:search");
  await showScreen(ctx, ctx.tr("admin-users-ask"), cancelKeyboard(ctx));
});

userScreens.on("message:text", async (ctx, next) => {
  if (!answering(ctx, "adm:search")) return next();
  const query = ctx.message.text.trim();
  const found = await searchUsers(ctx.deps.db, query);
  if (found.length === 0) {
    await ctx.reply(ctx.tr("admin-users-none", { query }), { reply_markup: cancelKeyboard(ctx) });
    return;
  }
  forgetInput(ctx);
  if (found.length === 1 && found[0]) {
    await showUserCard(ctx, found[0].id);
    return;
  }
  const keyboard = new InlineKeyboard();
  for (const user of found) {
    // Button labels are plain text (no HTML), so the name goes in unescaped.
    const label = ctx.t("admin-user-button", { name: personName(user), balance: user.balance, banned: user.banned ? "⛔" : "" });
    keyboard.text(label, ADMIN.user(user.id)).row();
  }
  await ctx.reply(ctx.tr("admin-users-results", { count: found.length }), { reply_markup: backToMenu(ctx, keyboard) });
});

userScreens.callbackQuery(ADMIN_PATTERN.user, async (ctx) => {
  await acknowledge(ctx);
  await showUserCard(ctx, Number(ctx.match[1]));
});

/** The card of one user, with the actions that apply to them now. */
export async function showUserCard(ctx: BotContext, userId: number): Promise<void> {
  const card = await loadUserCard(ctx.deps.db, userId);
  if (!card) {
    await showScreen(ctx, ctx.tr("admin-error-user-not-found"), backToMenu(ctx));
    return;
  }
  const keyboard = new InlineKeyboard();
  if (card.user.telegramId !== null) {
    keyboard.text(ctx.tr("admin-btn-adjust"), ADMIN.adjust(userId));
    keyboard.text(card.user.banned ? ctx.tr("admin-btn-unban") : ctx.tr("admin-btn-ban"), card.user.banned ? ADMIN.unban(userId) : ADMIN.ban(userId));
    keyboard.row();
  }
  keyboard.text(ctx.tr("admin-btn-generations"), ADMIN.generations(userId)).text(ctx.tr("admin-btn-payments"), ADMIN.payments(userId));
  keyboard.row();
  if (card.user.telegramId !== null) keyboard.text(ctx.tr("admin-btn-delete"), ADMIN.deleteAccount(userId));
  keyboard.text(ctx.tr("admin-btn-refresh"), ADMIN.user(userId));
  await showScreen(ctx, cardText(ctx, card), backToMenu(ctx, keyboard));
}

function cardText(ctx: BotContext, card: UserCard): string {
  const u = card.user;
  const status: string[] = [];
  if (u.telegramId === null) status.push(ctx.tr("admin-status-erased"));
  if (u.banned) status.push(ctx.tr("admin-status-banned", { reason: u.banReason ?? "—" }));
  if (u.blockedAt) status.push(ctx.tr("admin-status-blocked"));
  if (status.length === 0) status.push(ctx.tr("admin-status-active"));
  const actions = card.recentActions.map((a) =>
    ctx.tr("admin-card-action", {
      date: a.createdAt.getTime(),
      action: ctx.t(`admin-action-${a.action.replaceAll("_", "-")}`),
      admin: String(a.adminTelegramId),
      reason: a.reason ?? "",
    }),
  );
  const locale = isLocale(u.locale) ? u.locale : effectiveLocale({ locale: null, languageCode: u.languageCode }, ctx.config.defaultLocale);
  return ctx.tr("admin-user-card", {
    name: personName(u),
    username: u.username ? `@${u.username}` : "—",
    telegramId: u.telegramId === null ? "—" : String(u.telegramId),
    userId: u.id,
    locale,
    joined: u.createdAt.getTime(),
    lastSeen: u.lastSeenAt.getTime(),
    status: trustedHtml(status.join(" · ")),
    balance: u.balance,
    trialUsed: u.trialUsed,
    generations: card.generations.total,
    delivered: card.generations.delivered,
    failed: card.generations.failed,
    inProgress: card.generations.inProgress,
    payments: card.payments.count,
    stars: card.payments.stars,
    refundedPayments: card.payments.refunded,
    referrer: card.referrer ? `${personName(card.referrer)} (${card.referrer.telegramId ?? `#${card.referrer.id}`})` : "—",
    referralCode: card.referralCode ?? "—",
    invited: card.invited,
    broadcasts: ctx.t(u.broadcastOptIn ? "admin-broadcasts-on" : "admin-broadcasts-off"),
    actions: trustedHtml(actions.length > 0 ? actions.join("\n") : ctx.tr("admin-card-no-actions")),
  });
}
