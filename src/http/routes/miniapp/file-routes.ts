import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Api } from "grammy";
import { LRUCache } from "lru-cache";
import sharp from "sharp";
import { z } from "zod";
import type { Database } from "../../../db/client.js";
import { IMAGE_MIME_TYPES, sniffImageFormat, type ImageFormat } from "../../../domain/generation/image-format.js";
import type { Translator } from "../../../i18n/translator.js";
import type { KeyValueStore } from "../../../infra/kv/index.js";
import { downloadTelegramFile, type TelegramFileSource } from "../../../infra/telegram-file-download.js";
import type { UploadedReferenceView } from "./api-types.js";
import { ownsFile } from "./generation-queries.js";
import { FILES_PATH } from "./generation-views.js";
import { authenticateRequest, authorizeUser, requestUser, type MiniAppAuthDeps, type MiniAppUser } from "./miniapp-auth.js";
import { MiniAppError, parseInput } from "./miniapp-error.js";
import { recordSecurityEvent } from "../../../infra/security-events.js";
import { REFERENCE_MAX_BYTES, storeReference } from "./reference-intake.js";
import type { SignedTokens } from "./signed-tokens.js";

export interface FileRoutesDeps {
  db: Database;
  files: TelegramFileSource;
  tokens: SignedTokens;
  auth: MiniAppAuthDeps;
}

export interface ReferenceRouteDeps {
  kv: KeyValueStore;
  telegram: Api;
  tokens: SignedTokens;
  translator: Translator;
}

/** Uploads go to the user's chat; this keeps a runaway client from flooding it. */
const UPLOADS_PER_WINDOW = 30;
const UPLOAD_WINDOW_MS = 10 * 60_000;
/** Thumbnails are small and asked for on every scroll through the feed; the bytes of a file id never change. */
const THUMB_SIDE = 480;
const THUMB_CACHE_BYTES = 32 * 1024 * 1024;

/** Telegram file ids are URL-safe base64; anything else is refused before it reaches the Bot API. */
const fileParams = z.object({ fileId: z.string().regex(/^[A-Za-z0-9_-]{8,200}$/, "is not a file id") });
const fileQuery = z.object({
  t: z.string().max(200).optional(),
  size: z.enum(["thumb"]).optional(),
  download: z
    .string()
    .regex(/^bananapics-[0-9a-f-]{36}(-\d{1,2})?$/, "is not a download name")
    .optional(),
});

/** The image types the upload route takes as a raw body (the bytes decide, not this header). */
export const UPLOAD_CONTENT_TYPES = [...Object.values(IMAGE_MIME_TYPES), "application/octet-stream"];

/**
 * Files through our server: results and references of the user's own generations, fetched from
 * Telegram here so no URL with the bot token ever reaches the app. Images load with `<img src>`, which
 * cannot send the Authorization header, so the URLs the API hands out carry a signed ticket instead;
 * either way the file must belong to that user (another user's file is a 404).
 */
export function registerFileRoutes(scope: FastifyInstance, deps: FileRoutesDeps): void {
  const thumbnails = new LRUCache<string, Buffer>({ maxSize: THUMB_CACHE_BYTES, sizeCalculation: (value) => value.length });

  /** The file's bytes and type; for `thumb`, a small WebP of an image (cached: a file id's bytes never change). */
  const read = async (fileId: string, thumb: boolean): Promise<{ bytes: Buffer; format: ImageFormat | "webp-thumb" | undefined }> => {
    const cached = thumb ? thumbnails.get(fileId) : undefined;
    if (cached !== undefined) return { bytes: cached, format: "webp-thumb" };
    const bytes = Buffer.from(await downloadTelegramFile(deps.files, fileId));
    const format = sniffImageFormat(bytes);
    if (!thumb || format === undefined) return { bytes, format };
    const small = await sharp(bytes).rotate().resize(THUMB_SIDE, THUMB_SIDE, { fit: "inside", withoutEnlargement: true }).webp({ quality: 80 }).toBuffer();
    thumbnails.set(fileId, small);
    return { bytes: small, format: "webp-thumb" };
  };

  scope.get(`${FILES_PATH}/:fileId`, async (request, reply) => {
    const { fileId } = parseInput(fileParams, request.params);
    const query = parseInput(fileQuery, request.query);
    const user = await fileUser(request, deps, fileId, query.t);
    if (!(await ownsFile(deps.db, user.profile.id, fileId))) throw new MiniAppError(404, "not_found", "no such file");

    const { bytes, format } = await read(fileId, query.size === "thumb");
    const type = format === "webp-thumb" ? "image/webp" : format ? IMAGE_MIME_TYPES[format] : "application/octet-stream";
    const extension = format === "jpeg" ? "jpg" : format === "webp-thumb" ? "webp" : (format ?? "bin");
    const disposition =
      query.download !== undefined ? `attachment; filename="${query.download}.${extension}"` : format ? "inline" : "attachment";
    return reply
      .header("content-type", type)
      .header("content-disposition", disposition)
      .header("x-content-type-options", "nosniff")
      .header("content-security-policy", "default-src 'none'; sandbox")
      .header("cache-control", "private, max-age=3600")
      .send(bytes);
  });
}

/**
 * The reference upload: the image's bytes as the body, stored as a Telegram file (reference-intake.ts).
 * Registered behind the auth hook, which runs before the body is read.
 */
export function registerReferenceRoute(api: FastifyInstance, deps: ReferenceRouteDeps): void {
  api.post("/api/miniapp/references", { bodyLimit: REFERENCE_MAX_BYTES }, async (request, reply) => {
    const user = requestUser(request);
    if (!Buffer.isBuffer(request.body)) throw new MiniAppError(415, "not_an_image", "send the image bytes as the body (image/jpeg, image/png or image/webp)");
    const uploads = await deps.kv.incrementWindow(`miniapp:uploads:${user.profile.id}`, UPLOAD_WINDOW_MS);
    if (uploads > UPLOADS_PER_WINDOW) throw new MiniAppError(429, "too_many_uploads", "too many uploads; wait a few minutes");
    const reference = await storeReference(deps.telegram, user.profile.telegramId, request.body, deps.translator.t(user.locale, "miniapp-reference-caption"));
    const view: UploadedReferenceView = {
      token: deps.tokens.referenceToken(user.profile.telegramId, reference),
      mimeType: reference.mimeType ?? "application/octet-stream",
      size: reference.fileSize ?? request.body.length,
    };
    return reply.code(201).send(view);
  });
}

/** Who asks for a file: by the Authorization header when sent, else by the URL's ticket. */
async function fileUser(
  request: FastifyRequest,
  deps: FileRoutesDeps,
  fileId: string,
  ticket: string | undefined,
): Promise<MiniAppUser> {
  if (request.headers.authorization !== undefined) return authenticateRequest(request, deps.auth);
  const telegramId = ticket === undefined ? undefined : deps.tokens.readFileTicket(ticket, fileId);
  if (telegramId === undefined) {
    if (deps.auth.security) {
      const reason = ticket === undefined ? "missing" : "file_ticket_invalid";
      recordSecurityEvent({ ...deps.auth.security, logger: request.log }, "miniapp_credentials_invalid", { reason, route: request.routeOptions.url, ip: request.ip });
    }
    throw new MiniAppError(401, "unauthorized", "this file link is invalid or has expired");
  }
  return authorizeUser(telegramId, deps.auth);
}
