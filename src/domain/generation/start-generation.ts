import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database, Executor } from "../../db/client.js";
import { generations, users, type GenerationDraftRow, type GenerationRow } from "../../db/schema/index.js";
import type { CatalogModel, GenerationMode } from "../catalog/catalog-model.js";
import { resolveParameters, type ResolvedParameters } from "../catalog/parameters.js";
import { priceInCredits, type PricingSettings } from "../catalog/pricing.js";
import { InvalidParameterValueError } from "../catalog/catalog-errors.js";
import { debit } from "../ledger/ledger.js";
import { LEDGER_KINDS } from "../ledger/ledger-kinds.js";
import { consumeDraft } from "./draft-repository.js";
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

/**
 * Starts a generation from an open draft in ONE transaction (design §3–§4): the user row is locked so
 * concurrent presses of one user take turns; the draft is consumed (a second press finds it gone); the
 * parallel limit is checked; the trial or the credits are taken; the generation row and its first job
 * are written. Any refusal rolls all of it back, so nothing is charged.
 *
 * `expectedPrice` is the price the button showed: if the catalog changed meanwhile, the user is asked
 * again instead of being charged a price they did not see.
 */
export async function startGeneration(
  deps: StartGenerationDeps,
  input: { userId: number; draftId: number; expectedPrice: number; source: "bot" | "miniapp" },
): Promise<StartResult> {
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
      if (!draft.prompt) throw new Refused({ reason: "prompt_missing" });
      const model = await deps.findModel(draft.modelKey);
      if (!model?.enabled) throw new Refused({ reason: "model_unavailable" });
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
      const useTrial = user.trialUsed < deps.limits.trialGenerations;
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
          modelKey: model.key,
          mode: offer.mode,
          providerModelId: model.providerModelIds[offer.mode],
          prompt: draft.prompt,
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
          kind: LEDGER_KINDS.generationCharge,
          reference: `generation:${row.publicId}`,
          idempotencyKey: `charge:generation:${row.id}`,
        });
        if (!charged.ok) throw new Refused({ reason: "insufficient_funds", price: offer.price, balance: charged.balance });
      }
      await savePreference(tx, input.userId, model.key, draft.params);
      await deps.enqueueSubmit(tx, row.id);
      return row;
    });
    return { ok: true, generation };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, ...error.refusal };
    throw error;
  }
}
