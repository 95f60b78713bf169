import type { Context, SessionFlavor } from "grammy";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { Config, Locale } from "../config.js";
import type { UserProfile } from "../domain/users/user-profile.js";
import type { Logger } from "../infra/logger.js";
import type { TranslationVariables } from "../i18n/translator.js";
import type { BotDeps } from "./deps.js";

/** Short-lived UI state; durable flow state (drafts, orders) lives in the database. */
export interface SessionData {
  /** What the next plain text message answers, when a feature asked a question. */
  awaiting?: { kind: string; since: number; data?: Record<string, string | number> };
}

interface BotFlavor {
  /** The user behind the update, loaded (or created) before any feature runs; absent for updates with no user. */
  user: UserProfile | undefined;
  locale: Locale;
  deps: BotDeps;
  config: Config;
  log: Logger;
  requestId: string;
  /** Localized text with every string variable HTML-escaped (see toFluentVariables). */
  tr(key: string, variables?: TranslationVariables): string;
}

export type BotContext = Context & I18nFlavor & SessionFlavor<SessionData> & BotFlavor;

/** For features that run only after the user was loaded. */
export function requireUser(ctx: BotContext): UserProfile {
  if (!ctx.user) throw new Error("this handler needs a user, but the update carries none");
  return ctx.user;
}
