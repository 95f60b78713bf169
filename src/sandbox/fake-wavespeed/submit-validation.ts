import { findFakeModel, looksLikeEditModel, type FakeToolSpec } from "./model-catalog.js";
import { referenceUrls } from "./reference-images.js";

/** Flags every model takes; the server checks them itself. */
const COMMON_FLAGS = new Set(["enable_sync_mode", "enable_base64_output"]);

/**
 * Checks a submit body the way the provider answers HTTP 400 for bad parameters. Known models are
 * checked strictly (their image field and limit); unknown edit-style ids accept `images` or `image`.
 * Image tools take no prompt and are checked field by field.
 *
 * @returns the error message, or undefined when the input is acceptable.
 */
export function validateSubmit(modelId: string, input: Record<string, unknown>): string | undefined {
  const tool = findFakeModel(modelId)?.tool;
  if (tool) return validateToolSubmit(modelId, tool, input);
  const prompt = input["prompt"];
  if (typeof prompt !== "string" || prompt.trim() === "") return "prompt is required and must be a non-empty string";

  const model = findFakeModel(modelId);
  const images = input["images"];
  if (images !== undefined && (!Array.isArray(images) || images.some((u) => typeof u !== "string" || u === ""))) {
    return "images must be an array of URL strings";
  }
  if (input["image"] !== undefined && (typeof input["image"] !== "string" || input["image"] === "")) {
    return "image must be a URL string";
  }
  if (model?.imageInput === "images" && (!Array.isArray(images) || images.length === 0)) {
    return "images is required: a non-empty array of image URLs";
  }
  if (model?.imageInput === "image" && typeof input["image"] !== "string") {
    return "image is required: one image URL";
  }
  if (!model && looksLikeEditModel(modelId) && referenceUrls(input).length === 0) {
    return "images (or image) is required for an edit model";
  }
  if (model?.maxImages !== undefined && referenceUrls(input).length > model.maxImages) {
    return `too many images: ${modelId} accepts at most ${model.maxImages}`;
  }
  return undefined;
}

/**
 * An image tool's input: one `image` URL, each enumerated field one of its values, `size` within range,
 * nothing else — so a request the bot builds wrongly (a prompt, an `images` list, a misspelt option)
 * fails here as it might at the provider.
 */
function validateToolSubmit(modelId: string, tool: FakeToolSpec, input: Record<string, unknown>): string | undefined {
  const image = input["image"];
  if (typeof image !== "string" || image === "") return "image is required: one image URL";
  for (const [field, value] of Object.entries(input)) {
    if (field === "image" || COMMON_FLAGS.has(field)) continue;
    const allowed = tool.enums[field];
    if (allowed) {
      if (typeof value !== "string" || !allowed.includes(value)) return `${field} must be one of: ${allowed.join(", ")}`;
      continue;
    }
    if (field === "size" && tool.sizeRange) {
      const [min, max] = tool.sizeRange;
      const sides = typeof value === "string" ? /^(\d+)\*(\d+)$/.exec(value) : null;
      if (!sides || [sides[1], sides[2]].some((side) => Number(side) < min || Number(side) > max)) {
        return `size must be "W*H" with each side from ${min} to ${max}`;
      }
      continue;
    }
    return `${modelId} has no input ${field}`;
  }
  return undefined;
}
