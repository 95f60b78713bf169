import type { Document, PhotoSize } from "grammy/types";
import { type ApiError, badRequest } from "../api-error.js";
import { describeFile, mimeTypeFor, type StoredFile } from "../files.js";
import type { UploadedPart } from "../http/multipart.js";
import { PhotoRejected, photoSize, storePhoto, storePhotoUrl } from "../photo-sizes.js";
import type { MethodContext } from "./method-context.js";

/** Where a file parameter points: an upload in this request, a URL to fetch, or a file the bot knows. */
export type InputFileSource =
  | { kind: "upload"; part: UploadedPart; reference: string }
  | { kind: "url"; url: string }
  | { kind: "file"; file: StoredFile };

/** Telegram's limit for photos uploaded by bots. */
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/**
 * Resolves a file parameter the way the Bot API does: `attach://<part>`, the part named after the
 * parameter, an http(s) URL, or a file_id of this bot.
 */
export function readInputFile(
  ctx: MethodContext,
  value: string | undefined,
  paramName: string | undefined,
  missing: () => ApiError,
): InputFileSource {
  if (value !== undefined && value !== "") {
    if (value.startsWith("attach://")) {
      const part = ctx.request.uploads.get(value.slice("attach://".length));
      if (part === undefined) throw missing();
      return { kind: "upload", part, reference: value };
    }
    if (/^https?:\/\//i.test(value)) return { kind: "url", url: value };
    const file = ctx.bot.files.get(value);
    if (file === undefined) throw badRequest("wrong file identifier/HTTP URL specified");
    return { kind: "file", file };
  }
  const part = paramName === undefined ? undefined : ctx.request.uploads.get(paramName);
  if (part === undefined || paramName === undefined) throw missing();
  return { kind: "upload", part, reference: paramName };
}

/** Stores (or reuses) a photo and returns its sizes, failing like Telegram for non-images and wrong kinds. */
export async function photoFromSource(ctx: MethodContext, source: InputFileSource): Promise<PhotoSize[]> {
  if (source.kind === "url") return storePhotoUrl(ctx.bot.files, source.url).sizes;
  if (source.kind === "file") {
    if (source.file.kind !== "photo") throw badRequest("can't use file of type Document as Photo");
    return source.file.photoSizes ?? [photoSize(source.file)];
  }
  const bytes = source.part.data;
  if (bytes.length === 0) throw badRequest("file must be non-empty");
  if (bytes.length > MAX_PHOTO_BYTES) {
    throw badRequest(`file of size ${bytes.length} bytes is too big for a photo; the maximum size is ${MAX_PHOTO_BYTES} bytes`);
  }
  try {
    const { sizes, original } = await storePhoto(ctx.bot.files, bytes);
    ctx.fileDescriptors.set(source.reference, { ...describeFile(original) });
    return sizes;
  } catch (error) {
    if (error instanceof PhotoRejected) throw badRequest(error.code);
    throw error;
  }
}

/** Stores (or reuses) a document; uploads keep the multipart file name, URLs their last path segment. */
export function documentFromSource(ctx: MethodContext, source: InputFileSource): Document {
  let file: StoredFile;
  if (source.kind === "file") {
    if (source.file.kind !== "document") throw badRequest("can't use file of type Photo as Document");
    file = source.file;
  } else if (source.kind === "url") {
    const name = decodeURIComponent(new URL(source.url).pathname.split("/").pop() ?? "") || "file";
    file = ctx.bot.files.add("document", { url: source.url }, { file_name: name, mime_type: mimeTypeFor(name) });
  } else {
    if (source.part.data.length === 0) throw badRequest("file must be non-empty");
    const name = source.part.filename ?? "document";
    file = ctx.bot.files.add("document", { bytes: source.part.data }, { file_name: name, mime_type: mimeTypeFor(name) });
    ctx.fileDescriptors.set(source.reference, { ...describeFile(file) });
  }
  const document: Document = { file_id: file.file_id, file_unique_id: file.file_unique_id };
  if (file.file_name !== undefined) document.file_name = file.file_name;
  if (file.mime_type !== undefined) document.mime_type = file.mime_type;
  if (file.file_size !== undefined) document.file_size = file.file_size;
  return document;
}
