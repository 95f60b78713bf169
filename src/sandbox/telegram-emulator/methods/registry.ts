import { botSettingsMethods } from "./bot-settings.js";
import { callbackMethods } from "./callbacks.js";
import { chatMethods } from "./chats.js";
import { editingMethods } from "./editing.js";
import { fileMethods } from "./files.js";
import { mediaMethods } from "./media.js";
import { messageMethods } from "./messages.js";
import type { MethodHandler } from "./method-context.js";
import { paymentMethods } from "./payments.js";
import { updateMethods } from "./updates.js";

/** A method with its canonical spelling, for call records. */
export interface RegisteredMethod {
  name: string;
  handler: MethodHandler;
}

const METHODS = new Map<string, RegisteredMethod>(
  Object.entries({
    ...updateMethods,
    ...messageMethods,
    ...editingMethods,
    ...mediaMethods,
    ...fileMethods,
    ...chatMethods,
    ...callbackMethods,
    ...paymentMethods,
    ...botSettingsMethods,
  }).map(([name, handler]) => [name.toLowerCase(), { name, handler }]),
);

/** Looks a method up case-insensitively, as the Bot API server lowercases method names. */
export function findMethod(name: string): RegisteredMethod | undefined {
  return METHODS.get(name.toLowerCase());
}
