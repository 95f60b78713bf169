import type { Api } from "grammy";
import type { Locale } from "../../config.js";
import { effectiveLocale } from "../../domain/users/user-profile.js";
import type { UserService } from "../../domain/users/user-service.js";
import { escapeHtml, trustedHtml } from "../../i18n/html.js";
import type { Translator } from "../../i18n/translator.js";
import type { Logger } from "../../infra/logger.js";
import type { StuckPost } from "./gallery-remover.js";

export interface GalleryAlertDeps {
  telegram: Api;
  channelId: number | string;
  adminIds: readonly number[];
  users: UserService;
  translator: Translator;
  defaultLocale: Locale;
  logger: Logger;
}

/**
 * Tells every admin, each in their language, which gallery posts of a user who withdrew their consent
 * are still in the channel, by link, so they can remove them by hand. A failed send is logged and does
 * not stop the others; without ADMIN_IDS the remover's error log is the only record.
 */
export function galleryRemovalAlerts(deps: GalleryAlertDeps): (stuck: readonly StuckPost[]) => Promise<void> {
  return async (stuck) => {
    if (deps.adminIds.length === 0) {
      deps.logger.error("no ADMIN_IDS: nobody can be told about gallery posts left in the channel");
      return;
    }
    const posts = stuck.map((post) => postLink(deps.channelId, post)).join("\n");
    for (const adminId of deps.adminIds) {
      const profile = await deps.users.get(adminId);
      const locale = profile ? effectiveLocale(profile, deps.defaultLocale) : deps.defaultLocale;
      const text = deps.translator.t(locale, "gallery-removal-stuck-alert", { count: stuck.length, channel: String(deps.channelId), posts: trustedHtml(posts) });
      try {
        await deps.telegram.sendMessage(adminId, text, { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
      } catch (error) {
        deps.logger.warn({ err: error, adminId }, "could not alert an admin about gallery posts left in the channel");
      }
    }
  };
}

/** A t.me link to the message (public @username or private -100… channel), or what is known of it. */
function postLink(channelId: number | string, post: StuckPost): string {
  if (post.messageId === undefined) return `• generation ${post.generationId}: ${escapeHtml(post.reason)}`;
  const channel = String(channelId);
  const path = channel.startsWith("@") ? channel.slice(1) : channel.startsWith("-100") ? `c/${channel.slice(4)}` : undefined;
  const label = path === undefined ? `#${post.messageId}` : `<a href="https://t.me/${path}/${post.messageId}">#${post.messageId}</a>`;
  return `• ${label} (generation ${post.generationId}): ${escapeHtml(post.reason)}`;
}

