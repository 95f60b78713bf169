import { WavespeedProtocolError } from "./errors.js";
import { type Prediction, parsePrediction } from "./prediction.js";

/**
 * Reads a webhook delivery into a {@link Prediction}. Unlike REST answers, webhook bodies are the bare
 * prediction object, not a `{code, data}` envelope. Verify the signature on the raw bytes first.
 *
 * @param body the raw body (string or Buffer) or its already-parsed JSON value.
 * @throws WavespeedProtocolError when the body is not JSON or carries no task id.
 */
export function parseWebhookPayload(body: unknown): Prediction {
  let json = body;
  if (typeof body === "string" || Buffer.isBuffer(body)) {
    try {
      json = JSON.parse(body.toString());
    } catch {
      throw new WavespeedProtocolError("Wavespeed webhook: body is not valid JSON");
    }
  }
  return parsePrediction(json, "Wavespeed webhook");
}
