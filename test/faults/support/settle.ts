import type { Database } from "../../../src/db/client.js";
import type { EmulatedBot } from "../../../src/sandbox/telegram-emulator/index.js";
import { checkMoneyInvariants, type InvariantReport } from "./money-invariants.js";

export interface SettleOptions {
  db: Database;
  bot: EmulatedBot;
  /**
   * Asks the system to catch up now instead of at its next scheduled run (payment reconciliation every
   * 5 minutes, the generation sweeper every minute): what those schedules would do, sooner.
   */
  nudge(): Promise<void>;
  timeoutMs: number;
}

/**
 * After the faults stopped: nudges recovery and checks the money until every invariant holds with
 * nothing in flight, or the time is up. Returns the last report (with its violations, if any).
 */
export async function settleAndCheck(options: SettleOptions): Promise<InvariantReport & { checks: number }> {
  const deadline = Date.now() + options.timeoutMs;
  let checks = 0;
  let lastNudge = 0;
  for (;;) {
    if (Date.now() - lastNudge > 3000) {
      lastNudge = Date.now();
      await options.nudge().catch(() => undefined);
    }
    const report = await checkMoneyInvariants(options.db, { settled: true, starTransactions: options.bot.starTransactions });
    checks++;
    if (report.violations.length === 0 || Date.now() > deadline) return { ...report, checks };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
