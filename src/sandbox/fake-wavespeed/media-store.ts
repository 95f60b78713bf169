import { randomUUID } from "node:crypto";

/** A file uploaded to the fake, served back at its download URL. */
export interface StoredMedia {
  id: string;
  filename: string;
  contentType: string;
  /** Undefined while a ticket upload (flow B) waits for its PUT. */
  bytes: Buffer | undefined;
}

/**
 * In-memory stand-in for Wavespeed's media storage. Download URLs have the form
 * `{publicBaseUrl}/media/{id}/{filename}`; the fake reads them back from here instead of over HTTP.
 */
export class MediaStore {
  private readonly items = new Map<string, StoredMedia>();

  /** Stores uploaded bytes (or reserves a slot for a later PUT when `bytes` is undefined). */
  add(filename: string, contentType: string, bytes: Buffer | undefined): StoredMedia {
    const item: StoredMedia = { id: randomUUID().replace(/-/g, ""), filename: safeFilename(filename), contentType, bytes };
    this.items.set(item.id, item);
    return item;
  }

  get(id: string): StoredMedia | undefined {
    return this.items.get(id);
  }

  /** Path under the fake's base URL where the file is served. */
  static pathOf(item: StoredMedia): string {
    return `/media/${item.id}/${encodeURIComponent(item.filename)}`;
  }
}

/** Keeps the download URL readable and free of path separators, like a CDN object key would be. */
function safeFilename(filename: string): string {
  const base = filename.split(/[/\\]/).pop() ?? "";
  const cleaned = base.replace(/[^\w.-]+/g, "_").slice(0, 100);
  return cleaned || "file";
}

/** Classifies file types the way Wavespeed's upload answer does (`data.type`). */
export function mediaType(contentType: string): "image" | "video" | "audio" | "file" {
  const major = contentType.split("/")[0];
  return major === "image" || major === "video" || major === "audio" ? major : "file";
}
