import type { BotContext } from "../../context.js";

/** Only the Telegram ids in ADMIN_IDS; checked on every update, so removing an id takes effect at once. */
export function isAdmin(ctx: BotContext): boolean {
  return ctx.from !== undefined && ctx.config.adminIds.includes(ctx.from.id);
}

/** The admin behind the update; the admin feature's guard guarantees one. */
export function adminId(ctx: BotContext): number {
  if (!ctx.from || !isAdmin(ctx)) throw new Error("an admin handler ran for someone who is not an admin");
  return ctx.from.id;
}
