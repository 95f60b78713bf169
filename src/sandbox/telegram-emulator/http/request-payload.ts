import type { IncomingMessage } from "node:http";
import { ApiError, badRequest } from "../api-error.js";
import { multipartBoundary, parseMultipart, type UploadedPart } from "./multipart.js";

/** A Bot API request's parameters, however they were encoded, plus the files uploaded with it. */
export interface ParsedRequest {
  /** JSON bodies keep their types; query strings, urlencoded and multipart fields are strings. */
  fields: Record<string, unknown>;
  uploads: Map<string, UploadedPart>;
}

/** Telegram's cloud server refuses bigger requests outright (50 MB uploads plus some slack for fields). */
const MAX_BODY_BYTES = 52 * 1024 * 1024;

/** Reads query string and body the way the Bot API accepts them: JSON, urlencoded or multipart, body winning. */
export async function readRequestPayload(req: IncomingMessage, url: URL): Promise<ParsedRequest> {
  const fields: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const uploads = new Map<string, UploadedPart>();
  const body = await readBody(req);
  if (body.length === 0) return { fields, uploads };
  const contentType = req.headers["content-type"] ?? "";
  if (contentType.includes("application/json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      throw badRequest("can't parse JSON encoded request body");
    }
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) Object.assign(fields, parsed);
  } else if (contentType.includes("application/x-www-form-urlencoded")) {
    Object.assign(fields, Object.fromEntries(new URLSearchParams(body.toString("utf8"))));
  } else if (contentType.includes("multipart/form-data")) {
    const boundary = multipartBoundary(contentType);
    if (boundary === undefined) throw badRequest("can't parse multipart/form-data request body");
    try {
      const content = parseMultipart(body, boundary);
      Object.assign(fields, content.fields);
      for (const [name, part] of content.files) uploads.set(name, part);
    } catch {
      throw badRequest("can't parse multipart/form-data request body");
    }
  }
  return { fields, uploads };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, "Request Entity Too Large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
