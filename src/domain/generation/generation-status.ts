/** Where a generation is in its life (design §4); only `delivered` and `failed` are final. */
export const GENERATION_STATUS = {
  /** Charged and enqueued; nothing sent to the provider yet. */
  queued: "queued",
  /** Reference images are being re-hosted at the provider; safe to redo. */
  uploading: "uploading",
  /** The submit request is (or was) in flight: a task may exist without our knowing its id. */
  submitting: "submitting",
  /** The provider accepted it; `provider_task_id` is stored and is polled, never resubmitted. */
  submitted: "submitted",
  /** The provider finished; the file is on its way to the user. */
  completed: "completed",
  delivered: "delivered",
  failed: "failed",
} as const;

export type GenerationStatus = (typeof GENERATION_STATUS)[keyof typeof GENERATION_STATUS];

/** Statuses that count against the per-user parallel limit and that the sweeper watches. */
export const ACTIVE_STATUSES: readonly GenerationStatus[] = ["queued", "uploading", "submitting", "submitted", "completed"];

export const FINAL_STATUSES: readonly GenerationStatus[] = ["delivered", "failed"];

/** Why a generation failed; each maps to one localized message (locales: generation-failed-<code>). */
export const FAILURE_CODES = {
  providerFailed: "provider_failed",
  contentBlocked: "content_blocked",
  timeout: "timeout",
  submitRejected: "submit_rejected",
  submitUnknown: "submit_unknown",
  referenceUnavailable: "reference_unavailable",
  deliveryFailed: "delivery_failed",
  nsfwBlocked: "nsfw_blocked",
  internal: "internal",
} as const;

export type FailureCode = (typeof FAILURE_CODES)[keyof typeof FAILURE_CODES];
