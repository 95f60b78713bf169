import type { Locale } from "../../../src/config.js";
import { credit } from "../../../src/domain/ledger/ledger.js";
import { LEDGER_KINDS } from "../../../src/domain/ledger/ledger-kinds.js";
import type { UserActor } from "../../../src/sandbox/telegram-emulator/index.js";
import type { BotAppHarness } from "../../support/bot-app.js";

/**
 * A user in the state onboarding leaves (language chosen, current terms accepted, named `U<id>`), made
 * through the user service instead of three round trips, then /start so the chat holds the home menu.
 * Suites that create hundreds of users use it; test/e2e/onboarding.test.ts covers the real flow.
 */
export async function onboardedUser(h: BotAppHarness, telegramId: number, locale: Locale, credits = 0): Promise<UserActor> {
  const profile = { id: telegramId, first_name: `U${telegramId}`, language_code: locale };
  const actor = h.bot.user(profile);
  const { user } = await h.app.users.touch(profile);
  await h.app.users.setLocale(telegramId, locale);
  await h.app.users.acceptPolicy(telegramId, h.app.config.policyVersion);
  if (credits > 0) {
    await credit(h.app.database.db, {
      userId: user.id,
      amount: credits,
      kind: LEDGER_KINDS.adminAdjustment,
      reference: "test-setup",
      idempotencyKey: `test-setup-credit:${telegramId}`,
    });
  }
  h.bot.markCalls();
  await actor.sendText("/start");
  await h.bot.waitForBotMessage(telegramId, (m) => JSON.stringify(m.reply_markup ?? {}).includes("home:create"));
  return actor;
}
