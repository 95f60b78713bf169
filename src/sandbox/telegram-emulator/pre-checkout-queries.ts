import { badRequest, QUERY_TOO_OLD } from "./api-error.js";

/** The bot's answerPreCheckoutQuery, or "timeout" when it did not answer in time. */
export type PreCheckoutAnswer = { ok: true } | { ok: false; errorMessage?: string } | "timeout";

/**
 * Pre-checkout queries waiting for the bot. Telegram gives the bot a fixed time to answer; after that,
 * or after a first answer, the query id is invalid.
 */
export class PreCheckoutQueries {
  private readonly open = new Map<string, (answer: PreCheckoutAnswer) => void>();

  constructor(private readonly timeoutMs: number) {}

  /** A query pushed as a raw update: answerable until the timeout, like one from pay(). */
  register(queryId: string): void {
    if (!this.open.has(queryId)) void this.waitForAnswer(queryId);
  }

  waitForAnswer(queryId: string): Promise<PreCheckoutAnswer> {
    return new Promise((resolve) => {
      const settle = (answer: PreCheckoutAnswer) => {
        clearTimeout(timer);
        this.open.delete(queryId);
        resolve(answer);
      };
      const timer = setTimeout(() => settle("timeout"), this.timeoutMs);
      this.open.set(queryId, settle);
    });
  }

  answer(queryId: string, answer: Exclude<PreCheckoutAnswer, "timeout">): void {
    const settle = this.open.get(queryId);
    if (settle === undefined) throw badRequest(QUERY_TOO_OLD);
    settle(answer);
  }
}
