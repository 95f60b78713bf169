import { Composer, GrammyError } from "grammy";
import type { Message } from "grammy/types";
import type { StoredReference } from "../../../db/schema/index.js";
import { sniffImageFormat } from "../../../domain/generation/image-format.js";
import { downloadTelegramFile, FileTooLargeError, TELEGRAM_DOWNLOAD_LIMIT_BYTES } from "../../../infra/telegram-file-download.js";
import { AlbumCollector } from "../../album-collector.js";
import type { BotContext } from "../../context.js";
import { beginDraft } from "./draft-flow.js";
import { checkedPrompt } from "./prompt-intake.js";

/** Telegram albums hold at most 10 items. */
const MAX_ALBUM_ITEMS = 10;

interface AlbumItem {
  messageId: number;
  chatId: number;
  caption: string | null;
  reference: StoredReference;
}

type Problem = { key: "generation-not-an-image" | "generation-file-too-large"; name: string };

/**
 * Reference images: photos (largest size), image files (JPEG, PNG or WebP, checked by their bytes, at
 * most 20 MB — Telegram's download limit) and albums. A caption is the prompt; without one the user is
 * asked for it, and a single picture is also offered the image tools (src/bot/features/tools). A file
 * we cannot use is refused with a message before anything is charged.
 */
export function createReferenceIntake(): Composer<BotContext> {
  const intake = new Composer<BotContext>();
  let albums: AlbumCollector<AlbumItem, BotContext> | undefined;
  const collector = (ctx: BotContext) =>
    (albums ??= new AlbumCollector<AlbumItem, BotContext>(
      ctx.deps.kv,
      ctx.config.generationLimits.albumDebounceMs,
      (items, albumCtx) => completeAlbum(albumCtx, items),
      (error) => ctx.deps.logger.error({ err: error }, "album processing failed"),
    ));

  intake.on(["message:photo", "message:document"], async (ctx) => {
    const message = ctx.message;
    const checked = await checkReference(ctx, message);
    if ("key" in checked) {
      await ctx.reply(ctx.tr(checked.key, { name: checked.name, limit: TELEGRAM_DOWNLOAD_LIMIT_BYTES / 1024 / 1024 }));
      return;
    }
    const caption = message.caption ?? null;
    if (message.media_group_id) {
      await collector(ctx).add(ctx.chat.id, message.media_group_id, { messageId: message.message_id, chatId: ctx.chat.id, caption, reference: checked }, ctx);
      return;
    }
    const prompt = caption === null ? null : await checkedPrompt(ctx, caption);
    if (caption !== null && prompt === undefined) return;
    await beginDraft(ctx, { prompt: prompt ?? null, references: [checked], promptMessageId: message.message_id, chatId: ctx.chat.id });
  });

  return intake;
}

async function completeAlbum(ctx: BotContext, items: AlbumItem[]): Promise<void> {
  const sorted = [...items].sort((a, b) => a.messageId - b.messageId);
  const first = sorted[0];
  if (!first) return;
  if (sorted.length > MAX_ALBUM_ITEMS) {
    await ctx.api.sendMessage(first.chatId, ctx.tr("generation-album-too-large"));
    return;
  }
  // Usually only one item carries the caption, and not always the first.
  const captioned = sorted.find((item) => item.caption !== null && item.caption.trim() !== "");
  const prompt = captioned ? await checkedPrompt(ctx, captioned.caption ?? "") : null;
  if (captioned && prompt === undefined) return;
  await beginDraft(ctx, {
    prompt: prompt ?? null,
    references: sorted.map((item) => item.reference),
    promptMessageId: (captioned ?? first).messageId,
    chatId: first.chatId,
  });
}

async function checkReference(ctx: BotContext, message: Message): Promise<StoredReference | Problem> {
  if (message.photo && message.photo.length > 0) {
    const largest = message.photo.reduce((a, b) => (a.width * a.height >= b.width * b.height ? a : b));
    return { fileId: largest.file_id, fileUniqueId: largest.file_unique_id, kind: "photo", fileSize: largest.file_size };
  }
  const document = message.document;
  const name = document?.file_name ?? "file";
  if (!document) return { key: "generation-not-an-image", name };
  if (document.file_size !== undefined && document.file_size > TELEGRAM_DOWNLOAD_LIMIT_BYTES) return { key: "generation-file-too-large", name };
  // The declared type is the sender's claim; the bytes decide. Files are small enough to check at once.
  let bytes: Uint8Array;
  try {
    bytes = await downloadTelegramFile(ctx.deps.generation.files, document.file_id);
  } catch (error) {
    if (error instanceof FileTooLargeError) return { key: "generation-file-too-large", name };
    // Telegram refuses getFile for files over its download limit and for file ids it cannot serve
    // (forged, or gone); either way this file cannot be used. Network errors and 5xx still throw.
    if (error instanceof GrammyError && error.error_code === 400) {
      return { key: /too big/i.test(error.description) ? "generation-file-too-large" : "generation-not-an-image", name };
    }
    throw error;
  }
  const format = sniffImageFormat(bytes);
  if (!format) return { key: "generation-not-an-image", name };
  return {
    fileId: document.file_id,
    fileUniqueId: document.file_unique_id,
    kind: "document",
    fileSize: bytes.byteLength,
    mimeType: `image/${format}`,
    fileName: document.file_name,
  };
}
