import type { FastifyInstance } from "fastify";
import { LRUCache } from "lru-cache";
import sharp from "sharp";
import type { Database } from "../../../db/client.js";
import { refundGenerationByAdmin } from "../../../domain/admin/generation-refund.js";
import { activeGenerationCounts, isGenerationFile, listGenerations } from "../../../domain/admin/generation-list.js";
import { IMAGE_MIME_TYPES, sniffImageFormat } from "../../../domain/generation/image-format.js";
import { downloadTelegramFile, type TelegramFileSource } from "../../../infra/telegram-file-download.js";
import { AdminApiError } from "./admin-error.js";
import type { AdminRoutes } from "./admin-route.js";
import { fileParams, fileQuery, generationListQuery, generationListView, generationRefundView, idParams } from "./api-schemas.js";
import { iso, isoOrNull } from "./views.js";

export interface GenerationRouteDeps {
  db: Database;
  /** Downloads through the Bot API on the server: the token never leaves this process. */
  files: TelegramFileSource;
  modelNames(): Promise<ReadonlyMap<string, string>>;
}

/** Thumbnails are asked for on every look at a list; a file id's bytes never change. */
const THUMB_SIDE = 320;
const THUMB_CACHE_BYTES = 32 * 1024 * 1024;

/** Generations: the list with a status filter, a manual refund, and their images through our own proxy. */
export function registerGenerationRoutes(scope: FastifyInstance, routes: AdminRoutes, deps: GenerationRouteDeps): void {
  routes.json(scope, {
    method: "GET",
    url: "/api/admin/generations",
    tag: "generations",
    summary: "Generations newest first, by status (`active`: every status in progress) and user, with the queue's counts",
    query: generationListQuery,
    response: generationListView,
    handler: async ({ query }) => {
      const [{ items, total }, active, names] = await Promise.all([listGenerations(deps.db, query), activeGenerationCounts(deps.db), deps.modelNames()]);
      return {
        items: items.map((g) => ({
          ...g,
          modelName: names.get(g.modelKey) ?? g.modelKey,
          refunded: g.refundedAt !== null,
          createdAt: iso(g.createdAt),
          deliveredAt: isoOrNull(g.deliveredAt),
        })),
        total,
        active,
      };
    },
  });

  routes.json(scope, {
    method: "POST",
    url: "/api/admin/generations/:id/refund",
    tag: "generations",
    summary: "Gives a finished generation's credits back (once, shared with the automatic failure refund), audited",
    params: idParams,
    response: generationRefundView,
    handler: async ({ params, admin }) => {
      const refund = await refundGenerationByAdmin(deps.db, { adminTelegramId: admin.telegramId, generationId: params.id });
      return { refundedCredits: refund.refundedCredits, balanceAfter: refund.balanceAfter };
    },
  });

  const thumbnails = new LRUCache<string, Buffer>({ maxSize: THUMB_CACHE_BYTES, sizeCalculation: (value) => value.length });
  routes.raw(scope, {
    method: "GET",
    url: "/api/admin/files/:fileId",
    tag: "generations",
    summary: "An image of a generation (result or reference) by its Telegram file id, fetched by the server; `size=thumb` for a small WebP",
    params: fileParams,
    query: fileQuery,
    produces: ["image/jpeg", "image/png", "image/webp", "application/octet-stream"],
    handler: async ({ params, query, reply }) => {
      if (!(await isGenerationFile(deps.db, params.fileId))) throw new AdminApiError(404, "file_not_found", "no generation has this file");
      const thumb = query.size === "thumb";
      let bytes = thumb ? thumbnails.get(params.fileId) : undefined;
      let type = "image/webp";
      if (bytes === undefined) {
        const original = Buffer.from(await downloadTelegramFile(deps.files, params.fileId));
        const format = sniffImageFormat(original);
        if (thumb && format !== undefined) {
          bytes = await sharp(original).rotate().resize(THUMB_SIDE, THUMB_SIDE, { fit: "inside", withoutEnlargement: true }).webp({ quality: 75 }).toBuffer();
          thumbnails.set(params.fileId, bytes);
        } else {
          bytes = original;
          type = format ? IMAGE_MIME_TYPES[format] : "application/octet-stream";
        }
      }
      return reply
        .header("content-type", type)
        .header("content-disposition", type === "application/octet-stream" ? "attachment" : "inline")
        .header("x-content-type-options", "nosniff")
        .header("content-security-policy", "default-src 'none'; sandbox")
        .header("cache-control", "private, max-age=3600")
        .send(bytes);
    },
  });
}
