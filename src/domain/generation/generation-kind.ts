import type { ModelKind } from "../catalog/catalog-model.js";
import { LEDGER_KINDS, type LedgerKind } from "../ledger/ledger-kinds.js";

/**
 * The mode stored on a tool run's generation row: tools have no text-to-image/edit distinction, and the
 * worker builds their provider request from this (src/jobs/generation/provider-request.ts).
 */
export const TOOL_RUN_MODE = "tool";

/** generations.kind read back; anything unknown is treated as a generation, the older meaning. */
export function kindOf(row: { kind: string }): ModelKind {
  return row.kind === "tool" ? "tool" : "generation";
}

/**
 * The ledger kind of a run's charge. Statistics report generations and tools apart by these, so the
 * charge and the refund code take the kind from the row rather than each having a copy per kind.
 */
export function chargeLedgerKind(kind: ModelKind): LedgerKind {
  return kind === "tool" ? LEDGER_KINDS.toolCharge : LEDGER_KINDS.generationCharge;
}

/** The ledger kind of a failed run's refund. */
export function refundLedgerKind(kind: ModelKind): LedgerKind {
  return kind === "tool" ? LEDGER_KINDS.toolRefund : LEDGER_KINDS.generationRefund;
}
