import type { GenerationRow } from "../../db/schema/index.js";
import {
  buildProviderRequest,
  buildToolRequest,
  GENERATION_MODES,
  type CatalogModel,
  type GenerationMode,
  type ProviderRequest,
  type ResolvedParameters,
} from "../../domain/catalog/index.js";
import { kindOf } from "../../domain/generation/generation-kind.js";
import type { Logger } from "../../infra/logger.js";

/** The part of the catalog the worker needs; disabled models included, since charged runs must finish. */
export interface ModelLookup {
  get(key: string): Promise<CatalogModel | undefined>;
}

/**
 * The submit for a generation or a tool run. The catalog decides the shape of the input (which field
 * carries the images, how parameters are named); the model id and parameters are the ones stored on
 * the row, i.e. exactly what the user was charged for. If an admin changed the model since the charge
 * so that the stored request no longer fits it, the stored request is sent as it is rather than a
 * different one.
 */
export async function providerRequestFor(
  catalog: ModelLookup,
  row: GenerationRow,
  imageUrls: readonly string[],
  logger: Logger,
): Promise<ProviderRequest> {
  const model = await catalog.get(row.modelKey);
  const params = row.params as ResolvedParameters;
  if (kindOf(row) === "tool") {
    const image = imageUrls[0];
    if (model && image !== undefined && imageUrls.length === 1) {
      try {
        return { modelId: row.providerModelId, input: buildToolRequest(model, params, image).input };
      } catch (error) {
        logger.warn({ err: error, generationId: row.id, modelKey: row.modelKey }, "the catalog no longer fits this tool run: sending the stored request");
      }
    }
    // Tool models take one `image` and no prompt.
    return { modelId: row.providerModelId, input: { ...row.params, ...(image === undefined ? {} : { image }) } };
  }
  const mode = (GENERATION_MODES as readonly string[]).includes(row.mode) ? (row.mode as GenerationMode) : undefined;
  if (model && mode) {
    try {
      // The row's parameters were resolved against this model when it was charged; the builder re-checks that.
      const built = buildProviderRequest(model, mode, { prompt: row.prompt, params, imageUrls });
      return { modelId: row.providerModelId, input: built.input };
    } catch (error) {
      logger.warn({ err: error, generationId: row.id, modelKey: row.modelKey }, "the catalog no longer fits this generation: sending the stored request");
    }
  }
  const input: Record<string, unknown> = { prompt: row.prompt, ...row.params };
  if (imageUrls.length > 0) input["images"] = [...imageUrls];
  return { modelId: row.providerModelId, input };
}
