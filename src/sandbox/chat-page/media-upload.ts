import type { Message } from "grammy/types";
import { multipartBoundary, parseMultipart, type MultipartContent, type UploadedPart } from "../telegram-emulator/http/multipart.js";
import type { AlbumItem, UserActor } from "../telegram-emulator/index.js";
import { ChatPageRequestError } from "./request-error.js";

/** Ten photos of a few MB each, with room to spare; a larger body is refused before it is read. */
export const MAX_UPLOAD_BODY_BYTES = 80 * 1024 * 1024;
/** Telegram's limit for a photo; larger images must be sent as files. */
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
const MAX_ALBUM_ITEMS = 10;
const MAX_CAPTION_CHARS = 1024;

/** The upload form of the page: the raw body (the chat page's content-type parser keeps it a Buffer). */
export function readUploadForm(body: unknown, contentType: string | undefined): MultipartContent {
  const boundary = multipartBoundary(contentType ?? "");
  if (!Buffer.isBuffer(body) || boundary === undefined) throw new ChatPageRequestError(400, "send the files as multipart/form-data");
  try {
    return parseMultipart(body, boundary);
  } catch (error) {
    throw new ChatPageRequestError(400, `malformed multipart body: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Sends what the page's attach button uploaded, as the Telegram client would: one file as a photo or
 * document message, 2–10 files as an album with the caption on its first item. Multipart fields:
 * `kind` ("photo" or "document"), optional `caption`, and the files in parts with distinct names.
 */
export async function sendUploads(actor: UserActor, content: MultipartContent): Promise<Message[]> {
  const kind = content.fields.kind;
  if (kind !== "photo" && kind !== "document") throw new ChatPageRequestError(400, 'kind: must be "photo" or "document"');
  const caption = content.fields.caption?.trim() || undefined;
  if (caption !== undefined && [...caption].length > MAX_CAPTION_CHARS) {
    throw new ChatPageRequestError(400, `caption: at most ${MAX_CAPTION_CHARS} characters`);
  }
  const files = [...content.files.values()];
  if (files.length === 0) throw new ChatPageRequestError(400, "no file uploaded");
  if (files.length > MAX_ALBUM_ITEMS) throw new ChatPageRequestError(400, `an album holds at most ${MAX_ALBUM_ITEMS} files`);
  if (kind === "photo" && files.some((file) => file.data.length > MAX_PHOTO_BYTES)) {
    throw new ChatPageRequestError(400, "a photo can be at most 10 MB; send it as a file instead");
  }
  try {
    const [single] = files;
    if (files.length === 1 && single !== undefined) {
      if (kind === "photo") return [await actor.sendPhoto({ image: single.data, ...(caption ? { caption } : {}) })];
      return [await actor.sendDocument({ ...documentFields(single), content: single.data, ...(caption ? { caption } : {}) })];
    }
    const items: AlbumItem[] = files.map((file) =>
      kind === "photo" ? { kind, image: file.data } : { kind, image: file.data, ...documentFields(file) },
    );
    return await actor.sendAlbum(items, caption);
  } catch (error) {
    // The actor refuses what a Telegram client could not send (an image it cannot decode as a photo).
    throw new ChatPageRequestError(400, error instanceof Error ? error.message : String(error));
  }
}

function documentFields(file: UploadedPart): { file_name: string; mime_type?: string } {
  const name = (file.filename ?? "").split(/[\\/]/).pop()?.trim().slice(0, 255) || "file";
  const type = file.contentType?.split(";")[0]?.trim();
  // Browsers say octet-stream when they do not know; the emulator then derives the type from the name.
  return type && type !== "application/octet-stream" ? { file_name: name, mime_type: type } : { file_name: name };
}
