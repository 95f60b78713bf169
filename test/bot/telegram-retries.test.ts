import { HttpError, GrammyError } from "grammy";
import { describe, expect, it } from "vitest";
import { retryNetworkErrors } from "../../src/bot/telegram-retries.js";

type Prev = Parameters<ReturnType<typeof retryNetworkErrors>>[0];
type ApiSignal = Parameters<ReturnType<typeof retryNetworkErrors>>[3];
const message = { chat_id: 1, text: "hi" };

/** A Bot API call that throws these errors in turn, then answers ok; counts the attempts. */
function flakyCall(errors: unknown[]) {
  const attempts: number[] = [];
  const prev = (async () => {
    attempts.push(Date.now());
    const error = errors.shift();
    if (error !== undefined) throw error;
    return { ok: true, result: true };
  }) as unknown as Prev;
  return { prev, attempts };
}

const networkError = () => new HttpError("Network request for 'sendMessage' failed!", new Error("ECONNRESET"));

describe("retryNetworkErrors", () => {
  it("retries a call whose connection failed, and answers with the call that got through", async () => {
    const { prev, attempts } = flakyCall([networkError(), networkError()]);
    const result = await retryNetworkErrors([10, 10, 10])(prev, "sendMessage", message);
    expect(result).toEqual({ ok: true, result: true });
    expect(attempts).toHaveLength(3);
  });

  it("gives up after its last pause instead of retrying forever", async () => {
    const { prev, attempts } = flakyCall(Array.from({ length: 10 }, networkError));
    await expect(retryNetworkErrors([10, 20])(prev, "sendMessage", message)).rejects.toBeInstanceOf(HttpError);
    expect(attempts).toHaveLength(3);
    expect(attempts[2]! - attempts[1]!).toBeGreaterThanOrEqual(15);
  });

  it("does not retry what Telegram answered (a GrammyError) or anything else", async () => {
    const refused = new GrammyError("Call to 'sendMessage' failed!", { ok: false, error_code: 400, description: "Bad Request" }, "sendMessage", {});
    const first = flakyCall([refused]);
    await expect(retryNetworkErrors([10])(first.prev, "sendMessage", message)).rejects.toBe(refused);
    expect(first.attempts).toHaveLength(1);
    const bug = new TypeError("not a network error");
    const second = flakyCall([bug]);
    await expect(retryNetworkErrors([10])(second.prev, "sendMessage", message)).rejects.toBe(bug);
    expect(second.attempts).toHaveLength(1);
  });

  it("stops retrying once the caller aborted (shutdown of a long poll)", async () => {
    const controller = new AbortController();
    const { prev, attempts } = flakyCall([networkError(), networkError()]);
    const started = Date.now();
    const call = retryNetworkErrors([5000, 5000])(prev, "getUpdates", {}, controller.signal as unknown as ApiSignal);
    setTimeout(() => controller.abort(), 20);
    await expect(call).rejects.toBeInstanceOf(HttpError);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(attempts).toHaveLength(2);
  });
});
