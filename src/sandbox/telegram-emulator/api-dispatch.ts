import { ApiError, notFound } from "./api-error.js";
import type { EmulatedBotImpl } from "./emulated-bot.js";
import { recordPayload } from "./http/record-payload.js";
import type { ParsedRequest } from "./http/request-payload.js";
import { findMethod } from "./methods/registry.js";
import type { ApiErrorBody } from "./types.js";
import { Params } from "./validation/params.js";

/** The answer to one Bot API call, before it is written as JSON. */
export type ApiOutcome = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };

/**
 * Runs one Bot API call for a bot: an injected failure if the test queued one (without side effects),
 * otherwise the method handler. Every call is recorded, whether it came over HTTP or as a webhook reply.
 */
export async function dispatchApiCall(
  bot: EmulatedBotImpl,
  methodName: string,
  request: ParsedRequest,
  signal?: AbortSignal,
): Promise<ApiOutcome> {
  const at = Date.now();
  const entry = findMethod(methodName);
  const method = entry?.name ?? methodName;
  const fileDescriptors = new Map<string, Record<string, unknown>>();
  let outcome: ApiOutcome;
  const injected = bot.takeInjectedFailure(method);
  if (injected !== undefined) {
    outcome = { ok: false, error: injected };
  } else if (entry === undefined) {
    outcome = { ok: false, error: notFound().toBody() };
  } else {
    try {
      const result = await entry.handler({ bot, params: new Params(request.fields), request, signal, fileDescriptors });
      // A copy, so later edits of stored messages do not rewrite what the bot was answered.
      outcome = { ok: true, result: structuredClone(result) };
    } catch (error) {
      outcome = { ok: false, error: toErrorBody(error) };
    }
  }
  bot.recordCall({
    method,
    payload: recordPayload(request.fields, fileDescriptors),
    at,
    ...(outcome.ok ? { ok: true, result: outcome.result } : { ok: false, error: outcome.error }),
  });
  return outcome;
}

function toErrorBody(error: unknown): ApiErrorBody {
  if (error instanceof ApiError) return error.toBody();
  const message = error instanceof Error ? error.message : String(error);
  return { error_code: 500, description: `Internal Server Error: ${message}` };
}
