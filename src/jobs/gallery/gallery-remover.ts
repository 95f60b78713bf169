import { randomUUID } from "node:crypto";
import { GrammyError, InputFile, type Api } from "grammy";
import sharp from "sharp";
import type { Locale } from "../../config.js";
import type { Database } from "../../db/client.js";
import { galleryConsent } from "../../domain/gallery/gallery-consent.js";
import {
  forgetGalleryMessages,
  galleryMessagesOf,
  generationsWithGalleryPosts,
  partsToRemove,
  type GalleryMessage,
} from "../../domain/gallery/gallery-posts.js";
import { getGeneration } from "../../domain/generation/generation-repository.js";
import type { Translator } from "../../i18n/translator.js";
import type { KeyValueStore } from "../../infra/kv/index.js";
import type { Logger } from "../../infra/logger.js";
import { galleryLockKey, GALLERY_LOCK_TTL_MS } from "./gallery-lock.js";

export interface GalleryRemoverDeps {
  db: Database;
  telegram: Api;
  /** GALLERY_CHANNEL_ID: a numeric channel id or @username. */
  channelId: number | string;
  translator: Translator;
  /** The channel's language: DEFAULT_LOCALE. */
  locale: Locale;
  kv: KeyValueStore;
  logger: Logger;
  /** Tells the admins which posts could be neither deleted nor replaced (they must remove them by hand). */
  alertAdmins(stuck: readonly StuckPost[]): Promise<void>;
}

/** A channel message that is still showing the user's content after everything was tried. */
export interface StuckPost {
  /** Undefined for a reference message of an old post whose id was never recorded. */
  messageId: number | undefined;
  generationId: number;
  reason: string;
}

/** What one `gallery-removal` job did; counted like the other jobs. */
export type RemovalOutcome = "removed" | "nothing" | "busy";

/** How a single message went: deleted, found already gone, replaced by the placeholder, or stuck. */
type MessageOutcome = "deleted" | "gone" | "replaced" | { stuck: string };

/** Telegram's answers that mean the message is not there (any more): the goal is reached. */
const GONE = ["message to delete not found", "message to edit not found", "message not found", "message_id_invalid"];
/** The edit changed nothing: the message already is the placeholder (a retried job). */
const ALREADY_REPLACED = "message is not modified";

/**
 * Takes out of the gallery channel what a user's consent no longer allows (policy 6.4: withdrawing
 * consent, erasure): every message of their posts when they left the gallery, asked for deletion or are
 * being erased; only the reference images when they withdrew those. The consent is read when the job
 * runs, like the poster does, so a user who opted back in before it ran keeps their posts.
 *
 * Each message is deleted. Telegram refuses that for messages older than 48 hours unless the bot may
 * delete others' messages in the channel, so a refused message is replaced instead: its media becomes a
 * neutral placeholder and its caption says it was removed. A message that can be neither deleted nor
 * edited is reported to the admins by link, never left silently. Then the generation's message ids are
 * dropped: they were kept only to do this.
 *
 * Idempotent and safe to retry: a transient failure (network, Telegram 5xx, flood wait) throws and the
 * job is retried; messages done before it are found gone or already replaced, never removed twice.
 */
export class GalleryRemover {
  private readonly log: Logger;
  private placeholderBytes: Promise<Buffer> | undefined;
  /** Telegram file ids of the uploaded placeholder, reused after the first edit of each kind. */
  private readonly placeholderIds = new Map<GalleryMessage["media"], string>();

  constructor(private readonly deps: GalleryRemoverDeps) {
    this.log = deps.logger.child({ component: "gallery" });
  }

  async removeFor(userId: number): Promise<RemovalOutcome> {
    const parts = partsToRemove(await galleryConsent(this.deps.db, userId));
    if (parts.length === 0) return "nothing";
    const stuck: StuckPost[] = [];
    let removed = 0;
    try {
      for (const { id } of await generationsWithGalleryPosts(this.deps.db, userId)) {
        const outcome = await this.removeGeneration(id, parts, stuck);
        if (outcome === "busy") return "busy";
        removed += outcome;
      }
    } finally {
      // Also when a later generation failed transiently: these posts are stuck whatever happens next.
      if (stuck.length > 0) await this.reportStuck(userId, stuck);
    }
    if (removed > 0) this.log.info({ userId, messages: removed, parts }, "gallery posts removed");
    return removed > 0 || stuck.length > 0 ? "removed" : "nothing";
  }

  /**
   * Under the poster's lock of the generation, so a post being made now is either complete before
   * this reads the ids, or sees the withdrawn consent and enqueues another removal after it.
   */
  private async removeGeneration(generationId: number, parts: ReadonlyArray<GalleryMessage["part"]>, stuck: StuckPost[]): Promise<number | "busy"> {
    const key = galleryLockKey(generationId);
    const token = randomUUID();
    if (!(await this.deps.kv.setIfAbsent(key, token, GALLERY_LOCK_TTL_MS))) return "busy";
    try {
      const row = await getGeneration(this.deps.db, generationId);
      if (!row) return 0;
      const { messages, unlocated } = galleryMessagesOf(row);
      const targets = messages.filter((message) => parts.includes(message.part));
      let done = 0;
      for (const message of targets) {
        const outcome = await this.removeMessage(message);
        if (typeof outcome === "object") stuck.push({ messageId: message.messageId, generationId, reason: outcome.stuck });
        else done++;
      }
      if (unlocated > 0 && parts.includes("references")) {
        for (let i = 0; i < unlocated; i++) stuck.push({ messageId: undefined, generationId, reason: "the message id was never recorded" });
      }
      // The stuck ones are with the admins now (reportStuck); keeping their ids would only retry in vain.
      await forgetGalleryMessages(this.deps.db, row, parts);
      return done;
    } finally {
      await this.deps.kv.delIfEquals(key, token);
    }
  }

  private async removeMessage(message: GalleryMessage): Promise<MessageOutcome> {
    try {
      await this.deps.telegram.deleteMessage(this.deps.channelId, message.messageId);
      return "deleted";
    } catch (error) {
      const refusal = permanentRefusal(error);
      if (refusal === undefined) throw error;
      if (GONE.some((text) => refusal.includes(text))) return "gone";
      this.log.info({ messageId: message.messageId, refusal }, "a gallery post cannot be deleted; replacing it with the placeholder");
    }
    try {
      await this.replace(message);
      return "replaced";
    } catch (error) {
      const refusal = permanentRefusal(error);
      if (refusal === undefined) throw error;
      if (refusal.includes(ALREADY_REPLACED)) return "replaced";
      if (GONE.some((text) => refusal.includes(text))) return "gone";
      return { stuck: refusal };
    }
  }

  /** Swaps the message's media for the placeholder, of the same kind so albums accept it. */
  private async replace(message: GalleryMessage): Promise<void> {
    const caption = this.deps.translator.t(this.deps.locale, "gallery-removed-caption");
    const known = this.placeholderIds.get(message.media);
    const media = known ?? new InputFile(await this.placeholder(), "removed.png");
    const edited = await this.deps.telegram.editMessageMedia(this.deps.channelId, message.messageId, {
      type: message.media,
      media,
      caption,
      parse_mode: "HTML",
    });
    if (known === undefined && typeof edited === "object") {
      const fileId = message.media === "photo" ? edited.photo?.at(-1)?.file_id : edited.document?.file_id;
      if (fileId !== undefined) this.placeholderIds.set(message.media, fileId);
    }
  }

  /** A plain grey square: shows that something was here and nothing of what it was. */
  private placeholder(): Promise<Buffer> {
    this.placeholderBytes ??= sharp({ create: { width: 512, height: 512, channels: 3, background: { r: 200, g: 200, b: 200 } } })
      .png()
      .toBuffer();
    return this.placeholderBytes;
  }

  private async reportStuck(userId: number, stuck: readonly StuckPost[]): Promise<void> {
    this.log.error(
      { userId, channelId: this.deps.channelId, posts: stuck },
      "gallery posts could be neither deleted nor replaced; the admins must remove them by hand (give the bot the Delete and Edit messages rights in the channel)",
    );
    try {
      await this.deps.alertAdmins(stuck);
    } catch (error) {
      this.log.error({ err: error, userId }, "could not alert the admins about gallery posts left in the channel");
    }
  }
}

/**
 * The description of a refusal that retrying will not change (Telegram 400/403: no rights, too old,
 * not found), or undefined for a failure worth retrying (network, 5xx, a flood wait).
 */
function permanentRefusal(error: unknown): string | undefined {
  if (error instanceof GrammyError && (error.error_code === 400 || error.error_code === 403)) return error.description.toLowerCase();
  return undefined;
}
