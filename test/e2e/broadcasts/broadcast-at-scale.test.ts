import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { App } from "../../../src/app.js";
import { users } from "../../../src/db/schema/index.js";
import { summaryText } from "../../../src/domain/broadcasts/progress-view.js";
import { recipientCounts } from "../../../src/domain/broadcasts/recipients.js";
import { startTelegramEmulator, type ApiCallRecord } from "../../../src/sandbox/telegram-emulator/index.js";
import { plainText } from "../../support/plain-text.js";
import { TEST_TARGETS, uniquePrefix } from "../../support/targets.js";
import { sleep, waitUntil } from "../../support/wait.js";
import {
  BROADCAST_ADMIN,
  broadcastCopies,
  broadcastRow,
  busiestSecond,
  durableDatabase,
  emulatedBot,
  recipientStatuses,
  seedRecipients,
  startApp,
  startBroadcastThroughTheBot,
  waitForStatus,
} from "./broadcast-harness.js";

const RECIPIENTS = 2000;
const RATE = 200;
const FIRST_ID = 8_000_000;

const BLOCKED = { error_code: 403, description: "Forbidden: bot was blocked by the user" };
const FLOOD = { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } };

/**
 * Telegram's side, injected as the copies go out: 5 % of the recipients turn out to have blocked the
 * bot (the bot did not know), and three 429s arrive along the way. Thresholds are successful copies.
 */
const INJECTIONS = [
  { afterSent: 100, blocked: 20, flood: true },
  { afterSent: 450, blocked: 20, flood: true },
  { afterSent: 800, blocked: 20, flood: false },
  { afterSent: 1250, blocked: 20, flood: true },
  { afterSent: 1550, blocked: 20, flood: false },
];
/** The first worker is stopped after this many successful copies; a new one continues on the same database. */
const KILL_AFTER = 1000;

describe.each(TEST_TARGETS)("a broadcast to 2,000 users on $name", (target) => {
  it("reaches every reachable user exactly once at the configured rate, through 429s, blocked users and a restart", async () => {
    const emulator = await startTelegramEmulator();
    const tg = emulatedBot(emulator);
    const database = await durableDatabase(target);
    const options = { env: { ...database.env, BROADCAST_RATE_PER_SECOND: String(RATE) }, kvPrefix: uniquePrefix() };
    let first: App | undefined = await startApp(target, emulator, options);
    let second: App | undefined;
    let monitoring = true;
    try {
      const ids = await seedRecipients(first, tg, FIRST_ID, RECIPIENTS);
      const admin = tg.user({ id: BROADCAST_ADMIN, first_name: "Ada", language_code: "en" });
      const callsBefore = tg.calls.length;
      const broadcastId = await startBroadcastThroughTheBot(tg, admin, () => admin.sendText("Big <b>news</b>!"));
      expect((await broadcastRow(first, broadcastId)).total).toBe(RECIPIENTS);

      // Telegram's side: inject blocks and floods as the sends progress.
      const delivered = () => broadcastCopies(tg, callsBefore).filter((c) => c.ok).length;
      const monitor = (async () => {
        const pending = [...INJECTIONS];
        while (monitoring && pending.length > 0) {
          if (delivered() >= pending[0]!.afterSent) {
            const step = pending.shift()!;
            tg.failNext("copyMessage", BLOCKED, step.blocked);
            if (step.flood) tg.failNext("copyMessage", FLOOD, 1);
          }
          await sleep(20);
        }
      })();

      // Generous: on a busy two-core machine the embedded database alone manages ~100 sends a second.
      await waitUntil(() => delivered() >= KILL_AFTER, "half of the broadcast is sent", 60_000);
      await first.stop();
      first = undefined;
      const sentByFirst = delivered();
      expect(sentByFirst).toBeLessThan(RECIPIENTS);

      second = await startApp(target, emulator, options);
      await waitForStatus(second, broadcastId, "completed", 90_000);
      const summary = await waitSummary(tg, callsBefore);
      monitoring = false;
      await monitor;

      const copies = broadcastCopies(tg, callsBefore);
      const blockedChats = new Set(copies.filter((c) => c.error?.error_code === 403).map((c) => Number(c.payload.chat_id)));
      expect(blockedChats.size).toBe(RECIPIENTS * 0.05);

      // Every reachable user got exactly one message, the blocked ones none.
      const okPerChat = new Map<number, number>();
      for (const c of copies.filter((c) => c.ok)) okPerChat.set(Number(c.payload.chat_id), (okPerChat.get(Number(c.payload.chat_id)) ?? 0) + 1);
      for (const id of ids) {
        const expected = blockedChats.has(id) ? 0 : 1;
        expect(okPerChat.get(id) ?? 0, `copies to ${id}`).toBe(expected);
        expect(tg.chat(id).messages.filter((m) => m.from === "bot").length, `messages in chat ${id}`).toBe(expected);
      }
      expect(tg.chat(ids[0]!).messages.find((m) => m.from === "bot")?.text).toBe("Big <b>news</b>!");

      // Blocked users are marked unreachable in the database and in the broadcast.
      const statuses = await recipientStatuses(second, broadcastId);
      const marked = await second.database.db.select({ telegramId: users.telegramId, blockedAt: users.blockedAt }).from(users).where(inArray(users.telegramId, [...blockedChats]));
      expect(marked.every((u) => u.blockedAt !== null)).toBe(true);
      for (const id of ids) expect(statuses.get(id), `status of ${id}`).toBe(blockedChats.has(id) ? "blocked" : "sent");
      const counts = await recipientCounts(second.database.db, broadcastId);
      expect(counts).toMatchObject({ sent: 1900, blocked: 100, failed: 0, skipped: 0, pending: 0, sending: 0, total: RECIPIENTS });

      // In no second did Telegram receive more than the configured rate of broadcast traffic.
      const progressEdits = tg.calls.slice(callsBefore).filter((c) => c.method === "editMessageText" && Number(c.payload.chat_id) === BROADCAST_ADMIN);
      expect(busiestSecond([...copies, ...progressEdits])).toBeLessThanOrEqual(RATE);
      // A 429 paused every worker for retry_after (1 s): right after it, Telegram saw a silence of most of
      // a second. Sends let go before the worker learnt of the 429 may still arrive just after it, later
      // on a busy machine; without the pause, no gap at this rate exceeds a quarter of a second.
      const floods = copies.filter((c) => c.error?.error_code === 429);
      expect(floods).toHaveLength(INJECTIONS.filter((i) => i.flood).length);
      for (const flood of floods) {
        const around = copies.filter((c) => c.at >= flood.at && c.at < flood.at + 2500).map((c) => c.at);
        const gaps = around.slice(1).map((at, i) => at - around[i]!);
        expect(Math.max(...gaps), `the longest silence after the 429 at ${flood.at}`).toBeGreaterThanOrEqual(600);
        expect(around.some((at) => at >= flood.at + 1000), "sending resumed after the pause").toBe(true);
      }

      // The progress message moved forward every few seconds and ends at 100 % with the right counts.
      const percents = progressEdits.map((c) => Number(/(\d+) %/.exec(plainText(String(c.payload.text)))?.[1] ?? -1));
      expect(percents.length).toBeGreaterThanOrEqual(3);
      expect(percents).toEqual([...percents].sort((a, b) => a - b));
      const last = plainText(String(progressEdits.at(-1)!.payload.text));
      expect(last).toContain("▓▓▓▓▓▓▓▓▓▓ 100 %");
      expect(last).toContain("Sent: 1,900");
      expect(last).toContain("Blocked the bot: 100");

      // One summary, to the admin who started it, with the final numbers.
      const row = await broadcastRow(second, broadcastId);
      const t = (key: string, vars?: Record<string, string | number>) => second!.translator.t("en", key, vars);
      expect(plainText(String(summary.payload.text))).toBe(plainText(summaryText(t, row, counts)));
      await sleep(1500);
      expect(tg.calls.slice(callsBefore).filter((c) => c.method === "sendMessage" && String(c.payload.text).includes("🏁"))).toHaveLength(1);
    } finally {
      monitoring = false;
      await first?.stop();
      await second?.stop();
      await emulator.stop();
      await database.drop();
    }
  }, 240_000);
});

async function waitSummary(tg: ReturnType<typeof emulatedBot>, since: number): Promise<ApiCallRecord> {
  let found: ApiCallRecord | undefined;
  await waitUntil(
    () => {
      found = tg.calls.slice(since).find((c) => c.method === "sendMessage" && c.ok && Number(c.payload.chat_id) === BROADCAST_ADMIN && String(c.payload.text).includes("🏁"));
      return found !== undefined;
    },
    "the summary reached the admin",
    10_000,
  );
  return found!;
}
