import { eq } from "drizzle-orm";
import type { Locale } from "../../config.js";
import type { Executor } from "../../db/client.js";
import { users } from "../../db/schema/index.js";
import { effectiveLocale, isLocale } from "../../domain/users/user-profile.js";
import type { TranslationVariables, Translator } from "../../i18n/translator.js";

export type Translate = (key: string, variables?: TranslationVariables) => string;

/**
 * Translation in the user's language as it is now, read from the row (not from a cached profile or the
 * language the generation was started in): a user who switched language mid-generation is answered in
 * the new one.
 */
export async function translatorForUser(db: Executor, translator: Translator, userId: number, fallback: Locale): Promise<Translate> {
  const rows = await db.select({ locale: users.locale, languageCode: users.languageCode }).from(users).where(eq(users.id, userId)).limit(1);
  const user = rows[0];
  const locale = user ? effectiveLocale({ locale: isLocale(user.locale) ? user.locale : null, languageCode: user.languageCode }, fallback) : fallback;
  return (key, variables) => translator.t(locale, key, variables);
}
