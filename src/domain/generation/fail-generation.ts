import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { generations, users, type GenerationRow } from "../../db/schema/index.js";
import { credit } from "../ledger/ledger.js";
import { kindOf, refundLedgerKind } from "./generation-kind.js";
import { ACTIVE_STATUSES, type FailureCode } from "./generation-status.js";

export interface FailureOutcome {
  generation: GenerationRow;
  /** Credits given back (0 for a trial generation). */
  refundedCredits: number;
  trialReturned: boolean;
}

/**
 * Ends a generation as failed and gives back what it cost — credits, or the trial — exactly once, in
 * one transaction: the status change and `refunded_at` guard each other, and the ledger's idempotency
 * key `refund:generation:<id>` is the last line of defence. A tool run is refunded as `tool_refund`. Returns undefined when the generation was
 * already final (delivered, or failed by someone else): nothing happens twice.
 */
export async function failGeneration(
  db: Database,
  generationId: number,
  code: FailureCode,
  detail?: string,
): Promise<FailureOutcome | undefined> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(generations)
      .set({
        status: "failed",
        failureCode: code,
        failureDetail: detail?.slice(0, 500) ?? null,
        refundedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(generations.id, generationId), sql`${generations.status} in ${[...ACTIVE_STATUSES]}`, isNull(generations.refundedAt)))
      .returning();
    const generation = rows[0];
    if (!generation) return undefined;
    if (generation.paidWithTrial) {
      const returned = await tx
        .update(users)
        .set({ trialUsed: sql`${users.trialUsed} - 1` })
        .where(and(eq(users.id, generation.userId), gt(users.trialUsed, 0)))
        .returning({ id: users.id });
      return { generation, refundedCredits: 0, trialReturned: returned.length > 0 };
    }
    if (generation.priceCredits > 0) {
      await credit(tx, {
        userId: generation.userId,
        amount: generation.priceCredits,
        kind: refundLedgerKind(kindOf(generation)),
        reference: `generation:${generation.publicId}`,
        idempotencyKey: `refund:generation:${generation.id}`,
        note: code,
      });
    }
    return { generation, refundedCredits: generation.priceCredits, trialReturned: false };
  });
}
