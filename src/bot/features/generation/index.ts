import { Composer } from "grammy";
import type { BotContext } from "../../context.js";
import { draftMenu } from "./draft-menu.js";
import { generationAgain } from "./generation-again.js";
import { promptIntake } from "./prompt-intake.js";
import { createReferenceIntake } from "./reference-intake.js";

/** Everything about making an image, registered after the consent gate. */
export function createGenerationFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.use(draftMenu);
  feature.use(generationAgain);
  feature.use(createReferenceIntake());
  feature.use(promptIntake);
  return feature;
}
