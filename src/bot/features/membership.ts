import { Composer } from "grammy";
import type { BotContext } from "../context.js";

/**
 * Records when a user blocks and unblocks the bot, so broadcasts and notifications skip people who
 * cannot receive them and statistics can tell active users from gone ones.
 */
export const membership = new Composer<BotContext>();

membership.on("my_chat_member", async (ctx) => {
  const status = ctx.myChatMember.new_chat_member.status;
  const blocked = status === "kicked" || status === "left";
  const updated = await ctx.deps.users.setBlocked(ctx.myChatMember.from.id, blocked);
  if (updated) ctx.user = updated;
  ctx.log.info({ blocked }, "bot membership changed");
});
