import type { generations } from "../../src/db/schema/index.js";

/**
 * A generations row for an upscale run as the bot's tool screen leaves it (tools are started in the
 * chat, never in the Mini App), for tests that need one without running the tool.
 */
export function upscaleRun(
  owner: { userId: number; chatId: number },
  outcome: Partial<typeof generations.$inferInsert> & { targetResolution: string },
): typeof generations.$inferInsert {
  const { targetResolution, ...rest } = outcome;
  return {
    userId: owner.userId,
    chatId: owner.chatId,
    source: "bot",
    kind: "tool",
    modelKey: "upscale",
    mode: "tool",
    providerModelId: "wavespeed-ai/image-upscaler",
    prompt: "",
    params: { target_resolution: targetResolution, output_format: "png" },
    priceCredits: 30,
    deadlineAt: new Date(),
    ...rest,
  };
}
