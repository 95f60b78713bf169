import type { Api } from "grammy";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Database } from "../../../db/client.js";
import type { CatalogService } from "../../../domain/catalog/catalog-service.js";
import { GENERATION_MODES, type CatalogModel } from "../../../domain/catalog/catalog-model.js";
import { InvalidParameterValueError, ModelUnavailableError } from "../../../domain/catalog/catalog-errors.js";
import { priceRange } from "../../../domain/catalog/pricing.js";
import { loadPreference } from "../../../domain/generation/preferences.js";
import { loadWallet } from "../../../domain/generation/wallet.js";
import { creditsForStars } from "../../../domain/payments/exchange-rate.js";
import { createOrder } from "../../../domain/payments/orders.js";
import { creditsText, type Translate } from "../../../domain/payments/payment-notices.js";
import {
  PaymentsDisabledError,
  quoteTopUp,
  TopUpAmountNotANumberError,
  TopUpAmountTooLargeError,
  TopUpAmountTooSmallError,
  type TopUpQuote,
} from "../../../domain/payments/top-up-amount.js";
import type { BusinessSettings } from "../../../domain/settings/business-settings.js";
import type { Translator } from "../../../i18n/translator.js";
import type { MeView, ModelView, ModelsView, QuoteView, TopUpView } from "./api-types.js";
import { requestUser } from "./miniapp-auth.js";
import { MiniAppError, parseInput } from "./miniapp-error.js";
import { REFERENCE_MAX_BYTES } from "./reference-intake.js";

export interface AccountRoutesDeps {
  db: Database;
  catalog: CatalogService;
  settings: BusinessSettings;
  translator: Translator;
  telegram: Api;
  limits: { trialGenerations: number; promptMaxLength: number };
}

/** Telegram's limits for invoice texts (characters). */
const INVOICE_TITLE_MAX = 32;
const INVOICE_DESCRIPTION_MAX = 255;

const quoteBody = z.object({
  model: z.string().min(1).max(64),
  params: z.record(z.string().max(32), z.string().max(64)).default({}),
  referenceCount: z.number().int().min(0).max(100),
});
const topUpBody = z.object({ stars: z.number().int().positive().max(1_000_000_000) });

/** The user's wallet, the models with their prices, exact quotes and top-up invoice links. */
export function registerAccountRoutes(api: FastifyInstance, deps: AccountRoutesDeps): void {
  api.get("/api/miniapp/me", async (request): Promise<MeView> => {
    const { profile, locale } = requestUser(request);
    const wallet = await loadWallet(deps.db, profile.id, deps.limits.trialGenerations);
    const payments = deps.settings.payments();
    return {
      user: { telegramId: profile.telegramId, firstName: profile.firstName, locale },
      balance: wallet.balance,
      trialsLeft: wallet.trialsLeft,
      limits: { promptMaxLength: deps.limits.promptMaxLength, referenceMaxBytes: REFERENCE_MAX_BYTES },
      payments: {
        enabled: payments.enabled,
        presets: payments.presetStars.map((stars) => ({ stars, credits: creditsForStars(stars, payments.exchangeRate) })),
      },
    };
  });

  api.get("/api/miniapp/models", async (request): Promise<ModelsView> => {
    const { profile } = requestUser(request);
    const [models, preference] = await Promise.all([deps.catalog.listEnabled(), loadPreference(deps.db, profile.id)]);
    return { models: models.map((model) => modelView(model, deps.catalog)), preference: preference ?? null };
  });

  api.post("/api/miniapp/quote", async (request): Promise<QuoteView> => {
    const { profile } = requestUser(request);
    const body = parseInput(quoteBody, request.body);
    // The mode rule of modeOf (start-generation.ts): reference images make it an edit.
    const mode = body.referenceCount > 0 ? "edit" : "text_to_image";
    let offer;
    try {
      offer = await deps.catalog.quote(body.model, mode, body.params);
    } catch (error) {
      if (error instanceof ModelUnavailableError) throw new MiniAppError(409, "model_unavailable", error.message);
      if (error instanceof InvalidParameterValueError) throw new MiniAppError(400, "invalid_parameters", error.message);
      throw error;
    }
    const wallet = await loadWallet(deps.db, profile.id, deps.limits.trialGenerations);
    return {
      model: offer.model.key,
      mode,
      params: { ...offer.params },
      price: offer.credits,
      trial: wallet.trialsLeft > 0,
      balance: wallet.balance,
      trialsLeft: wallet.trialsLeft,
    };
  });

  api.post("/api/miniapp/top-up", async (request): Promise<TopUpView> => {
    const { profile, locale } = requestUser(request);
    const { stars } = parseInput(topUpBody, request.body);
    const payments = deps.settings.payments();
    let topUp: TopUpQuote;
    try {
      topUp = quoteTopUp(stars, payments);
    } catch (error) {
      throw topUpRefusal(error);
    }
    // The same order and invoice texts as the bot's /topup, so pre-checkout and crediting cannot tell them apart.
    const order = await createOrder(deps.db, { userId: profile.id, quote: topUp }, payments);
    const t: Translate = (key, variables) => deps.translator.t(locale, key, variables);
    const credits = creditsText(t, topUp.credits);
    const title = clamp(t("topup-invoice-title", { credits }), INVOICE_TITLE_MAX);
    const description = clamp(t("topup-invoice-description", { credits }), INVOICE_DESCRIPTION_MAX);
    const link = await deps.telegram.createInvoiceLink(title, description, order.payload, "", "XTR", [{ label: title, amount: topUp.stars }]);
    request.log.info({ orderId: order.id, stars: topUp.stars, credits: topUp.credits }, "top-up invoice link created for the Mini App");
    return { link, stars: topUp.stars, credits: topUp.credits };
  });
}

function modelView(model: CatalogModel, catalog: CatalogService): ModelView {
  const pricing = catalog.pricingSettings();
  const prices = Object.fromEntries(GENERATION_MODES.map((mode) => [mode, priceRange(model, mode, pricing)])) as ModelView["prices"];
  return {
    key: model.key,
    name: model.name,
    qualityStars: model.qualityStars,
    typicalSeconds: { ...model.typicalSeconds },
    maxReferences: model.maxReferences,
    parameters: model.parameters.map((spec) => ({ name: spec.name, values: [...spec.values], default: spec.default, modes: [...spec.modes] })),
    prices,
  };
}

/** One error code per way the payments domain refuses an amount. */
function topUpRefusal(error: unknown): MiniAppError {
  if (error instanceof PaymentsDisabledError) return new MiniAppError(409, "payments_disabled", error.message);
  if (error instanceof TopUpAmountTooSmallError) return new MiniAppError(400, "amount_invalid", error.message, { min: error.minStars });
  if (error instanceof TopUpAmountTooLargeError) return new MiniAppError(400, "amount_invalid", error.message, { max: error.maxStars });
  if (error instanceof TopUpAmountNotANumberError) return new MiniAppError(400, "amount_invalid", error.message);
  throw error;
}

/** Translations are checked against the limits in tests; this keeps a future long one from breaking invoices. */
function clamp(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}
