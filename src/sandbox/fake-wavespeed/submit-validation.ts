import { findFakeModel, looksLikeEditModel } from "./model-catalog.js";
import { referenceUrls } from "./reference-images.js";

/**
 * Checks a submit body the way the provider answers HTTP 400 for bad parameters. Known models are
 * checked strictly (their image field and limit); unknown edit-style ids accept `images` or `image`.
 *
 * @returns the error message, or undefined when the input is acceptable.
 */
export function validateSubmit(modelId: string, input: Record<string, unknown>): string | undefined {
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
