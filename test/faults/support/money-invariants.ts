import { sql } from "drizzle-orm";
import type { StarTransaction } from "grammy/types";
import type { Database } from "../../../src/db/client.js";
import { ACTIVE_STATUSES } from "../../../src/domain/generation/generation-status.js";
import { LEDGER_KINDS } from "../../../src/domain/ledger/ledger-kinds.js";

/** What one check looked at, for the figures in docs/reliability.md. */
export interface InvariantReport {
  /** Every broken rule, one line each; empty when the money is right. */
  violations: string[];
  users: number;
  generations: number;
  payments: number;
}

export interface InvariantOptions {
  /**
   * True once traffic stopped and the system had time to recover: then no generation may still be in
   * flight, and every Stars charge Telegram made must be recorded (after reconciliation).
   */
  settled?: boolean;
  /** Telegram's side of the Stars ledger (the emulator's), to prove every paid charge was recorded once. */
  starTransactions?: readonly StarTransaction[];
}

/**
 * The money rules of design §3 and §4, checked on the database as a whole:
 * - every balance equals the sum of its ledger and is never negative;
 * - no generation (or image tool run, which is a generation row too) is charged twice or refunded twice;
 * - every failed generation that was charged is refunded exactly once, and a delivered one never;
 * - every recorded Stars charge credited its purchase at most once;
 * - settled: nothing is still in flight, and every charge Telegram made is recorded exactly once.
 */
export async function checkMoneyInvariants(db: Database, options: InvariantOptions = {}): Promise<InvariantReport> {
  const violations: string[] = [];
  // Both drivers (node-postgres, PGlite) answer raw queries with `{ rows }`.
  const rows = async <T>(query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as { rows: T[] }).rows;

  const balances = await rows<{ id: number; balance: number; sum: string }>(sql`
    select u.id, u.balance, coalesce(sum(l.delta), 0) as sum
    from users u left join ledger_entries l on l.user_id = u.id
    group by u.id`);
  for (const b of balances) {
    if (Number(b.balance) !== Number(b.sum)) violations.push(`user ${b.id}: balance ${b.balance} but ledger sums to ${b.sum}`);
    if (Number(b.balance) < 0) violations.push(`user ${b.id}: negative balance ${b.balance}`);
  }

  const doubled = await rows<{ kind: string; reference: string; n: number }>(sql`
    select kind, reference, count(*)::int as n from ledger_entries
    where kind in (${LEDGER_KINDS.generationCharge}, ${LEDGER_KINDS.generationRefund}, ${LEDGER_KINDS.toolCharge}, ${LEDGER_KINDS.toolRefund}, ${LEDGER_KINDS.purchase}, ${LEDGER_KINDS.paymentRefund})
      and (reference like 'generation:%' or reference like 'star_payment:%')
    group by kind, reference having count(*) > 1`);
  for (const d of doubled) violations.push(`${d.kind} ${d.reference} was posted ${d.n} times`);

  const generations = await rows<{ id: number; status: string; paid_with_trial: boolean; refunded_at: Date | null; charges: number; refunds: number }>(sql`
    select g.id, g.status, g.paid_with_trial, g.refunded_at,
      (select count(*)::int from ledger_entries l where l.reference = 'generation:' || g.public_id and l.kind in (${LEDGER_KINDS.generationCharge}, ${LEDGER_KINDS.toolCharge})) as charges,
      (select count(*)::int from ledger_entries l where l.reference = 'generation:' || g.public_id and l.kind in (${LEDGER_KINDS.generationRefund}, ${LEDGER_KINDS.toolRefund})) as refunds
    from generations g`);
  for (const g of generations) {
    const charged = !g.paid_with_trial;
    if (charged && g.charges !== 1) violations.push(`generation ${g.id} (${g.status}) has ${g.charges} charges`);
    if (g.status === "failed" && charged && g.refunds !== 1) violations.push(`failed generation ${g.id} has ${g.refunds} refunds`);
    if (g.status === "failed" && g.refunded_at === null) violations.push(`failed generation ${g.id} is not marked refunded`);
    if (g.status === "delivered" && g.refunds !== 0) violations.push(`delivered generation ${g.id} was refunded`);
    if (options.settled && (ACTIVE_STATUSES as readonly string[]).includes(g.status)) violations.push(`generation ${g.id} is still ${g.status}`);
  }

  const payments = await rows<{ charge_id: string; status: string; credits: number; purchases: number }>(sql`
    select p.charge_id, p.status, p.credits,
      (select count(*)::int from ledger_entries l where l.reference = 'star_payment:' || p.charge_id and l.kind = ${LEDGER_KINDS.purchase}) as purchases
    from star_payments p`);
  for (const p of payments) {
    const shouldCredit = p.status !== "unmatched" && p.credits > 0;
    if (shouldCredit && p.purchases !== 1) violations.push(`payment ${p.charge_id} (${p.status}) credited ${p.purchases} times`);
    if (!shouldCredit && p.purchases !== 0) violations.push(`unmatched payment ${p.charge_id} credited ${p.purchases} times`);
  }
  if (options.settled && options.starTransactions) {
    const recorded = new Set(payments.map((p) => p.charge_id));
    for (const tx of options.starTransactions) {
      const paid = tx.source?.type === "user" && tx.source.transaction_type === "invoice_payment";
      if (paid && !recorded.has(tx.id)) violations.push(`Stars charge ${tx.id} (${tx.amount} ⭐) was never recorded`);
    }
  }
  return { violations, users: balances.length, generations: generations.length, payments: payments.length };
}
