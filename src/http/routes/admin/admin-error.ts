import type { FastifyError, FastifyInstance } from "fastify";
import { z } from "zod";
import {
  AdminReasonRequiredError,
  AdminReasonTooLongError,
  AdminUserNotFoundError,
  GenerationAlreadyRefundedError,
  GenerationNotFoundError,
  GenerationStillRunningError,
  TrialGenerationRefundError,
  UserNotBannedError,
} from "../../../domain/admin/admin-errors.js";
import { ModelNotFoundError } from "../../../domain/admin/model-edits.js";
import {
  BroadcastNotFoundError,
  BroadcastStateError,
  ButtonTextInvalidError,
  ButtonUrlInvalidError,
  EmptyAudienceError,
} from "../../../domain/broadcasts/broadcast-errors.js";
import { InvalidCatalogEditError } from "../../../domain/catalog/catalog-errors.js";
import {
  AdjustmentReasonRequiredError,
  AdjustmentReasonTooLongError,
  InvalidAdjustmentAmountError,
} from "../../../domain/ledger/balance-adjustment.js";
import { StarPaymentNotFoundError } from "../../../domain/payments/star-refund.js";
import { InvalidSettingsError } from "../../../domain/settings/settings-service.js";

/** The error body of every admin API refusal; `code` is what the panel translates. */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string(),
    /** For invalid settings: each refused key with why. */
    problems: z.array(z.object({ key: z.string(), message: z.string() })).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

/** A refusal of the admin API: status, a stable code, and a message for people and logs. */
export class AdminApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly problems?: Array<{ key: string; message: string }>,
  ) {
    super(message);
    this.name = "AdminApiError";
  }
}

/** Parses input with a zod schema; a failure is a 400 naming each bad field. */
export function parseAdminInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => ({ key: issue.path.join("."), message: issue.message }));
  throw new AdminApiError(400, "invalid_request", problems.map((p) => (p.key ? `${p.key}: ${p.message}` : p.message)).join("; "), problems);
}

/** The domain's refusals as HTTP answers; each class maps to one status and code. */
const DOMAIN_ERRORS: Array<[new (...args: never[]) => Error, number, string]> = [
  [AdminUserNotFoundError, 404, "user_not_found"],
  [AdminReasonRequiredError, 400, "reason_required"],
  [AdminReasonTooLongError, 400, "reason_too_long"],
  [UserNotBannedError, 409, "not_banned"],
  [GenerationNotFoundError, 404, "generation_not_found"],
  [TrialGenerationRefundError, 409, "trial_generation"],
  [GenerationAlreadyRefundedError, 409, "already_refunded"],
  [GenerationStillRunningError, 409, "still_running"],
  [AdjustmentReasonRequiredError, 400, "reason_required"],
  [AdjustmentReasonTooLongError, 400, "reason_too_long"],
  [InvalidAdjustmentAmountError, 400, "invalid_amount"],
  [StarPaymentNotFoundError, 404, "payment_not_found"],
  [BroadcastNotFoundError, 404, "broadcast_not_found"],
  [BroadcastStateError, 409, "broadcast_state"],
  [EmptyAudienceError, 409, "empty_audience"],
  [ButtonTextInvalidError, 400, "button_text_invalid"],
  [ButtonUrlInvalidError, 400, "button_url_invalid"],
  [InvalidCatalogEditError, 400, "invalid_model_edit"],
  [ModelNotFoundError, 404, "model_not_found"],
];

/**
 * Answers admin API errors in one shape: AdminApiErrors, the domain's refusals and Fastify's own 4xx.
 * Anything else goes on to the server's handler, which logs it and answers a bare 500.
 */
export function installAdminErrorHandler(scope: FastifyInstance): void {
  scope.setErrorHandler((error: FastifyError | Error, request, reply) => {
    const known = toApiError(error);
    if (known === undefined) throw error;
    const body: ApiErrorBody = { error: { code: known.code, message: known.message, requestId: request.id } };
    if (known.problems !== undefined) body.error.problems = known.problems;
    return reply.code(known.statusCode).send(body);
  });
}

function toApiError(error: FastifyError | Error): AdminApiError | undefined {
  if (error instanceof AdminApiError) return error;
  if (error instanceof InvalidSettingsError) return new AdminApiError(400, "invalid_settings", error.message, error.problems);
  for (const [type, status, code] of DOMAIN_ERRORS) if (error instanceof type) return new AdminApiError(status, code, error.message);
  const fastify = error as FastifyError;
  if (fastify.code === "FST_ERR_CTP_BODY_TOO_LARGE") return new AdminApiError(413, "too_large", "the body is too large");
  const status = fastify.statusCode ?? 500;
  if (status >= 400 && status < 500) return new AdminApiError(status, "bad_request", fastify.validation ? "invalid request" : error.message);
  return undefined;
}
