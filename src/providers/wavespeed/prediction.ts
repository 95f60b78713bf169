import { z } from "zod";
import { WavespeedProtocolError } from "./errors.js";
import type { PredictionStatus } from "./prediction-status.js";

/**
 * A Wavespeed task as the bot needs it, normalised from the submit, result and webhook shapes.
 * Fields the bot never reads (`urls`, raw `timings`) are dropped.
 */
export interface Prediction {
  id: string;
  model?: string;
  status: PredictionStatus;
  /** Output URLs (or base64 strings when base64 output was requested); empty until completed. */
  outputs: string[];
  /** One flag per output, in the same order as `outputs`. */
  nsfw: boolean[];
  /** The provider's error text; absent when the server sent none or an empty string. */
  error?: string;
  /** ISO-8601 as sent by the provider (may carry nanoseconds, so kept as a string). */
  createdAt?: string;
  inferenceMs?: number;
}

/** Outputs are usually URL strings; some models return objects, which are kept only if they carry a URL. */
const outputSchema = z.union([
  z.string(),
  z.object({ url: z.string() }).transform((o) => o.url),
  z.unknown().transform(() => undefined),
]);

const millisecondsSchema = z.number().nonnegative().optional().catch(undefined);

const predictionSchema = z.object({
  id: z.string().min(1),
  model: z.string().optional().catch(undefined),
  // A submit answer that omits the status is a task that has just been queued.
  status: z.string().min(1).catch("created"),
  outputs: z
    .array(outputSchema)
    .nullish()
    .catch([])
    .transform((list) => (list ?? []).filter((o): o is string => typeof o === "string")),
  has_nsfw_contents: z
    .array(z.unknown())
    .nullish()
    .catch([])
    .transform((list) => (list ?? []).map((flag) => flag === true)),
  error: z.string().nullish().catch(undefined),
  created_at: z.string().optional().catch(undefined),
  timings: z.object({ inference: millisecondsSchema }).optional().catch(undefined),
  executionTime: millisecondsSchema,
});

/**
 * Parses a prediction object (the envelope's `data`, or a webhook body). Everything but `id` is
 * parsed leniently because the provider's shapes vary between models and doc versions.
 *
 * @throws WavespeedProtocolError when there is no object or no task id.
 */
export function parsePrediction(value: unknown, context: string): Prediction {
  const parsed = predictionSchema.safeParse(value);
  if (!parsed.success) {
    throw new WavespeedProtocolError(`${context}: the answer has no prediction with a task id`);
  }
  const p = parsed.data;
  const prediction: Prediction = { id: p.id, status: p.status, outputs: p.outputs, nsfw: p.has_nsfw_contents };
  if (p.model) prediction.model = p.model;
  if (p.error) prediction.error = p.error;
  if (p.created_at) prediction.createdAt = p.created_at;
  const inferenceMs = p.timings?.inference ?? p.executionTime;
  if (inferenceMs !== undefined) prediction.inferenceMs = inferenceMs;
  return prediction;
}
