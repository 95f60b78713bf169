import type { FastifyInstance } from "fastify";
import { GrammyError, type Api } from "grammy";
import type { Locale } from "../../../config.js";
import type { Database } from "../../../db/client.js";
import { adjustCredits } from "../../../domain/admin/adjust-credits.js";
import { banNoticeText } from "../../../domain/admin/ban-notice.js";
import { loadUserCard } from "../../../domain/admin/user-card.js";
import { banUser, unbanUser } from "../../../domain/admin/user-bans.js";
import { listUsers } from "../../../domain/admin/user-list.js";
import { listEntries } from "../../../domain/ledger/ledger.js";
import { effectiveLocale, type UserProfile } from "../../../domain/users/user-profile.js";
import type { UserService } from "../../../domain/users/user-service.js";
import type { Translator } from "../../../i18n/translator.js";
import { AdminApiError } from "./admin-error.js";
import type { AdminRoutes } from "./admin-route.js";
import {
  banBody,
  banView,
  creditAdjustmentBody,
  creditAdjustmentView,
  idParams,
  ledgerQuery,
  ledgerView,
  userDetailView,
  userListQuery,
  userListView,
  type BanView,
} from "./api-schemas.js";
import { auditEntryOut, iso, isoOrNull } from "./views.js";

export interface UserRouteDeps {
  db: Database;
  users: UserService;
  telegram: Api;
  translator: Translator;
  defaultLocale: Locale;
  /** Free generations a new user gets, as in effect now. */
  trialGenerations(): number;
}

/** Users: the list and search, a user's card and ledger, credit adjustments, bans and unbans. */
export function registerUserRoutes(scope: FastifyInstance, routes: AdminRoutes, deps: UserRouteDeps): void {
  routes.json(scope, {
    method: "GET",
    url: "/api/admin/users",
    tag: "users",
    summary: "Users newest first, a page at a time; with `query`, the bot's search (id, @username, referral code, name)",
    query: userListQuery,
    response: userListView,
    handler: async ({ query }) => {
      const { items, total } = await listUsers(deps.db, query);
      return { items: items.map((u) => ({ ...u, createdAt: iso(u.createdAt), lastSeenAt: iso(u.lastSeenAt) })), total };
    },
  });

  routes.json(scope, {
    method: "GET",
    url: "/api/admin/users/:id",
    tag: "users",
    summary: "A user's card: profile, balance, trials, generations, payments, referrals and the latest admin actions",
    params: idParams,
    response: userDetailView,
    handler: async ({ params }) => {
      const card = await loadUserCard(deps.db, params.id);
      if (!card) throw new AdminApiError(404, "user_not_found", `no user ${params.id}`);
      const { user } = card;
      return {
        user: {
          id: user.id,
          telegramId: user.telegramId,
          username: user.username,
          firstName: user.firstName,
          lastName: user.lastName,
          locale: user.locale,
          languageCode: user.languageCode,
          balance: user.balance,
          trialUsed: user.trialUsed,
          trialsLeft: Math.max(0, deps.trialGenerations() - user.trialUsed),
          banned: user.banned,
          banReason: user.banReason,
          blockedBot: user.blockedAt !== null,
          broadcastOptIn: user.broadcastOptIn,
          deletionDueAt: isoOrNull(user.deletionDueAt),
          erased: user.erasedAt !== null,
          createdAt: iso(user.createdAt),
          lastSeenAt: iso(user.lastSeenAt),
        },
        generations: card.generations,
        payments: card.payments,
        referrer: card.referrer,
        referralCode: card.referralCode,
        invited: card.invited,
        recentActions: card.recentActions.map(auditEntryOut),
      };
    },
  });

  routes.json(scope, {
    method: "GET",
    url: "/api/admin/users/:id/ledger",
    tag: "users",
    summary: "A user's credit ledger, newest first",
    params: idParams,
    query: ledgerQuery,
    response: ledgerView,
    handler: async ({ params, query }) => {
      const { entries, total } = await listEntries(deps.db, params.id, query);
      return { items: entries.map((e) => ({ ...e, createdAt: iso(e.createdAt) })), total };
    },
  });

  routes.json(scope, {
    method: "POST",
    url: "/api/admin/users/:id/credits",
    tag: "users",
    summary: "Adds or takes credits through the ledger (admin_adjustment, with the reason), audited; never below zero (409 insufficient_funds)",
    params: idParams,
    body: creditAdjustmentBody,
    response: creditAdjustmentView,
    handler: async ({ params, body, admin }) => {
      const result = await adjustCredits(deps.db, {
        adminTelegramId: admin.telegramId,
        userId: params.id,
        delta: body.delta,
        reason: body.reason,
        requestKey: `web:${body.requestId}`,
      });
      if (!result.ok) throw new AdminApiError(409, "insufficient_funds", `the balance is ${result.balance}; a debit may not take it below zero`);
      return { applied: result.applied, balance: result.balanceAfter };
    },
  });

  const tellUser = async (user: UserProfile): Promise<boolean> => {
    const locale = effectiveLocale(user, deps.defaultLocale);
    const text = banNoticeText((key, vars) => deps.translator.t(locale, key, vars), user);
    try {
      await deps.telegram.sendMessage(user.telegramId, text, { parse_mode: "HTML" });
      return true;
    } catch (error) {
      if (!(error instanceof GrammyError) || (error.error_code !== 403 && error.error_code !== 400)) throw error;
      if (error.error_code === 403) await deps.users.setBlocked(user.telegramId, true);
      return false;
    }
  };
  const banned = async (user: UserProfile): Promise<BanView> => ({ banned: user.banned, banReason: user.banReason, notified: await tellUser(user) });

  routes.json(scope, {
    method: "POST",
    url: "/api/admin/users/:id/ban",
    tag: "users",
    summary: "Bans a user with a reason (audited); the user is told in their language",
    params: idParams,
    body: banBody,
    response: banView,
    handler: async ({ params, body, admin }) => banned(await banUser(deps.db, deps.users, { adminTelegramId: admin.telegramId, userId: params.id, reason: body.reason })),
  });

  routes.json(scope, {
    method: "POST",
    url: "/api/admin/users/:id/unban",
    tag: "users",
    summary: "Lifts a ban, with a reason (audited); the user is told in their language",
    params: idParams,
    body: banBody,
    response: banView,
    handler: async ({ params, body, admin }) => banned(await unbanUser(deps.db, deps.users, { adminTelegramId: admin.telegramId, userId: params.id, reason: body.reason })),
  });
}
