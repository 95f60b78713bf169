import { GrammyError, InputFile, type Api } from "grammy";
import type { StoredReference } from "../../../db/schema/index.js";
import { IMAGE_MIME_TYPES, sniffImageFormat } from "../../../domain/generation/image-format.js";
import { TELEGRAM_DOWNLOAD_LIMIT_BYTES } from "../../../infra/telegram-file-download.js";
import { MiniAppError } from "./miniapp-error.js";

/**
 * The largest reference the app may upload: what the bot can download again later to re-host it at
 * the provider (the worker reads references from Telegram by file id, like the bot's).
 */
export const REFERENCE_MAX_BYTES = TELEGRAM_DOWNLOAD_LIMIT_BYTES;

/**
 * Stores an image the user picked in the Mini App the way the bot stores one they send in the chat:
 * as a Telegram file id. The bot sends it to the user's own private chat as a document (original
 * bytes, silently, with a caption saying where it came from) and keeps the returned file id — so the
 * generation worker, Regenerate and history treat it exactly like a bot reference, and the user sees
 * in the chat what the app used. The bytes are checked first: JPEG, PNG or WebP by their magic bytes,
 * whatever the declared type, at most 20 MB.
 */
export async function storeReference(
  telegram: Api,
  chatId: number,
  bytes: Buffer,
  caption: string,
): Promise<StoredReference> {
  if (bytes.length === 0) throw new MiniAppError(400, "not_an_image", "the body is empty");
  if (bytes.length > REFERENCE_MAX_BYTES) throw new MiniAppError(413, "file_too_large", "larger than 20 MB", { limit: REFERENCE_MAX_BYTES / 1024 / 1024 });
  const format = sniffImageFormat(bytes);
  if (format === undefined) throw new MiniAppError(415, "not_an_image", "not a JPEG, PNG or WebP image");
  const fileName = `reference.${format === "jpeg" ? "jpg" : format}`;
  let document;
  try {
    const message = await telegram.sendDocument(chatId, new InputFile(bytes, fileName), { caption, disable_notification: true });
    document = message.document;
  } catch (error) {
    // Blocked by the user, or the chat is gone: the image cannot be stored the way the pipeline needs.
    if (error instanceof GrammyError && (error.error_code === 403 || error.error_code === 400)) {
      throw new MiniAppError(409, "chat_unavailable", `the bot cannot send to the user's chat: ${error.description}`);
    }
    throw error;
  }
  if (document === undefined) throw new Error("sendDocument returned no document");
  return {
    fileId: document.file_id,
    fileUniqueId: document.file_unique_id,
    kind: "document",
    fileSize: bytes.length,
    mimeType: IMAGE_MIME_TYPES[format],
    fileName,
  };
}
