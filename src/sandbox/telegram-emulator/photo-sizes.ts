import sharp from "sharp";
import type { PhotoSize } from "grammy/types";
import type { FileStore, StoredFile } from "./files.js";

/** Why an image cannot become a Telegram photo; callers turn it into an API error or a test failure. */
export class PhotoRejected extends Error {
  constructor(readonly code: "IMAGE_PROCESS_FAILED" | "PHOTO_INVALID_DIMENSIONS") {
    super(code);
    this.name = "PhotoRejected";
  }
}

/** Telegram's preview sizes ("s" and "m" boxes); larger originals get both, small ones only the first. */
const PREVIEW_BOXES = [90, 320];

/**
 * Stores a photo the way Telegram presents one: 2–3 PhotoSize entries from smallest to largest, each
 * its own file. The largest keeps the original bytes and format (Telegram would recompress them to
 * JPEG) so a test can compare what the bot downloads with what was sent.
 */
export async function storePhoto(files: FileStore, bytes: Buffer): Promise<{ sizes: PhotoSize[]; original: StoredFile }> {
  let width: number;
  let height: number;
  let format: string;
  try {
    ({ width, height, format } = await sharp(bytes).metadata());
  } catch {
    throw new PhotoRejected("IMAGE_PROCESS_FAILED");
  }
  if (!width || !height) throw new PhotoRejected("IMAGE_PROCESS_FAILED");
  if (width + height > 10_000 || Math.max(width, height) / Math.min(width, height) > 20) {
    throw new PhotoRejected("PHOTO_INVALID_DIMENSIONS");
  }
  const sizes: PhotoSize[] = [];
  for (const box of PREVIEW_BOXES) {
    if (box !== PREVIEW_BOXES[0] && Math.max(width, height) <= box) continue;
    const { data, info } = await sharp(bytes)
      .resize({ width: box, height: box, fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    const preview = files.add("photo", { bytes: data }, { width: info.width, height: info.height, mime_type: "image/jpeg" });
    sizes.push(photoSize(preview));
  }
  const original = files.add("photo", { bytes }, { width, height, mime_type: `image/${format}` });
  sizes.push(photoSize(original));
  linkSizes(files, sizes);
  return { sizes, original };
}

/** A photo sent by URL: Telegram would fetch it, the emulator only records the URL with nominal dimensions. */
export function storePhotoUrl(files: FileStore, url: string): { sizes: PhotoSize[]; original: StoredFile } {
  const original = files.add("photo", { url }, { width: 1280, height: 1280 });
  const sizes = [photoSize(original)];
  linkSizes(files, sizes);
  return { sizes, original };
}

function linkSizes(files: FileStore, sizes: PhotoSize[]): void {
  for (const size of sizes) {
    const file = files.get(size.file_id);
    if (file !== undefined) file.photoSizes = sizes;
  }
}

/** The PhotoSize entry describing one stored file. */
export function photoSize(file: StoredFile): PhotoSize {
  const size: PhotoSize = {
    file_id: file.file_id,
    file_unique_id: file.file_unique_id,
    width: file.width ?? 0,
    height: file.height ?? 0,
  };
  if (file.file_size !== undefined) size.file_size = file.file_size;
  return size;
}

let defaultImage: Promise<Buffer> | undefined;

/** The picture a simulated user sends when the test gives none: a plain 800×600 JPEG, generated once. */
export function defaultUserImage(): Promise<Buffer> {
  defaultImage ??= sharp({
    create: { width: 800, height: 600, channels: 3, background: { r: 244, g: 196, b: 48 } },
  })
    .jpeg({ quality: 85 })
    .toBuffer();
  return defaultImage;
}
