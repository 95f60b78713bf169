/**
 * An in-process Telegram Bot API emulator for end-to-end tests and the local sandbox chat: run the real
 * grammY bot against `apiRoot`, act as users through EmulatedBot/UserActor, and read what the bot did.
 */
export { startTelegramEmulator } from "./server.js";
export type {
  AlbumItem,
  AnyReplyMarkup,
  ApiCallRecord,
  ApiErrorBody,
  CallbackAnswer,
  ChatView,
  EmulatedBot,
  EmulatedMessage,
  EmulatorOptions,
  PaymentOutcome,
  TelegramEmulator,
  UpdateInput,
  UserActor,
  UserDocumentOptions,
  UserPhotoOptions,
  UserProfile,
  WebhookConfig,
} from "./types.js";
