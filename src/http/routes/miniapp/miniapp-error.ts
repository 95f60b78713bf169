import type { FastifyError, FastifyInstance } from "fastify";
import type { z } from "zod";
import type { ApiErrorBody, MiniAppErrorCode } from "./api-types.js";

/**
 * A refusal the Mini App shows to the user: the HTTP status, a code the app maps to one localized
 * message, and the numbers that message needs. `message` is for developers and logs only.
 */
export class MiniAppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: MiniAppErrorCode,
    message: string,
    readonly details?: Record<string, number | string>,
  ) {
    super(message);
    this.name = "MiniAppError";
  }
}

/** Parses input with a zod schema; a failure is a 400 naming each bad field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message));
  throw new MiniAppError(400, "invalid_request", problems.join("; "));
}

/**
 * Answers MiniAppErrors and Fastify's own 4xx (body too large, bad content type) in the app's error
 * shape; everything else goes on to the server's handler, which logs it and answers a bare 500.
 */
export function installMiniAppErrorHandler(scope: FastifyInstance): void {
  scope.setErrorHandler((error: FastifyError | MiniAppError, request, reply) => {
    const known = error instanceof MiniAppError ? error : fromFastify(error);
    if (known === undefined) throw error;
    const body: ApiErrorBody = { error: { code: known.code, message: known.message, requestId: request.id } };
    if (known.details !== undefined) body.error.details = known.details;
    return reply.code(known.statusCode).send(body);
  });
}

function fromFastify(error: FastifyError): MiniAppError | undefined {
  if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") return new MiniAppError(413, "file_too_large", "the body is too large");
  if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") return new MiniAppError(415, "not_an_image", "unsupported content type");
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return new MiniAppError(status, "invalid_request", error.validation ? "invalid request" : error.message);
  return undefined;
}
