export { createWavespeedClient, type WavespeedClient, type WavespeedClientOptions } from "./client.js";
export {
  WavespeedAuthError,
  WavespeedBadRequestError,
  WavespeedError,
  WavespeedInsufficientBalanceError,
  WavespeedNetworkError,
  WavespeedNotFoundError,
  WavespeedProtocolError,
  WavespeedRateLimitError,
  type WavespeedRequestOutcome,
  WavespeedServerError,
  WavespeedTimeoutError,
} from "./errors.js";
export type { Prediction } from "./prediction.js";
export { isFailure, isSuccess, isTerminal, type PredictionStatus } from "./prediction-status.js";
export { parseWebhookPayload } from "./webhook-payload.js";
export {
  signWavespeedWebhook,
  type SignWebhookInput,
  verifyWavespeedWebhook,
  type VerifyWebhookOptions,
  type WebhookHeaders,
  type WebhookRejectionReason,
  type WebhookVerification,
} from "./webhook-signature.js";
