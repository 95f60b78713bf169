import type { CallbackAnswer } from "../types.js";
import type { MethodHandler } from "./method-context.js";

/** answerCallbackQuery: hands the answer to the pressButton waiting for it. */
export const callbackMethods: Record<string, MethodHandler> = {
  answerCallbackQuery: ({ bot, params }) => {
    const answer: CallbackAnswer = {};
    const text = params.string("text");
    if (text !== undefined) answer.text = text;
    if (params.has("show_alert")) answer.show_alert = params.boolean("show_alert");
    const url = params.string("url");
    if (url !== undefined) answer.url = url;
    const cacheTime = params.integer("cache_time");
    if (cacheTime !== undefined) answer.cache_time = cacheTime;
    bot.callbackQueries.answer(params.requiredString("callback_query_id"), answer);
    return true;
  },
};
