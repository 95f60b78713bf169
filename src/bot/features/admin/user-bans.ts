import { Composer, GrammyError } from "grammy";
import type { BotContext } from "../../context.js";
import { acknowledge, showScreen } from "../../reply.js";
import { banNoticeText } from "../../../domain/admin/ban-notice.js";
import { banUser, unbanUser } from "../../../domain/admin/user-bans.js";
import { effectiveLocale, type UserProfile } from "../../../domain/users/user-profile.js";
import { adminId } from "./admin-access.js";
import { ADMIN_PATTERN } from "./admin-callbacks.js";
import { answering, askFor, forgetInput } from "./admin-input.js";
import { cancelKeyboard } from "./admin-menu.js";
import { adminErrorText } from "./admin-text.js";
import { showUserCard } from "./user-screens.js";

/**
 * Ban and unban, each with a reason: through UserService (the cached profile is dropped everywhere),
 * audited, and the user is told in their own language.
 */
export const userBans = new Composer<BotContext>();

userBans.callbackQuery(ADMIN_PATTERN.ban, async (ctx) => {
  await acknowledge(ctx);
  askFor(ctx, "adm:ban", { userId: Number(ctx.match[1]) });
  await showScreen(ctx, ctx.tr("admin-ban-ask"), cancelKeyboard(ctx));
});

userBans.callbackQuery(ADMIN_PATTERN.unban, async (ctx) => {
  await acknowledge(ctx);
  askFor(ctx, "adm:unban", { userId: Number(ctx.match[1]) });
  await showScreen(ctx, ctx.tr("admin-unban-ask"), cancelKeyboard(ctx));
});

userBans.on("message:text", async (ctx, next) => {
  const banning = answering(ctx, "adm:ban");
  const unbanning = banning ? undefined : answering(ctx, "adm:unban");
  const data = banning ?? unbanning;
  if (!data) return next();
  const userId = Number(data.userId);
  const request = { adminTelegramId: adminId(ctx), userId, reason: ctx.message.text };
  let user: UserProfile;
  try {
    user = banning ? await banUser(ctx.deps.db, ctx.deps.users, request) : await unbanUser(ctx.deps.db, ctx.deps.users, request);
  } catch (error) {
    await ctx.reply(adminErrorText(ctx, error), { reply_markup: cancelKeyboard(ctx) });
    return;
  }
  forgetInput(ctx);
  ctx.log.info({ userId, banned: user.banned, adminId: request.adminTelegramId }, "admin changed a ban");
  const told = await tellUser(ctx, user);
  const key = banning ? (told ? "admin-ban-done" : "admin-ban-done-untold") : told ? "admin-unban-done" : "admin-unban-done-untold";
  await ctx.reply(ctx.tr(key));
  await showUserCard(ctx, userId);
});

/** The notice in the user's language; false when they cannot be reached (blocked the bot). */
async function tellUser(ctx: BotContext, user: UserProfile): Promise<boolean> {
  const locale = effectiveLocale(user, ctx.config.defaultLocale);
  const text = banNoticeText((key, variables) => ctx.deps.admin.translator.t(locale, key, variables), user);
  try {
    await ctx.api.sendMessage(user.telegramId, text, { parse_mode: "HTML" });
    return true;
  } catch (error) {
    if (error instanceof GrammyError && (error.error_code === 403 || error.error_code === 400)) {
      if (error.error_code === 403) await ctx.deps.users.setBlocked(user.telegramId, true);
      return false;
    }
    throw error;
  }
}
