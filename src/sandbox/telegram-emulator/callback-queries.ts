import { badRequest, QUERY_TOO_OLD } from "./api-error.js";
import type { CallbackAnswer } from "./types.js";

/** How long pressButton waits for answerCallbackQuery before reporting "no answer". */
const ANSWER_WAIT_MS = 5_000;

/**
 * Callback queries the bot has not answered yet. An id can be answered once; unknown or repeated
 * answers fail like on Telegram.
 */
export class CallbackQueries {
  private readonly open = new Map<string, (answer: CallbackAnswer) => void>();

  /** A query pushed as a raw update: answerable like one from pressButton, with nobody waiting. */
  register(queryId: string): void {
    if (!this.open.has(queryId)) void this.waitForAnswer(queryId);
  }

  /** Registers a query and resolves with the bot's answer, or undefined if none comes within 5 s. */
  waitForAnswer(queryId: string): Promise<CallbackAnswer | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), ANSWER_WAIT_MS);
      this.open.set(queryId, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
    });
  }

  answer(queryId: string, answer: CallbackAnswer): void {
    const resolve = this.open.get(queryId);
    if (resolve === undefined) throw badRequest(QUERY_TOO_OLD);
    this.open.delete(queryId);
    resolve(answer);
  }
}
