import type { FakeTaskRecord } from "./fake-task.js";
import type { MediaStore } from "./media-store.js";

/** Where the fake finds images it serves itself: uploads and earlier outputs. */
export interface OwnImageSources {
  /** Base URLs the fake is reachable at (its own and the public one). */
  baseUrls: readonly string[];
  media: MediaStore;
  tasks: ReadonlyMap<string, FakeTaskRecord>;
}

/** The reference image URLs of an edit request (`images[]` and/or `image`), in order. */
export function referenceUrls(input: Record<string, unknown>): string[] {
  const urls: string[] = [];
  const images = input["images"];
  if (Array.isArray(images)) urls.push(...images.filter((u): u is string => typeof u === "string"));
  if (typeof input["image"] === "string") urls.push(input["image"]);
  return urls;
}

/**
 * Reads a reference image from the fake's own storage. The fake never fetches other hosts: offline
 * runs must not depend on the network, and a URL the bot should not have sent (a Telegram file URL
 * with the bot token, say) is surfaced as a failed task instead.
 */
export function readOwnImage(url: string, sources: OwnImageSources): { bytes: Buffer } | { error: string } {
  const base = sources.baseUrls.find((b) => url.startsWith(`${b}/`));
  if (!base) {
    return { error: `fake-wavespeed only reads images uploaded to it; cannot fetch ${describeUrl(url)}` };
  }
  const path = url.slice(base.length).split(/[?#]/)[0] ?? "";
  const media = /^\/media\/([^/]+)\/[^/]+$/.exec(path);
  if (media?.[1]) {
    const bytes = sources.media.get(media[1])?.bytes;
    return bytes ? { bytes } : { error: `reference image not found: ${path}` };
  }
  const output = /^\/outputs\/([^/]+)\/(\d+)\.png$/.exec(path);
  if (output?.[1] && output[2]) {
    const bytes = sources.tasks.get(output[1])?.outputImage(Number(output[2]));
    return bytes ? { bytes } : { error: `reference image not found: ${path}` };
  }
  return { error: `reference image not found: ${path}` };
}

/** Names the host only: a foreign URL may embed a secret (Telegram file URLs carry the bot token). */
function describeUrl(url: string): string {
  try {
    return `an image on ${new URL(url).host}`;
  } catch {
    return "a value that is not a URL";
  }
}
