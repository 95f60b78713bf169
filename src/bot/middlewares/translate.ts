import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";
import { toFluentVariables } from "../../i18n/translator.js";

/** Adds ctx.tr: ctx.t with user text escaped, in the locale chosen by loadUser. */
export const installTranslate: MiddlewareFn<BotContext> = async (ctx, next) => {
  ctx.i18n.useLocale(ctx.locale);
  ctx.tr = (key, variables) => ctx.t(key, toFluentVariables(variables));
  return next();
};

/** Switches the language for the rest of this update (after the user picked one). */
export function switchLocale(ctx: BotContext, locale: BotContext["locale"]): void {
  ctx.locale = locale;
  ctx.i18n.useLocale(locale);
}
