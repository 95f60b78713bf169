import { GrammyError } from "grammy";
import type { StoredReference } from "../../db/schema/index.js";
import { IMAGE_MIME_TYPES, sniffImageFormat } from "../../domain/generation/image-format.js";
import {
  downloadTelegramFile,
  FileDownloadError,
  FileTooLargeError,
  type TelegramFileSource,
} from "../../infra/telegram-file-download.js";
import { WavespeedError, type WavespeedClient } from "../../providers/wavespeed/index.js";

/** A reference image that can never be used (gone, too large, not an image): fail the generation. */
export class ReferenceUnavailableError extends Error {
  constructor(
    readonly index: number,
    reason: string,
  ) {
    super(`reference image ${index + 1}: ${reason}`);
    this.name = "ReferenceUnavailableError";
  }
}

/** The provider refused the upload itself (4xx): resubmitting the same bytes will not help. */
export class ReferenceRejectedError extends Error {
  constructor(
    readonly index: number,
    readonly providerError: WavespeedError,
  ) {
    super(`reference image ${index + 1} was refused by the provider: ${providerError.message}`);
    this.name = "ReferenceRejectedError";
  }
}

export interface ReferenceUploadDeps {
  files: TelegramFileSource;
  wavespeed: Pick<WavespeedClient, "uploadMedia">;
  /** Persists progress after each upload, so a retry does not upload the same image again. */
  onUploaded(references: StoredReference[]): Promise<void>;
}

/**
 * Re-hosts the user's reference images at the provider: each is downloaded here from Telegram (its
 * URL carries the bot token and never leaves this process), checked by its magic bytes, and uploaded.
 * Already uploaded ones are skipped. Transient failures are thrown as they are, for the job to retry.
 *
 * @throws ReferenceUnavailableError, ReferenceRejectedError for failures a retry cannot fix.
 */
export async function uploadReferences(references: readonly StoredReference[], deps: ReferenceUploadDeps): Promise<StoredReference[]> {
  const result = references.map((reference) => ({ ...reference }));
  for (const [index, reference] of result.entries()) {
    if (reference.uploadedUrl) continue;
    const bytes = await download(deps.files, reference, index);
    const format = sniffImageFormat(bytes);
    if (!format) throw new ReferenceUnavailableError(index, "not a JPEG, PNG or WebP image");
    try {
      const uploaded = await deps.wavespeed.uploadMedia(bytes, `reference-${index + 1}.${format === "jpeg" ? "jpg" : format}`, IMAGE_MIME_TYPES[format]);
      reference.uploadedUrl = uploaded.url;
    } catch (error) {
      if (error instanceof WavespeedError && !error.retryable) throw new ReferenceRejectedError(index, error);
      throw error;
    }
    await deps.onUploaded(result);
  }
  return result;
}

async function download(files: TelegramFileSource, reference: StoredReference, index: number): Promise<Uint8Array> {
  try {
    return await downloadTelegramFile(files, reference.fileId);
  } catch (error) {
    if (error instanceof FileTooLargeError) throw new ReferenceUnavailableError(index, "larger than Telegram lets bots download");
    // 400 "wrong file identifier" and the like: the file id will not become valid later.
    if (error instanceof GrammyError && error.error_code === 400) throw new ReferenceUnavailableError(index, error.description);
    if (error instanceof FileDownloadError && /HTTP 4\d\d/.test(error.message)) throw new ReferenceUnavailableError(index, error.message);
    throw error;
  }
}
