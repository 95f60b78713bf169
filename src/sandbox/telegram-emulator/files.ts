import type { PhotoSize } from "grammy/types";
import { randomToken, stableDigest } from "./ids.js";

/** What kind of media a file was stored as; Telegram refuses to send a file as another kind. */
export type FileKind = "photo" | "document";

/** A file known to one bot, with its bytes (uploads) or only the URL it was sent from. */
export interface StoredFile {
  kind: FileKind;
  file_id: string;
  file_unique_id: string;
  file_path: string;
  file_size?: number;
  file_name?: string;
  mime_type?: string;
  width?: number;
  height?: number;
  bytes?: Buffer;
  /** Files sent by URL are not fetched; their bytes are unknown and downloads answer 404. */
  url?: string;
  /** For photos: every size of the photo this file belongs to, so resending any size shows them all. */
  photoSizes?: PhotoSize[];
}

/** The fields of a stored file that an ApiCallRecord shows in place of the upload. */
export type FileDescriptor = Pick<StoredFile, "file_id" | "file_unique_id" | "file_size" | "file_name" | "mime_type">;

const FILE_ID_PREFIX: Record<FileKind, string> = { photo: "AgACAgIAAxkBAAI", document: "BQACAgIAAxkBAAI" };
const FOLDER: Record<FileKind, string> = { photo: "photos", document: "documents" };

/** Files of one bot by file_id and by download path; file_ids are per bot like Telegram's. */
export class FileStore {
  private readonly byId = new Map<string, StoredFile>();
  private readonly byPath = new Map<string, StoredFile>();
  private counter = 0;

  add(
    kind: FileKind,
    content: { bytes: Buffer } | { url: string },
    meta: { file_name?: string; mime_type?: string; width?: number; height?: number } = {},
  ): StoredFile {
    this.counter += 1;
    const source = "bytes" in content ? content.bytes : content.url;
    const extension = fileExtension(meta.file_name, meta.mime_type, kind);
    const file: StoredFile = {
      kind,
      // A new id per stored copy, a unique id per content, as Telegram does.
      file_id: `${FILE_ID_PREFIX[kind]}${randomToken(40)}`,
      file_unique_id: `AQAD${stableDigest(kind, source).slice(0, 12)}`,
      file_path: `${FOLDER[kind]}/file_${this.counter}${extension}`,
      ...meta,
      ...("bytes" in content ? { bytes: content.bytes, file_size: content.bytes.length } : { url: content.url }),
    };
    this.byId.set(file.file_id, file);
    this.byPath.set(file.file_path, file);
    return file;
  }

  get(fileId: string): StoredFile | undefined {
    return this.byId.get(fileId);
  }

  atPath(path: string): StoredFile | undefined {
    return this.byPath.get(path);
  }
}

/** What the call log shows instead of an uploaded file. */
export function describeFile(file: StoredFile): FileDescriptor {
  const descriptor: FileDescriptor = { file_id: file.file_id, file_unique_id: file.file_unique_id };
  if (file.file_size !== undefined) descriptor.file_size = file.file_size;
  if (file.file_name !== undefined) descriptor.file_name = file.file_name;
  if (file.mime_type !== undefined) descriptor.mime_type = file.mime_type;
  return descriptor;
}

const MIME_EXTENSIONS: Record<string, string> = {
  "image/jpeg": ".jpg",
  "image/png": ".png",
  "image/webp": ".webp",
  "image/gif": ".gif",
  "application/pdf": ".pdf",
  "application/zip": ".zip",
  "text/plain": ".txt",
};

function fileExtension(fileName: string | undefined, mimeType: string | undefined, kind: FileKind): string {
  const fromName = fileName !== undefined ? /\.[A-Za-z0-9]{1,8}$/.exec(fileName)?.[0] : undefined;
  if (fromName !== undefined) return fromName.toLowerCase();
  if (mimeType !== undefined && MIME_EXTENSIONS[mimeType] !== undefined) return MIME_EXTENSIONS[mimeType];
  return kind === "photo" ? ".jpg" : "";
}

/** The MIME type clients derive from a file name when the sender gives none. */
export function mimeTypeFor(fileName: string): string {
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  const known = Object.entries(MIME_EXTENSIONS).find(([, ext]) => ext === `.${extension}`)?.[0];
  if (known !== undefined) return known;
  return extension === "jpeg" ? "image/jpeg" : "application/octet-stream";
}
