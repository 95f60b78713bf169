import type { Api } from "grammy";
import type { Locale } from "../../config.js";
import { effectiveLocale } from "../../domain/users/user-profile.js";
import type { UserService } from "../../domain/users/user-service.js";
import type { Translator } from "../../i18n/translator.js";
import type { Logger } from "../../infra/logger.js";

export interface ProviderAlertDeps {
  telegram: Api | undefined;
  adminIds: readonly number[];
  users: UserService;
  translator: Translator;
  defaultLocale: Locale;
  logger: Logger;
}

/**
 * Tells every admin, each in their language, that generations are paused for a low provider balance.
 * A failed send is logged and does not stop the others.
 */
export function providerBalanceAlerts(deps: ProviderAlertDeps): (balanceUsd: number, minBalanceUsd: number) => Promise<void> {
  return async (balanceUsd, minBalanceUsd) => {
    deps.logger.error({ balanceUsd, minBalanceUsd }, "provider balance below the threshold: alerting the admins");
    if (!deps.telegram || deps.adminIds.length === 0) {
      deps.logger.error("no BOT_TOKEN or no ADMIN_IDS: nobody can be alerted about the provider balance");
      return;
    }
    for (const adminId of deps.adminIds) {
      const profile = await deps.users.get(adminId);
      const locale = profile ? effectiveLocale(profile, deps.defaultLocale) : deps.defaultLocale;
      const text = deps.translator.t(locale, "generation-provider-balance-alert", {
        balance: balanceUsd.toFixed(2),
        threshold: minBalanceUsd.toFixed(2),
      });
      try {
        await deps.telegram.sendMessage(adminId, text, { parse_mode: "HTML" });
      } catch (error) {
        deps.logger.warn({ err: error, adminId }, "could not alert an admin about the provider balance");
      }
    }
  };
}
