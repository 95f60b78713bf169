/** Telegram's cloud Bot API accepts documents up to 50 MB. */
export const OUTPUT_LIMIT_BYTES = 50 * 1024 * 1024;

/** The output is gone or unusable (expired at the provider, too large, not a URL): retrying will not help. */
export class OutputUnavailableError extends Error {
  constructor(reason: string) {
    super(`the provider's output cannot be downloaded: ${reason}`);
    this.name = "OutputUnavailableError";
  }
}

/** A network error, timeout or 5xx: the same download may work a little later. */
export class OutputDownloadError extends Error {
  constructor(reason: string) {
    super(`downloading the provider's output failed: ${reason}`);
    this.name = "OutputDownloadError";
  }
}

// Statuses that mean the object is not (or no longer) there, as storage and CDNs answer for expired URLs.
const GONE_STATUSES = new Set([400, 401, 403, 404, 410]);

/**
 * Downloads one output into memory with a byte cap and a deadline. A Buffer, not a stream, because the
 * upload to Telegram may be retried (auto-retry re-sends the body).
 */
export async function downloadOutput(url: string, options: { limitBytes?: number; timeoutMs?: number } = {}): Promise<Buffer> {
  const limitBytes = options.limitBytes ?? OUTPUT_LIMIT_BYTES;
  if (!/^https?:\/\//i.test(url)) throw new OutputUnavailableError("not an http(s) URL");
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 60_000) });
  } catch (error) {
    throw new OutputDownloadError(error instanceof Error ? error.name : "network error");
  }
  if (GONE_STATUSES.has(response.status)) {
    await response.body?.cancel();
    throw new OutputUnavailableError(`HTTP ${response.status}`);
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new OutputDownloadError(`HTTP ${response.status}`);
  }
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limitBytes) {
    await response.body.cancel();
    throw new OutputUnavailableError(`larger than ${limitBytes} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      total += chunk.byteLength;
      if (total > limitBytes) throw new OutputUnavailableError(`larger than ${limitBytes} bytes`);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof OutputUnavailableError) throw error;
    throw new OutputDownloadError(error instanceof Error ? error.name : "read error");
  }
  return Buffer.concat(chunks);
}
