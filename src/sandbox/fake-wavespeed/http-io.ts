import type { IncomingMessage, ServerResponse } from "node:http";

/** Larger bodies are refused; real Telegram photos are far below this. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** Thrown by {@link readBody} when a client sends more than {@link MAX_BODY_BYTES}. */
export class BodyTooLargeError extends Error {}

/** Reads the whole request body into memory (the fake's bodies are small). */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(`body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Sends a JSON value exactly as given (used for envelopes and for raw error shapes). */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  sendRaw(res, status, JSON.stringify(value), "application/json");
}

/** Sends the `{code: 200, message: "success", data}` envelope every successful REST answer uses. */
export function sendEnvelope(res: ServerResponse, data: unknown): void {
  sendJson(res, 200, { code: 200, message: "success", data });
}

/** Sends an error the way Wavespeed does: HTTP status repeated in the envelope's `code`. */
export function sendError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { code: status, message });
}

export function sendRaw(res: ServerResponse, status: number, body: string | Buffer, contentType: string): void {
  res.writeHead(status, { "Content-Type": contentType, "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}
