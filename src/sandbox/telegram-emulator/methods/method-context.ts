import type { EmulatedBotImpl } from "../emulated-bot.js";
import type { ParsedRequest } from "../http/request-payload.js";
import type { Params } from "../validation/params.js";

/** Everything a Bot API method handler works with for one request. */
export interface MethodContext {
  bot: EmulatedBotImpl;
  params: Params;
  request: ParsedRequest;
  /** Aborted when the HTTP client goes away, so long polls can stop waiting. */
  signal: AbortSignal | undefined;
  /** What each uploaded file was stored as, keyed by its attach:// reference or parameter name, for the call log. */
  fileDescriptors: Map<string, Record<string, unknown>>;
}

/** A Bot API method: returns the result, or throws ApiError to answer with a Telegram error. */
export type MethodHandler = (ctx: MethodContext) => unknown;
