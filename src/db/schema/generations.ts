import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users.js";

/** A reference image as Telegram gave it; `uploadedUrl` is filled once the worker re-hosted it at the provider. */
export interface StoredReference {
  fileId: string;
  fileUniqueId: string;
  kind: "photo" | "document";
  fileSize?: number | undefined;
  mimeType?: string | undefined;
  fileName?: string | undefined;
  uploadedUrl?: string | undefined;
}

/**
 * What the user is composing: prompt, model, parameters and reference images. Durable (not a session),
 * so a restart or another instance never loses what the user sent. One open draft per user: a new
 * prompt replaces the old one.
 */
export const generationDrafts = pgTable(
  "generation_drafts",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id),
    /** Null while the user sent images without a caption and we wait for the prompt. */
    prompt: text("prompt"),
    modelKey: text("model_key").notNull(),
    params: jsonb("params").$type<Record<string, string>>().notNull().default({}),
    references: jsonb("references").$type<StoredReference[]>().notNull().default([]),
    chatId: bigint("chat_id", { mode: "number" }).notNull(),
    /** The user's message with the prompt: results reply to it. */
    promptMessageId: integer("prompt_message_id"),
    /** The bot's draft menu, edited in place. */
    menuMessageId: integer("menu_message_id"),
    /** open → submitted (a generation was made from it) | replaced (a newer draft took over). */
    status: text("status").notNull().default("open"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("generation_drafts_one_open_per_user").on(t.userId).where(sql`${t.status} = 'open'`),
  ],
);

/**
 * One generation from the charge to the delivered file (design §4). The charge, this row and its
 * first job are written in one transaction; every terminal failure refunds once (`refunded_at`).
 */
export const generations = pgTable(
  "generations",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** Public identifier for URLs and callback data, so ids cannot be enumerated. */
    publicId: uuid("public_id").notNull().unique().defaultRandom(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id),
    draftId: bigint("draft_id", { mode: "number" }),
    /** Where it was started: the bot or the Mini App; the result goes to the chat either way. */
    source: text("source").notNull().default("bot"),
    /**
     * "generation", or "tool" for an image tool run (upscale, denoise…): same charge, worker, refund
     * and history; the tool's key is in model_key, mode is "tool" and the prompt is empty.
     */
    kind: text("kind").notNull().default("generation"),
    modelKey: text("model_key").notNull(),
    /** "text_to_image" or "edit"; "tool" for a tool run. */
    mode: text("mode").notNull(),
    providerModelId: text("provider_model_id").notNull(),
    prompt: text("prompt").notNull(),
    params: jsonb("params").$type<Record<string, string>>().notNull().default({}),
    references: jsonb("references").$type<StoredReference[]>().notNull().default([]),
    /** Credits charged; 0 for a trial generation. */
    priceCredits: integer("price_credits").notNull(),
    paidWithTrial: boolean("paid_with_trial").notNull().default(false),
    /** queued → uploading → submitting → submitted → completed → delivered, or failed. */
    status: text("status").notNull().default("queued"),
    providerTaskId: text("provider_task_id"),
    providerStatus: text("provider_status"),
    outputs: jsonb("outputs").$type<string[]>().notNull().default([]),
    nsfw: boolean("nsfw").notNull().default(false),
    resultFileIds: jsonb("result_file_ids").$type<string[]>().notNull().default([]),
    failureCode: text("failure_code"),
    failureDetail: text("failure_detail"),
    chatId: bigint("chat_id", { mode: "number" }).notNull(),
    promptMessageId: integer("prompt_message_id"),
    statusMessageId: integer("status_message_id"),
    /** When the user last saw a status (queued/processing) — to not edit more often than Telegram allows. */
    statusShown: text("status_shown"),
    deadlineAt: timestamp("deadline_at", { withTimezone: true }).notNull(),
    /** The result's post in the gallery channel (src/jobs/gallery); set once, so a retried job never posts twice. */
    galleryMessageId: integer("gallery_message_id"),
    /** The reference images' post under it, when the user let them be shown; set once too. */
    galleryReferencesMessageId: integer("gallery_references_message_id"),
    refundedAt: timestamp("refunded_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [
    index("generations_user_created_idx").on(t.userId, t.createdAt),
    index("generations_status_idx").on(t.status, t.deadlineAt),
    uniqueIndex("generations_provider_task_idx").on(t.providerTaskId),
    // "My images": a user's delivered results, newest first.
    index("generations_user_delivered_idx").on(t.userId, t.id).where(sql`${t.status} = 'delivered'`),
    check("generations_kind_known", sql`${t.kind} in ('generation', 'tool')`),
  ],
);

/** The last model and parameters each user chose, offered again on the next prompt. */
export const generationPreferences = pgTable("generation_preferences", {
  userId: bigint("user_id", { mode: "number" })
    .primaryKey()
    .references(() => users.id),
  modelKey: text("model_key").notNull(),
  params: jsonb("params").$type<Record<string, Record<string, string>>>().notNull().default({}),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type GenerationDraftRow = typeof generationDrafts.$inferSelect;
export type GenerationRow = typeof generations.$inferSelect;
