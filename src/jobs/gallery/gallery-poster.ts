import { randomUUID } from "node:crypto";
import { GrammyError, type Api } from "grammy";
import type { InputMediaDocument, InputMediaPhoto } from "grammy/types";
import type { Locale } from "../../config.js";
import type { Database } from "../../db/client.js";
import type { GenerationRow, StoredReference } from "../../db/schema/index.js";
import { galleryConsent } from "../../domain/gallery/gallery-consent.js";
import { GALLERY_ALBUM_MAX, partsToRemove, withGalleryMessageIds } from "../../domain/gallery/gallery-posts.js";
import { kindOf } from "../../domain/generation/generation-kind.js";
import { getGeneration, patchGeneration } from "../../domain/generation/generation-repository.js";
import type { TranslationVariables, Translator } from "../../i18n/translator.js";
import type { KeyValueStore } from "../../infra/kv/index.js";
import type { Logger } from "../../infra/logger.js";
import type { ModelLookup } from "../generation/provider-request.js";
import { promptCaption } from "../../domain/generation/result-caption.js";
import type { JobSender } from "../job-queue.js";
import { enqueueGalleryRemoval } from "./enqueue-gallery-removal.js";
import { galleryLockKey, GALLERY_LOCK_TTL_MS } from "./gallery-lock.js";

export interface GalleryPosterDeps {
  db: Database;
  telegram: Api;
  /** GALLERY_CHANNEL_ID: a numeric channel id or @username. */
  channelId: number | string;
  catalog: ModelLookup;
  translator: Translator;
  /** The channel's language: DEFAULT_LOCALE. */
  locale: Locale;
  kv: KeyValueStore;
  logger: Logger;
  /** Where a removal goes when the user withdrew their consent while their post was being made. */
  queue: JobSender;
}

/** What one `gallery-post` job did; counted like the generation steps. */
export type GalleryOutcome = "posted" | "skipped" | "missing" | "busy" | "refused";


/**
 * Posts a delivered generation to the public gallery channel (F36 without W42): the result by its
 * Telegram file id, captioned with the model's hashtag and the prompt — never who made it — and the
 * reference images in reply to it only if the user allowed those too. Tool runs and results the
 * provider flagged are never posted.
 *
 * Idempotent: the post's message ids are stored on the generation (each reference's in its entry,
 * since photos and files go as separate albums), so a retried job continues where the last one stopped
 * and the remover finds every message. The one duplicate possible is a crash between Telegram accepting
 * a post and the id being stored.
 */
export class GalleryPoster {
  private readonly log: Logger;

  constructor(private readonly deps: GalleryPosterDeps) {
    this.log = deps.logger.child({ component: "gallery" });
  }

  async post(generationId: number): Promise<GalleryOutcome> {
    const key = galleryLockKey(generationId);
    const token = randomUUID();
    if (!(await this.deps.kv.setIfAbsent(key, token, GALLERY_LOCK_TTL_MS))) return "busy";
    try {
      return await this.postLocked(generationId);
    } finally {
      await this.deps.kv.delIfEquals(key, token);
    }
  }

  private async postLocked(generationId: number): Promise<GalleryOutcome> {
    let row = await getGeneration(this.deps.db, generationId);
    if (!row) return "missing";
    if (kindOf(row) !== "generation" || row.status !== "delivered" || row.resultFileIds.length === 0 || row.nsfw) return "skipped";
    const consent = await galleryConsent(this.deps.db, row.userId);
    if (!consent.results) return "skipped";
    try {
      if (row.galleryMessageId === null) {
        const galleryMessageId = await this.postResults(row);
        await patchGeneration(this.deps.db, row.id, { galleryMessageId });
        row = { ...row, galleryMessageId };
        this.log.info({ generationId, galleryMessageId }, "generation posted to the gallery");
      }
      if (consent.references && row.references.length > 0 && row.galleryReferencesMessageId === null) {
        const posted = await this.postReferences(row.references, row.galleryMessageId);
        await patchGeneration(this.deps.db, row.id, {
          galleryReferencesMessageId: posted.first,
          references: withGalleryMessageIds(row.references, posted.byFileId),
        });
        row = { ...row, galleryReferencesMessageId: posted.first };
      }
    } catch (error) {
      // 400/403: the channel is wrong or the bot may not post there. Retrying will not fix it; the operator must.
      if (error instanceof GrammyError && (error.error_code === 400 || error.error_code === 403)) {
        this.log.error({ generationId, code: error.error_code, description: error.description }, "the gallery channel refused the post; check GALLERY_CHANNEL_ID and the bot's rights there");
        return "refused";
      }
      throw error;
    }
    // The consent may have been withdrawn while we posted, after its removal job looked for posts: that
    // job missed this one, so another goes after it. Read after the ids were stored, so nothing slips between.
    const withdrawn = partsToRemove(await galleryConsent(this.deps.db, row.userId));
    if (withdrawn.includes("result") || (withdrawn.includes("references") && row.galleryReferencesMessageId !== null)) {
      await enqueueGalleryRemoval(this.deps.queue, row.userId);
      this.log.info({ generationId }, "gallery consent withdrawn while posting: the post is removed again");
    }
    return "posted";
  }

  private async postResults(row: GenerationRow): Promise<number> {
    const t = (key: string, variables?: TranslationVariables) => this.deps.translator.t(this.deps.locale, key, variables);
    const model = await this.deps.catalog.get(row.modelKey);
    const caption = promptCaption(t, "gallery-caption", model?.name ?? row.modelKey, row.prompt);
    const files = row.resultFileIds.slice(0, GALLERY_ALBUM_MAX);
    const [single] = files;
    if (files.length === 1 && single !== undefined) {
      return (await this.deps.telegram.sendDocument(this.deps.channelId, single, { caption, parse_mode: "HTML" })).message_id;
    }
    const media: InputMediaDocument[] = files.map((fileId, index) => ({
      type: "document",
      media: fileId,
      ...(index === 0 ? { caption, parse_mode: "HTML" as const } : {}),
    }));
    const sent = await this.deps.telegram.sendMediaGroup(this.deps.channelId, media);
    // The remover names an album's messages by the first id and the count (only the first is stored).
    if (sent.some((message, index) => message.message_id !== firstId(sent) + index)) {
      this.log.error({ generationId: row.id, ids: sent.map((m) => m.message_id) }, "Telegram gave a gallery album non-consecutive ids: only its first message can be removed later");
    }
    return firstId(sent);
  }

  /**
   * The references under the result: photos and image files cannot share an album, so each kind goes
   * as its own message or album. Returns the first message's id and each reference's message id.
   */
  private async postReferences(
    references: readonly StoredReference[],
    replyTo: number | null,
  ): Promise<{ first: number; byFileId: Map<string, number> }> {
    const caption = this.deps.translator.t(this.deps.locale, "gallery-references-caption");
    const reply = replyTo === null ? {} : { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } };
    const ids: number[] = [];
    const byFileId = new Map<string, number>();
    for (const kind of ["photo", "document"] as const) {
      const files = references.filter((reference) => reference.kind === kind).slice(0, GALLERY_ALBUM_MAX).map((reference) => reference.fileId);
      const withCaption = ids.length === 0 ? { caption, parse_mode: "HTML" as const } : {};
      const [single] = files;
      if (files.length === 1 && single !== undefined) {
        const sent =
          kind === "photo"
            ? await this.deps.telegram.sendPhoto(this.deps.channelId, single, { ...withCaption, ...reply })
            : await this.deps.telegram.sendDocument(this.deps.channelId, single, { ...withCaption, ...reply });
        ids.push(sent.message_id);
        byFileId.set(single, sent.message_id);
      } else if (files.length > 1) {
        const media: Array<InputMediaPhoto | InputMediaDocument> = files.map((fileId, index) => ({
          type: kind,
          media: fileId,
          ...(index === 0 ? withCaption : {}),
        }));
        // One kind per album, as Telegram requires; grammY's overloads want the array typed as one kind too.
        const sent = await this.deps.telegram.sendMediaGroup(this.deps.channelId, media as InputMediaPhoto[], reply);
        ids.push(firstId(sent));
        // Telegram answers an album with its messages in the order of the media sent.
        files.forEach((fileId, index) => {
          const message = sent[index];
          if (message) byFileId.set(fileId, message.message_id);
        });
      }
    }
    const [first] = ids;
    if (first === undefined) throw new Error("a generation with references posted none of them");
    return { first, byFileId };
  }
}

function firstId(messages: ReadonlyArray<{ message_id: number }>): number {
  const first = messages[0];
  if (!first) throw new Error("Telegram answered an album with no messages");
  return first.message_id;
}
