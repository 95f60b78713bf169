import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Database } from "../../../db/client.js";
import { loadWallet } from "../../../domain/generation/wallet.js";
import type { CreateGenerationRequest, GenerationPage, GenerationView, RegenerateQuoteView } from "./api-types.js";
import type { MiniAppEventStreams } from "./event-streams.js";
import { findOwnGeneration, generationPage } from "./generation-queries.js";
import { draftFromGeneration, priceDraft, startFromMiniApp, type StartDeps } from "./generation-start.js";
import type { GenerationViews } from "./generation-views.js";
import { requestUser } from "./miniapp-auth.js";
import { MiniAppError, parseInput } from "./miniapp-error.js";
import type { SignedTokens } from "./signed-tokens.js";

export interface GenerationRoutesDeps extends StartDeps {
  db: Database;
  views: GenerationViews;
  streams: MiniAppEventStreams;
  tokens: SignedTokens;
  limits: { trialGenerations: number; promptMaxLength: number };
}

const PAGE_DEFAULT = 20;
const PAGE_MAX = 50;

const pageQuery = z.object({
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, "is not a cursor from this API")
    .transform(Number)
    .optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_MAX).default(PAGE_DEFAULT),
});
const idParams = z.object({ id: z.string().uuid() });
const parameterMap = z.record(z.string().max(32), z.string().max(64)).refine((params) => Object.keys(params).length <= 10, "too many parameters");
const createBody = z.object({
  prompt: z.string().max(20_000),
  model: z.string().min(1).max(64),
  params: parameterMap.default({}),
  references: z.array(z.string().max(4096)).max(50).default([]),
  expectedPrice: z.number().int().min(0),
}) satisfies z.ZodType<CreateGenerationRequest, unknown>;
const regenerateBody = z.object({ expectedPrice: z.number().int().min(0).optional() }).default({});

/**
 * The user's generations: history (newest first), one generation, the live stream, and starting new
 * ones — from the composer or by repeating a past one. Someone else's generation is a 404, exactly
 * like one that does not exist.
 */
export function registerGenerationRoutes(api: FastifyInstance, deps: GenerationRoutesDeps): void {
  api.get("/api/miniapp/generations", async (request): Promise<GenerationPage> => {
    const { profile } = requestUser(request);
    const query = parseInput(pageQuery, request.query);
    const page = await generationPage(deps.db, profile.id, { beforeId: query.cursor, limit: query.limit });
    return {
      items: await deps.views.many(page.rows, profile.telegramId),
      nextCursor: page.nextBeforeId === undefined ? null : String(page.nextBeforeId),
    };
  });

  api.get("/api/miniapp/generations/:id", async (request): Promise<GenerationView> => {
    const { profile } = requestUser(request);
    const { id } = parseInput(idParams, request.params);
    const row = await findOwnGeneration(deps.db, profile.id, id);
    if (row === undefined) throw new MiniAppError(404, "not_found", "no such generation");
    return deps.views.one(row, profile.telegramId);
  });

  api.get("/api/miniapp/events", async (request, reply) => {
    const { profile } = requestUser(request);
    deps.streams.attach(reply, { id: profile.id, telegramId: profile.telegramId });
  });

  api.post("/api/miniapp/generations", async (request, reply) => {
    const { profile } = requestUser(request);
    const body = parseInput(createBody, request.body);
    const prompt = body.prompt.trim();
    if (prompt === "") throw new MiniAppError(400, "prompt_empty", "the prompt is empty");
    // Characters as people count them (code points), as the bot counts them.
    const length = [...prompt].length;
    if (length > deps.limits.promptMaxLength) {
      throw new MiniAppError(400, "prompt_too_long", "the prompt is too long", { length, limit: deps.limits.promptMaxLength });
    }
    const references = body.references.map((token) => {
      const reference = deps.tokens.readReferenceToken(token, profile.telegramId);
      if (reference === undefined) throw new MiniAppError(400, "reference_invalid", "a reference token is invalid or expired; upload the image again");
      return reference;
    });
    const row = await startFromMiniApp(
      deps,
      { id: profile.id, telegramId: profile.telegramId },
      { prompt, modelKey: body.model, params: body.params, references },
      body.expectedPrice,
    );
    request.log.info({ generationId: row.id, model: row.modelKey, references: references.length }, "generation started from the Mini App");
    return reply.code(201).send(await deps.views.one(row, profile.telegramId));
  });

  api.post("/api/miniapp/generations/:id/regenerate", async (request, reply) => {
    const { profile } = requestUser(request);
    const { id } = parseInput(idParams, request.params);
    const { expectedPrice } = parseInput(regenerateBody, request.body ?? {});
    const past = await findOwnGeneration(deps.db, profile.id, id);
    if (past === undefined) throw new MiniAppError(404, "not_found", "no such generation");
    const draft = draftFromGeneration(past);
    if (expectedPrice === undefined) {
      // Nothing is charged before the user has seen today's price.
      const offer = await priceDraft(deps.generation, draft);
      const wallet = await loadWallet(deps.db, profile.id, deps.limits.trialGenerations);
      const view: RegenerateQuoteView = {
        price: offer.price,
        trial: wallet.trialsLeft > 0,
        balance: wallet.balance,
        trialsLeft: wallet.trialsLeft,
        model: { key: offer.model.key, name: offer.model.name },
      };
      return reply.send(view);
    }
    const row = await startFromMiniApp(deps, { id: profile.id, telegramId: profile.telegramId }, draft, expectedPrice);
    request.log.info({ generationId: row.id, repeats: past.id }, "generation repeated from the Mini App");
    return reply.code(201).send(await deps.views.one(row, profile.telegramId));
  });
}
