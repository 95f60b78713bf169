import type { Api } from "grammy";

/** Telegram's cloud Bot API refuses downloads above 20 MB. */
export const TELEGRAM_DOWNLOAD_LIMIT_BYTES = 20 * 1024 * 1024;

export class FileTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`file is larger than ${limitBytes} bytes`);
    this.name = "FileTooLargeError";
  }
}

export class FileDownloadError extends Error {
  constructor(reason: string) {
    super(`could not download the file from Telegram: ${reason}`);
    this.name = "FileDownloadError";
  }
}

export interface TelegramFileSource {
  api: Api;
  token: string;
  apiRoot: string;
}

/**
 * Downloads a file the user sent, on the server. The download URL contains the bot token, so it is
 * built here, used once and never logged, returned or handed to anyone (errors name only the file id).
 * The body is read with a byte cap, so a lying `file_size` cannot make us buffer more than the limit.
 */
export async function downloadTelegramFile(
  source: TelegramFileSource,
  fileId: string,
  limitBytes = TELEGRAM_DOWNLOAD_LIMIT_BYTES,
  timeoutMs = 30_000,
): Promise<Uint8Array> {
  const file = await source.api.getFile(fileId);
  if (file.file_size !== undefined && file.file_size > limitBytes) throw new FileTooLargeError(limitBytes);
  if (!file.file_path) throw new FileDownloadError(`no file path for ${fileId}`);
  let response: Response;
  try {
    response = await fetch(`${source.apiRoot}/file/bot${source.token}/${file.file_path}`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new FileDownloadError(error instanceof Error ? error.name : "network error");
  }
  if (!response.ok || !response.body) throw new FileDownloadError(`HTTP ${response.status} for ${fileId}`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > limitBytes) throw new FileTooLargeError(limitBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
