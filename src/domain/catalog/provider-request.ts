import { TooManyReferencesError } from "./catalog-errors.js";
import { TOOL_PRICING_MODE, type CatalogModel, type GenerationMode } from "./catalog-model.js";
import { resolveParameters, type ResolvedParameters } from "./parameters.js";

/** What to hand to `WavespeedClient.submit`. */
export interface ProviderRequest {
  readonly modelId: string;
  readonly input: Record<string, unknown>;
}

export interface ProviderRequestContent {
  readonly prompt: string;
  /** Resolved for this same model and mode. */
  readonly params: ResolvedParameters;
  /** Provider-hosted URLs of the reference images (never Telegram file URLs); required for edit, absent otherwise. */
  readonly imageUrls?: readonly string[];
}

/**
 * The Wavespeed submit for one generation: the mode's model id, the prompt, the parameters as input
 * fields, and for edits every reference image in `images`.
 *
 * @throws TooManyReferencesError when there are more images than the model takes; none is ever dropped.
 * @throws RangeError when the call does not fit the mode (images without edit, edit without images) or
 *   the parameters were resolved for another model or mode: both are bugs in the caller.
 */
export function buildProviderRequest(model: CatalogModel, mode: GenerationMode, content: ProviderRequestContent): ProviderRequest {
  const imageUrls = content.imageUrls ?? [];
  if (mode === "text_to_image" && imageUrls.length > 0) {
    throw new RangeError(`${model.key}: a text-to-image request takes no reference images`);
  }
  if (mode === "edit" && imageUrls.length === 0) throw new RangeError(`${model.key}: an edit request needs reference images`);
  assertReferencesFit(model, imageUrls.length);

  const params = resolveParameters(model, mode, content.params);
  if (!sameParameters(params, content.params)) {
    throw new RangeError(`${model.key}: parameters ${JSON.stringify(content.params)} were resolved for another model or mode`);
  }
  const input: Record<string, unknown> = { prompt: content.prompt, ...params };
  if (mode === "edit") input["images"] = [...imageUrls];
  return { modelId: model.providerModelIds[mode], input };
}

/**
 * The Wavespeed submit for one image tool run: the tool's model id, the image as `image` (tools take a
 * single URL, not a list) and the tool's parameters. No prompt: tool models take none.
 *
 * @throws RangeError when the model is not a tool or the parameters were resolved for another one:
 *   both are bugs in the caller.
 */
export function buildToolRequest(tool: CatalogModel, params: ResolvedParameters, imageUrl: string): ProviderRequest {
  if (tool.kind !== "tool") throw new RangeError(`${tool.key} is not an image tool`);
  const resolved = resolveParameters(tool, TOOL_PRICING_MODE, params);
  if (!sameParameters(resolved, params)) {
    throw new RangeError(`${tool.key}: parameters ${JSON.stringify(params)} were resolved for another tool`);
  }
  return { modelId: tool.providerModelIds[TOOL_PRICING_MODE], input: { image: imageUrl, ...params } };
}

/**
 * Refuses more reference images than the model takes. Call it when references are added to a draft and
 * when the model changes, so the user hears about it before anything is charged.
 *
 * @throws TooManyReferencesError
 */
export function assertReferencesFit(model: CatalogModel, count: number): void {
  if (count > model.maxReferences) throw new TooManyReferencesError(model.key, model.maxReferences, count);
}

function sameParameters(a: ResolvedParameters, b: ResolvedParameters): boolean {
  const keysA = Object.keys(a);
  return keysA.length === Object.keys(b).length && keysA.every((k) => a[k as keyof typeof a] === b[k as keyof typeof b]);
}
