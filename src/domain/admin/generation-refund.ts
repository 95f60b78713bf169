import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { generations, type GenerationRow } from "../../db/schema/index.js";
import { kindOf, refundLedgerKind } from "../generation/generation-kind.js";
import { ACTIVE_STATUSES } from "../generation/generation-status.js";
import { credit } from "../ledger/ledger.js";
import { ADMIN_ACTIONS, recordAdminAction } from "./audit-log.js";
import {
  GenerationAlreadyRefundedError,
  GenerationNotFoundError,
  GenerationStillRunningError,
  TrialGenerationRefundError,
} from "./admin-errors.js";

export interface GenerationRefund {
  generation: GenerationRow;
  refundedCredits: number;
  balanceAfter: number;
}

/**
 * Gives a finished generation's credits back by hand (a poor result the user complained about). The
 * credit uses the idempotency key the automatic failure refund uses, `refund:generation:<id>`, and
 * claims `refunded_at` in the same transaction, so an automatic and a manual refund can never both
 * happen. A tool run is refunded as `tool_refund`, like its failure refund. Never for a trial generation (it cost no credits), never while it is still running (its own
 * failure path refunds it if it fails).
 */
export async function refundGenerationByAdmin(
  db: Database,
  request: { adminTelegramId: number; generationId: number },
): Promise<GenerationRefund> {
  return db.transaction(async (tx) => {
    const claimed = await tx
      .update(generations)
      .set({ refundedAt: sql`now()`, updatedAt: sql`now()` })
      .where(
        and(
          eq(generations.id, request.generationId),
          isNull(generations.refundedAt),
          eq(generations.paidWithTrial, false),
          sql`${generations.priceCredits} > 0`,
          sql`${generations.status} not in ${[...ACTIVE_STATUSES]}`,
        ),
      )
      .returning();
    const generation = claimed[0];
    if (!generation) throw await whyNotRefundable(tx, request.generationId);
    const posted = await credit(tx, {
      userId: generation.userId,
      amount: generation.priceCredits,
      // The same kind the automatic failure refund books: statistics tell tool refunds from generation refunds by it.
      kind: refundLedgerKind(kindOf(generation)),
      reference: `generation:${generation.publicId}`,
      idempotencyKey: `refund:generation:${generation.id}`,
      note: `admin:${request.adminTelegramId}`,
    });
    if (!posted.applied) throw new GenerationAlreadyRefundedError(generation.id);
    await recordAdminAction(tx, {
      adminTelegramId: request.adminTelegramId,
      action: ADMIN_ACTIONS.generationRefunded,
      targetUserId: generation.userId,
      target: `generation:${generation.id}`,
      before: { status: generation.status, refunded: false, balance: posted.balanceAfter - generation.priceCredits },
      after: { refunded: true, credits: generation.priceCredits, balance: posted.balanceAfter },
    });
    return { generation, refundedCredits: generation.priceCredits, balanceAfter: posted.balanceAfter };
  });
}

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

async function whyNotRefundable(tx: Tx, generationId: number): Promise<Error> {
  const rows = await tx.select().from(generations).where(eq(generations.id, generationId)).limit(1);
  const row = rows[0];
  if (!row) return new GenerationNotFoundError(generationId);
  if (row.paidWithTrial || row.priceCredits <= 0) return new TrialGenerationRefundError(generationId);
  if (row.refundedAt) return new GenerationAlreadyRefundedError(generationId);
  return new GenerationStillRunningError(generationId);
}
