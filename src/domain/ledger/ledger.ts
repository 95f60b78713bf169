import { and, eq, gte, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { ledgerEntries, users, type LedgerEntryRow } from "../../db/schema/index.js";
import type { LedgerKind } from "./ledger-kinds.js";

/**
 * One business event that changes a balance. The idempotency key names the event (e.g.
 * "purchase:<charge id>", "refund:<generation id>"): posting the same key again changes nothing.
 */
export interface Posting {
  /** users.id (our key), not the Telegram id. */
  userId: number;
  /** Whole credits, positive; the operation decides the sign. */
  amount: number;
  kind: LedgerKind;
  /** What the change is about, shown to admins and used to find the entry again. */
  reference: string;
  idempotencyKey: string;
  /** Free text for people, e.g. an admin's reason. */
  note?: string | undefined;
}

export type LedgerEntry = LedgerEntryRow;

/** A credit always succeeds; `applied` is false when the key had been posted before. */
export interface CreditResult {
  applied: boolean;
  entry: LedgerEntry;
  /** The balance right after this entry (for a repeated key: after the original posting). */
  balanceAfter: number;
}

export type DebitResult =
  | { ok: true; applied: boolean; entry: LedgerEntry; balanceAfter: number }
  | { ok: false; reason: "insufficient_funds"; balance: number };

/** A capped debit: takes what is there up to the amount; the rest is the shortfall. */
export interface CappedDebitResult {
  applied: boolean;
  entry: LedgerEntry;
  balanceAfter: number;
  deducted: number;
  shortfall: number;
}

/** A key reused for a different event: a programming error that must not be papered over. */
export class IdempotencyKeyConflictError extends Error {
  constructor(key: string, existing: LedgerEntry, posting: Posting) {
    super(
      `idempotency key "${key}" was used for ${existing.kind} of user ${existing.userId}` +
        ` and now for ${posting.kind} of user ${posting.userId}`,
    );
    this.name = "IdempotencyKeyConflictError";
  }
}

/** Posting for a user id that does not exist: a caller bug, never a user's mistake. */
export class UnknownLedgerUserError extends Error {
  constructor(userId: number) {
    super(`no user with id ${userId}`);
    this.name = "UnknownLedgerUserError";
  }
}

/**
 * Adds credits. Runs inside the caller's transaction (or its own when given the database), so a
 * purchase, bonus or refund commits together with whatever else the caller writes.
 */
export async function credit(tx: Executor, posting: Posting): Promise<CreditResult> {
  assertAmount(posting.amount);
  const existing = await findPosted(tx, posting);
  if (existing) return { applied: false, entry: existing, balanceAfter: existing.balanceAfter };
  const outcome = await applyOnce(tx, posting, async (sp) => {
    const rows = await sp
      .update(users)
      .set({ balance: sql`${users.balance} + ${posting.amount}` })
      .where(eq(users.id, posting.userId))
      .returning({ balance: users.balance });
    if (!rows[0]) throw new UnknownLedgerUserError(posting.userId);
    return { delta: posting.amount, balanceAfter: rows[0].balance };
  });
  if (outcome === "no_change") throw new Error("a credit cannot be refused");
  return { applied: outcome.applied, entry: outcome.entry, balanceAfter: outcome.entry.balanceAfter };
}

/**
 * Takes credits if the balance covers them, in one conditional UPDATE (no read-then-write): zero rows
 * updated means insufficient funds, and nothing is written.
 */
export async function debit(tx: Executor, posting: Posting): Promise<DebitResult> {
  assertAmount(posting.amount);
  const existing = await findPosted(tx, posting);
  if (existing) return { ok: true, applied: false, entry: existing, balanceAfter: existing.balanceAfter };
  const outcome = await applyOnce(tx, posting, async (sp) => {
    const rows = await sp
      .update(users)
      .set({ balance: sql`${users.balance} - ${posting.amount}` })
      .where(and(eq(users.id, posting.userId), gte(users.balance, posting.amount)))
      .returning({ balance: users.balance });
    return rows[0] ? { delta: -posting.amount, balanceAfter: rows[0].balance } : undefined;
  });
  if (outcome !== "no_change") {
    return { ok: true, applied: outcome.applied, entry: outcome.entry, balanceAfter: outcome.entry.balanceAfter };
  }
  // Refused: either the money is not there, or a concurrent duplicate of this very key won meanwhile.
  const raced = await findPosted(tx, posting);
  if (raced) return { ok: true, applied: false, entry: raced, balanceAfter: raced.balanceAfter };
  return { ok: false, reason: "insufficient_funds", balance: await getBalance(tx, posting.userId) };
}

/**
 * Takes back up to `amount` credits, never below zero: for reversing a purchase whose Stars were
 * refunded after the user spent part of the credits. The entry is written even when nothing is left
 * to take, so the reversal shows in the history and is not attempted again.
 */
export async function debitAtMost(tx: Executor, posting: Posting): Promise<CappedDebitResult> {
  assertAmount(posting.amount);
  const summary = (applied: boolean, entry: LedgerEntry): CappedDebitResult => ({
    applied,
    entry,
    balanceAfter: entry.balanceAfter,
    deducted: Math.abs(entry.delta),
    shortfall: posting.amount + entry.delta,
  });
  const existing = await findPosted(tx, posting);
  if (existing) return summary(false, existing);
  const outcome = await applyOnce(tx, posting, async (sp) => {
    // The row lock makes the read and the write below one step for every other writer of this balance.
    const locked = await sp
      .select({ balance: users.balance })
      .from(users)
      .where(eq(users.id, posting.userId))
      .for("update");
    if (!locked[0]) throw new UnknownLedgerUserError(posting.userId);
    const deducted = Math.min(locked[0].balance, posting.amount);
    const rows = await sp
      .update(users)
      .set({ balance: sql`${users.balance} - ${deducted}` })
      .where(and(eq(users.id, posting.userId), gte(users.balance, deducted)))
      .returning({ balance: users.balance });
    if (!rows[0]) throw new Error(`balance of user ${posting.userId} changed under a row lock`);
    return { delta: deducted === 0 ? 0 : -deducted, balanceAfter: rows[0].balance };
  });
  if (outcome === "no_change") throw new Error("a capped debit cannot be refused");
  return summary(outcome.applied, outcome.entry);
}

/** The current balance; 0 for a user without one is impossible, so a missing user throws. */
export async function getBalance(db: Executor, userId: number): Promise<number> {
  const rows = await db.select({ balance: users.balance }).from(users).where(eq(users.id, userId)).limit(1);
  if (!rows[0]) throw new UnknownLedgerUserError(userId);
  return rows[0].balance;
}

/** A page of the user's ledger, newest first (the history screen). */
export async function listEntries(
  db: Executor,
  userId: number,
  page: { limit: number; offset: number },
): Promise<{ entries: LedgerEntry[]; total: number }> {
  const [entries, counted] = await Promise.all([
    db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.userId, userId))
      .orderBy(sql`${ledgerEntries.id} desc`)
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(ledgerEntries).where(eq(ledgerEntries.userId, userId)),
  ]);
  return { entries, total: counted[0]?.total ?? 0 };
}

/** The entry already posted under this key, if any (checked against the posting it should match). */
async function findPosted(tx: Executor, posting: Posting): Promise<LedgerEntry | undefined> {
  const rows = await tx.select().from(ledgerEntries).where(eq(ledgerEntries.idempotencyKey, posting.idempotencyKey)).limit(1);
  const existing = rows[0];
  if (existing && (existing.userId !== posting.userId || existing.kind !== posting.kind)) {
    throw new IdempotencyKeyConflictError(posting.idempotencyKey, existing, posting);
  }
  return existing;
}

type SavepointTx = Parameters<Parameters<Executor["transaction"]>[0]>[0];

/** Thrown inside the savepoint to undo its balance change when the key turned out to be taken. */
class AlreadyPosted extends Error {}

/**
 * Changes the balance and writes the entry inside a savepoint. If a concurrent duplicate of the same
 * key committed first, the unique index refuses our entry and the savepoint undoes our balance change:
 * the index, not the pre-check, is what guarantees once.
 */
async function applyOnce(
  tx: Executor,
  posting: Posting,
  change: (sp: SavepointTx) => Promise<{ delta: number; balanceAfter: number } | undefined>,
): Promise<{ applied: boolean; entry: LedgerEntry } | "no_change"> {
  try {
    const entry = await tx.transaction(async (sp) => {
      const changed = await change(sp);
      if (!changed) return undefined;
      const inserted = await sp
        .insert(ledgerEntries)
        .values({
          userId: posting.userId,
          delta: changed.delta,
          balanceAfter: changed.balanceAfter,
          kind: posting.kind,
          reference: posting.reference,
          note: posting.note ?? null,
          idempotencyKey: posting.idempotencyKey,
        })
        .onConflictDoNothing({ target: ledgerEntries.idempotencyKey })
        .returning();
      if (!inserted[0]) throw new AlreadyPosted();
      return inserted[0];
    });
    return entry ? { applied: true, entry } : "no_change";
  } catch (error) {
    if (!(error instanceof AlreadyPosted)) throw error;
    const existing = await findPosted(tx, posting);
    if (!existing) throw new Error(`ledger key "${posting.idempotencyKey}" conflicted but no entry has it`);
    return { applied: false, entry: existing };
  }
}

function assertAmount(amount: number): void {
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new RangeError(`a posting amount must be a positive whole number, got ${amount}`);
  }
}
