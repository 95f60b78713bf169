import type { ResponseParameters } from "grammy/types";
import type { ApiErrorBody } from "./types.js";

/** Thrown by method handlers to answer with a Telegram error; the HTTP status equals error_code, as on api.telegram.org. */
export class ApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
    this.name = "ApiError";
  }

  toBody(): ApiErrorBody {
    return this.parameters === undefined
      ? { error_code: this.errorCode, description: this.description }
      : { error_code: this.errorCode, description: this.description, parameters: this.parameters };
  }
}

/** A 400 with Telegram's "Bad Request: " prefix. */
export function badRequest(message: string): ApiError {
  return new ApiError(400, `Bad Request: ${message}`);
}

/** A 403 with Telegram's "Forbidden: " prefix. */
export function forbidden(message: string): ApiError {
  return new ApiError(403, `Forbidden: ${message}`);
}

/** Telegram's answer for unknown methods and missing files. */
export function notFound(): ApiError {
  return new ApiError(404, "Not Found");
}

/** Telegram answers both late and repeated answers to callback and pre-checkout queries with this. */
export const QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid";

/** Sending into a private chat whose user blocked the bot. */
export function blockedByUser(): ApiError {
  return forbidden("bot was blocked by the user");
}
