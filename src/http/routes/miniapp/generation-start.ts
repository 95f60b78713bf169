import type { Api } from "grammy";
import type { Database } from "../../../db/client.js";
import type { GenerationDraftRow, GenerationRow, StoredReference } from "../../../db/schema/index.js";
import { InvalidParameterValueError } from "../../../domain/catalog/catalog-errors.js";
import type { CatalogModel } from "../../../domain/catalog/catalog-model.js";
import type { PricingSettings } from "../../../domain/catalog/pricing.js";
import { openDraft } from "../../../domain/generation/draft-repository.js";
import { quote, type Quote, type StartResult } from "../../../domain/generation/start-generation.js";
import { MiniAppError } from "./miniapp-error.js";

/** The generation services the Mini App shares with the bot (GenerationServices in src/bot/deps.ts). */
export interface GenerationStarter {
  findModel(key: string): Promise<CatalogModel | undefined>;
  pricing(): PricingSettings;
  start(input: { userId: number; draftId: number; expectedPrice: number; source: "bot" | "miniapp" }): Promise<StartResult>;
  providerStatus(): Promise<"ok" | "paused">;
}

export interface StartDeps {
  db: Database;
  generation: GenerationStarter;
  /** Closes the keyboard of a bot draft menu the new draft replaces. */
  telegram: Api;
}

/** What a Mini App generation is made of: the composer's fields, or a past generation's. */
export interface MiniAppDraft {
  prompt: string;
  modelKey: string;
  params: Record<string, string>;
  references: StoredReference[];
}

/**
 * An enabled model and the exact price of this draft on it, by the function the charge uses — or the
 * refusal the app shows. Checked before a draft is opened, so a request that cannot start does not
 * replace the user's open draft in the bot.
 */
export async function priceDraft(generation: GenerationStarter, draft: Omit<MiniAppDraft, "prompt">): Promise<Quote> {
  const model = await generation.findModel(draft.modelKey);
  // Image tools share the catalog but are not generation models.
  if (!model?.enabled || model.kind !== "generation") throw new MiniAppError(409, "model_unavailable", `model ${draft.modelKey} is not available`);
  if (draft.references.length > model.maxReferences) {
    throw new MiniAppError(422, "too_many_references", `at most ${model.maxReferences} references`, { limit: model.maxReferences });
  }
  try {
    return quote(model, draft, generation.pricing());
  } catch (error) {
    if (error instanceof InvalidParameterValueError) throw new MiniAppError(400, "invalid_parameters", error.message);
    throw error;
  }
}

/**
 * Starts a generation from the Mini App through the bot's own path: a draft in the user's private
 * chat (no prompt or menu message: the worker then sends the result and any failure as new messages),
 * then startGeneration — charge, row and first job in one transaction. The result reaches the chat
 * through the same worker and the app follows it by its status.
 */
export async function startFromMiniApp(
  deps: StartDeps,
  user: { id: number; telegramId: number },
  draft: MiniAppDraft,
  expectedPrice: number,
): Promise<GenerationRow> {
  if ((await deps.generation.providerStatus()) === "paused") {
    throw new MiniAppError(503, "provider_paused", "generation is paused while the provider balance is low");
  }
  await priceDraft(deps.generation, draft);
  const { draft: opened, replaced } = await openDraft(deps.db, {
    userId: user.id,
    chatId: user.telegramId,
    prompt: draft.prompt,
    references: draft.references,
    promptMessageId: null,
    modelKey: draft.modelKey,
    params: draft.params,
  });
  if (replaced !== undefined) await closeBotMenu(deps.telegram, replaced);
  const result = await deps.generation.start({ userId: user.id, draftId: opened.id, expectedPrice, source: "miniapp" });
  if (result.ok) return result.generation;
  switch (result.reason) {
    case "price_changed":
      throw new MiniAppError(409, "price_changed", "the price changed; show it and ask again", { price: result.price });
    case "insufficient_funds":
      throw new MiniAppError(402, "insufficient_funds", "not enough credits", { price: result.price, balance: result.balance });
    case "parallel_limit":
      throw new MiniAppError(429, "parallel_limit", "too many generations running", { limit: result.limit });
    case "too_many_references":
      throw new MiniAppError(422, "too_many_references", "too many references", { limit: result.limit });
    case "model_unavailable":
      throw new MiniAppError(409, "model_unavailable", "the model is not available");
    case "invalid_parameters":
      throw new MiniAppError(400, "invalid_parameters", "the parameters do not fit the model");
    case "draft_gone":
    case "prompt_missing":
      throw new MiniAppError(409, "already_started", `the draft could not be used (${result.reason})`);
  }
}

/** A past generation's settings; uploaded copies expire at the provider, so only the Telegram file ids are kept. */
export function draftFromGeneration(generation: GenerationRow): MiniAppDraft {
  return {
    prompt: generation.prompt,
    modelKey: generation.modelKey,
    params: generation.params,
    references: generation.references.map(({ uploadedUrl: _expired, ...rest }) => rest),
  };
}

/** Best effort, like the bot's own: the old menu's buttons would only answer "expired". */
async function closeBotMenu(telegram: Api, replaced: GenerationDraftRow): Promise<void> {
  if (replaced.menuMessageId === null) return;
  await telegram.editMessageReplyMarkup(replaced.chatId, replaced.menuMessageId, { reply_markup: { inline_keyboard: [] } }).catch(() => undefined);
}
