import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database, Executor } from "../../db/client.js";
import { generations, users, type GenerationDraftRow, type GenerationRow } from "../../db/schema/index.js";
import { TOOL_PRICING_MODE, type CatalogModel, type GenerationMode } from "../catalog/catalog-model.js";
import { resolveParameters, type ResolvedParameters } from "../catalog/parameters.js";
import { priceInCredits, type PricingSettings } from "../catalog/pricing.js";
import { InvalidParameterValueError } from "../catalog/catalog-errors.js";
import { debit } from "../ledger/ledger.js";
import { quoteTool } from "../tools/tool-quote.js";
import { consumeDraft } from "./draft-repository.js";
import { chargeLedgerKind, TOOL_RUN_MODE } from "./generation-kind.js";
import { ACTIVE_STATUSES } from "./generation-status.js";
import { savePreference } from "./preferences.js";

/** Why a press of Generate did not start anything; each has one localized message. */
export type StartRefusal =
  | { reason: "draft_gone" }
  | { reason: "prompt_missing" }
  | { reason: "model_unavailable" }
  | { reason: "invalid_parameters" }
  | { reason: "too_many_references"; model: CatalogModel; limit: number; count: number }
  | { reason: "price_changed"; price: number }
  | { reason: "parallel_limit"; limit: number }
  | { reason: "insufficient_funds"; price: number; balance: number };

export type StartResult = { ok: true; generation: GenerationRow } | ({ ok: false } & StartRefusal);

/** An image tool and its options, chosen on the tool screen of a picture sent without a prompt. */
export interface ToolChoice {
  key: string;
  params: Record<string, string>;
}

export interface StartInput {
  userId: number;
  draftId: number;
  /** The price the button showed (0 for a free generation). */
  expectedPrice: number;
  source: "bot" | "miniapp";
  /** Run this tool on the draft's one image instead of generating from its prompt. */
  tool?: ToolChoice | undefined;
}

export interface StartGenerationDeps {
  db: Database;
  findModel(key: string): Promise<CatalogModel | undefined>;
  pricing(): PricingSettings;
  limits: { trialGenerations: number; maxParallel: number };
  deadlineSeconds: number;
  /** Enqueues the first worker job on the same transaction, so the charge, the row and the job commit together. */
  enqueueSubmit(tx: Executor, generationId: number): Promise<void>;
}

/** What the user is about to pay for, as the draft menu shows it. */
export interface Quote {
  model: CatalogModel;
  mode: GenerationMode;
  params: ResolvedParameters;
  price: number;
}

/** The mode follows from the draft: reference images make it an edit. */
export function modeOf(draft: Pick<GenerationDraftRow, "references">): GenerationMode {
  return draft.references.length > 0 ? "edit" : "text_to_image";
}

/** The price and resolved parameters of a draft — the same computation the charge uses. */
export function quote(model: CatalogModel, draft: Pick<GenerationDraftRow, "references" | "params">, pricing: PricingSettings): Quote {
  const mode = modeOf(draft);
  const params = resolveParameters(model, mode, draft.params);
  return { model, mode, params, price: priceInCredits(model, mode, params, pricing) };
}

class Refused extends Error {
  constructor(readonly refusal: StartRefusal) {
    super(refusal.reason);
  }
}

/** What a consumed draft becomes: the generation row's content and its price. */
interface Offer {
  model: CatalogModel;
  /** generations.mode: text_to_image, edit, or "tool". */
  mode: string;
  providerModelId: string;
  prompt: string;
  params: ResolvedParameters;
  price: number;
  /** Free generations pay for generations only, never for tools. */
  trialAllowed: boolean;
}

/**
 * Starts a generation — or an image tool run — from an open draft in ONE transaction (design §3–§4):
 * the user row is locked so concurrent presses of one user take turns; the draft is consumed (a second
 * press finds it gone); the parallel limit is checked; the trial or the credits are taken (as
 * `tool_charge` for a tool); the generation row and its first job are written. Any refusal rolls all
 * of it back, so nothing is charged. This is the only place that charges for images.
 *
 * `expectedPrice` is the price the button showed: if the catalog changed meanwhile, the user is asked
 * again instead of being charged a price they did not see.
 */
export async function startGeneration(deps: StartGenerationDeps, input: StartInput): Promise<StartResult> {
  try {
    const generation = await deps.db.transaction(async (tx) => {
      const locked = await tx
        .select({ balance: users.balance, trialUsed: users.trialUsed })
        .from(users)
        .where(eq(users.id, input.userId))
        .for("update");
      const user = locked[0];
      if (!user) throw new Refused({ reason: "draft_gone" });

      const draft = await consumeDraft(tx, input.userId, input.draftId);
      if (!draft) throw new Refused({ reason: "draft_gone" });
      const offer = input.tool ? await toolOffer(deps, draft, input.tool) : await generationOffer(deps, draft);
      const useTrial = offer.trialAllowed && user.trialUsed < deps.limits.trialGenerations;
      // A trial run is free whatever the model costs; the button said so, so the price check is on credits only.
      if (!useTrial && offer.price !== input.expectedPrice) throw new Refused({ reason: "price_changed", price: offer.price });

      const active = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(generations)
        .where(and(eq(generations.userId, input.userId), inArray(generations.status, [...ACTIVE_STATUSES])));
      if ((active[0]?.n ?? 0) >= deps.limits.maxParallel) throw new Refused({ reason: "parallel_limit", limit: deps.limits.maxParallel });

      const inserted = await tx
        .insert(generations)
        .values({
          userId: input.userId,
          draftId: draft.id,
          source: input.source,
          kind: offer.model.kind,
          modelKey: offer.model.key,
          mode: offer.mode,
          providerModelId: offer.providerModelId,
          prompt: offer.prompt,
          params: { ...offer.params },
          references: draft.references.map(({ uploadedUrl: _dropped, ...rest }) => rest),
          priceCredits: useTrial ? 0 : offer.price,
          paidWithTrial: useTrial,
          chatId: draft.chatId,
          promptMessageId: draft.promptMessageId,
          statusMessageId: draft.menuMessageId,
          // The bot turned the menu into the "queued" status before starting (see pressGenerate).
          statusShown: draft.menuMessageId ? "queued" : null,
          deadlineAt: sql`now() + make_interval(secs => ${deps.deadlineSeconds})`,
        })
        .returning();
      const row = inserted[0];
      if (!row) throw new Error("generation insert returned no row");

      if (useTrial) {
        await tx.update(users).set({ trialUsed: sql`${users.trialUsed} + 1` }).where(eq(users.id, input.userId));
      } else {
        const charged = await debit(tx, {
          userId: input.userId,
          amount: offer.price,
          kind: chargeLedgerKind(offer.model.kind),
          reference: `generation:${row.publicId}`,
          idempotencyKey: `charge:generation:${row.id}`,
        });
        if (!charged.ok) throw new Refused({ reason: "insufficient_funds", price: offer.price, balance: charged.balance });
      }
      // The preference is the model menu's memory; a tool run says nothing about the next prompt's model.
      if (offer.model.kind === "generation") await savePreference(tx, input.userId, offer.model.key, draft.params);
      await deps.enqueueSubmit(tx, row.id);
      return row;
    });
    return { ok: true, generation };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, ...error.refusal };
    throw error;
  }
}

/** A prompt on the draft's model, text-to-image or edit by its references. */
async function generationOffer(deps: StartGenerationDeps, draft: GenerationDraftRow): Promise<Offer> {
  if (!draft.prompt) throw new Refused({ reason: "prompt_missing" });
  const model = await deps.findModel(draft.modelKey);
  if (!model?.enabled || model.kind !== "generation") throw new Refused({ reason: "model_unavailable" });
  if (draft.references.length > model.maxReferences) {
    throw new Refused({ reason: "too_many_references", model, limit: model.maxReferences, count: draft.references.length });
  }
  let offer: Quote;
  try {
    offer = quote(model, draft, deps.pricing());
  } catch (error) {
    if (error instanceof InvalidParameterValueError) throw new Refused({ reason: "invalid_parameters" });
    throw error;
  }
  return {
    model,
    mode: offer.mode,
    providerModelId: model.providerModelIds[offer.mode],
    prompt: draft.prompt,
    params: offer.params,
    price: offer.price,
    trialAllowed: true,
  };
}

/** A tool on the draft's one image; no prompt. A draft with several images never offered tools. */
async function toolOffer(deps: StartGenerationDeps, draft: GenerationDraftRow, choice: ToolChoice): Promise<Offer> {
  const tool = await deps.findModel(choice.key);
  if (!tool?.enabled || tool.kind !== "tool") throw new Refused({ reason: "model_unavailable" });
  if (draft.references.length !== 1) throw new Refused({ reason: "invalid_parameters" });
  try {
    const offer = quoteTool(tool, choice.params, deps.pricing());
    return {
      model: tool,
      mode: TOOL_RUN_MODE,
      providerModelId: tool.providerModelIds[TOOL_PRICING_MODE],
      prompt: "",
      params: offer.params,
      price: offer.price,
      trialAllowed: false,
    };
  } catch (error) {
    if (error instanceof InvalidParameterValueError) throw new Refused({ reason: "invalid_parameters" });
    throw error;
  }
}
