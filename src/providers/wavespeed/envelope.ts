import { z } from "zod";

/**
 * Wavespeed wraps REST answers as `{ code, message?, data }`, where `code` repeats an HTTP-style status
 * and may say failure even on HTTP 200. Webhook bodies are not wrapped.
 */
export interface WavespeedEnvelope {
  code: number;
  message?: string;
  data: unknown;
}

const envelopeSchema = z.object({
  code: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]),
  message: z.string().optional().catch(undefined),
  // Error envelopes often carry no data at all.
  data: z.unknown().optional(),
});

/** Returns the envelope, or undefined when the JSON value is not one. */
export function parseEnvelope(json: unknown): WavespeedEnvelope | undefined {
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const envelope: WavespeedEnvelope = { code: parsed.data.code, data: parsed.data.data };
  if (parsed.data.message) envelope.message = parsed.data.message;
  return envelope;
}

const errorBodySchema = z.object({
  message: z.string().optional().catch(undefined),
  error: z.string().optional().catch(undefined),
  error_code: z.union([z.string(), z.number()]).optional().catch(undefined),
});

const MAX_DETAIL_LENGTH = 300;

/**
 * Extracts a human-readable reason from an error body: `{code, message, error_code?}`, the
 * `{"error": "..."}` shape, or (for gateway pages) the start of the raw text.
 */
export function describeErrorBody(text: string): string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return truncate(text.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim());
  }
  const parsed = errorBodySchema.safeParse(json);
  if (!parsed.success) return truncate(text.trim());
  const { message, error, error_code: errorCode } = parsed.data;
  const reason = [error, message].filter((part) => part && part !== "success").join(": ");
  const detail = errorCode === undefined ? reason : `${reason} (error_code ${errorCode})`;
  return truncate(detail.trim());
}

function truncate(text: string): string {
  return text.length > MAX_DETAIL_LENGTH ? `${text.slice(0, MAX_DETAIL_LENGTH)}…` : text;
}
