import type { FastifyInstance } from "fastify";
import type { Database } from "../../../db/client.js";
import { editModelByAdmin } from "../../../domain/admin/model-edits.js";
import { generationStatistics } from "../../../domain/admin/statistics.js";
import { TOOL_PRICING_MODE, priceRange, type CatalogModel, type GenerationMode } from "../../../domain/catalog/index.js";
import type { CatalogService } from "../../../domain/catalog/catalog-service.js";
import type { AdminRoutes } from "./admin-route.js";
import { modelEditBody, modelListView, modelParams, modelView, type ModelView } from "./api-schemas.js";

export interface ModelRouteDeps {
  db: Database;
  catalog: CatalogService;
}

/** Models and tools: enable or disable, order, fixed price; through the catalog, so menus and charges change at once. */
export function registerModelRoutes(scope: FastifyInstance, routes: AdminRoutes, deps: ModelRouteDeps): void {
  const view = (model: CatalogModel, generations: number): ModelView => {
    const pricing = deps.catalog.pricingSettings();
    const modes: GenerationMode[] = model.kind === "tool" ? [TOOL_PRICING_MODE] : ["text_to_image", "edit"];
    return {
      ...model,
      usdBase: model.usdPricing.base,
      prices: Object.fromEntries(modes.map((mode) => [mode, priceRange(model, mode, pricing)])),
      generations,
    };
  };
  const counts = async () => new Map((await generationStatistics(deps.db)).byModel.map((m) => [m.modelKey, m.total]));

  routes.json(scope, {
    method: "GET",
    url: "/api/admin/models",
    tag: "models",
    summary: "Every model and tool, enabled or not, in menu order, with its price now and how often it was used",
    response: modelListView,
    handler: async () => {
      const [models, used] = await Promise.all([deps.catalog.listAll(), counts()]);
      return { models: models.map((m) => view(m, used.get(m.key) ?? 0)) };
    },
  });

  routes.json(scope, {
    method: "PATCH",
    url: "/api/admin/models/:key",
    tag: "models",
    summary: "Enables or disables a model, moves it, or fixes its price (null: the computed price again); audited",
    params: modelParams,
    body: modelEditBody,
    response: modelView,
    handler: async ({ params, body, admin }) => {
      const model = await editModelByAdmin(deps.db, deps.catalog, { adminTelegramId: admin.telegramId, key: params.key, edit: body });
      return view(model, (await counts()).get(model.key) ?? 0);
    },
  });
}
