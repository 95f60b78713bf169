import type { Message } from "grammy/types";
import type { BotContext } from "../../context.js";

/** What the admin's next message answers; stored in the session's `awaiting`. */
export type AdminInputKind = "adm:search" | "adm:adjust" | "adm:ban" | "adm:unban" | "adm:bc-content" | "adm:bc-button";

/** A question older than this is forgotten: the admin's next message is probably about something else. */
const INPUT_TTL_MS = 15 * 60_000;

/** Asks for the next message; `data` carries the ids the answer applies to. */
export function askFor(ctx: BotContext, kind: AdminInputKind, data?: Record<string, number>): void {
  ctx.session.awaiting = { kind, since: Date.now(), ...(data ? { data } : {}) };
}

export function forgetInput(ctx: BotContext): void {
  ctx.session.awaiting = undefined;
}

/**
 * The data of the question this message answers, or undefined when it answers none of `kind`. A
 * command, or a question that has gone stale, drops the question and lets the message pass on.
 */
export function answering(ctx: BotContext, kind: AdminInputKind): Record<string, string | number> | undefined {
  const awaiting = ctx.session.awaiting;
  if (awaiting?.kind !== kind || !ctx.message) return undefined;
  if (isCommand(ctx.message) || Date.now() - awaiting.since > INPUT_TTL_MS) {
    forgetInput(ctx);
    return undefined;
  }
  return awaiting.data ?? {};
}

function isCommand(message: Message): boolean {
  return message.entities?.some((e) => e.type === "bot_command" && e.offset === 0) ?? false;
}
