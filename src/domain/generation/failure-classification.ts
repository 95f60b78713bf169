import { FAILURE_CODES, type FailureCode } from "./generation-status.js";

/**
 * Wording of safety-filter refusals: Google's models answer "blocked by … safety filters
 * (PROHIBITED_CONTENT)" or name a policy; other vendors say "moderation". Providers send no code for
 * it, so the text is all there is.
 */
const CONTENT_BLOCKED = /safety|blocked|policy|prohibited|moderation/i;

/**
 * Why the provider said no, as the user will be told: a safety refusal ("reword your prompt") is not a
 * generic failure ("try again").
 */
export function classifyProviderFailure(errorText: string | undefined): FailureCode {
  return errorText && CONTENT_BLOCKED.test(errorText) ? FAILURE_CODES.contentBlocked : FAILURE_CODES.providerFailed;
}
