import type { FakeTaskRecord } from "./fake-task.js";
import { findFakeModel } from "./model-catalog.js";
import { outputSize } from "./output-size.js";
import { type OwnImageSources, readOwnImage, referenceUrls } from "./reference-images.js";
import { renderFakeOutput } from "./render-output.js";
import { renderToolOutput } from "./render-tool-output.js";

/**
 * Produces a completed task's images in the background. Any problem (an unknown reference URL, an
 * undecodable image) fails the task with a readable error, as a real model run would.
 */
export async function renderTaskOutputs(task: FakeTaskRecord, sources: OwnImageSources): Promise<void> {
  const references: Buffer[] = [];
  for (const url of referenceUrls(task.input)) {
    const image = readOwnImage(url, sources);
    if ("error" in image) {
      task.markRenderFailed(image.error);
      return;
    }
    references.push(image.bytes);
  }
  const tool = findFakeModel(task.modelId)?.tool;
  const source = references[0];
  if (tool && source) {
    try {
      const rendered = await renderToolOutput({ modelId: task.modelId, effect: tool.effect, input: task.input, source });
      task.markRendered(Array.from({ length: task.outputCount }, () => rendered.image));
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      task.markRenderFailed(`fake-wavespeed could not process the image (is it a valid image?): ${reason}`);
    }
    return;
  }
  const size = outputSize(task.input);
  try {
    const images = await Promise.all(
      Array.from({ length: task.outputCount }, (_, index) =>
        renderFakeOutput({
          modelId: task.modelId,
          input: task.input,
          size,
          references,
          index,
          count: task.outputCount,
          nsfw: task.nsfw,
        }),
      ),
    );
    task.markRendered(images);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    task.markRenderFailed(`fake-wavespeed could not render the output (is every reference a valid image?): ${reason}`);
  }
}
