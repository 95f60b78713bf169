import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";
import { effectiveLocale } from "../../domain/users/user-profile.js";

/**
 * Creates or refreshes the user behind the update and picks their language. The profile comes from the
 * shared cache when fresh, so most updates cost no database query at all.
 */
export const loadUser: MiddlewareFn<BotContext> = async (ctx, next) => {
  const from = ctx.from;
  if (from && !from.is_bot) {
    const { user, created } = await ctx.deps.users.touch(from);
    ctx.user = user;
    ctx.locale = effectiveLocale(user, ctx.config.defaultLocale);
    if (created) ctx.log.info({ userId: user.id }, "new user");
  }
  return next();
};
