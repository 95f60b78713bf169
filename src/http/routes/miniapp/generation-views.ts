import type { GenerationRow } from "../../../db/schema/index.js";
import { kindOf, TOOL_RUN_MODE } from "../../../domain/generation/generation-kind.js";
import { toolEmoji } from "../../../domain/tools/index.js";
import type { FileView, GenerationPhase, GenerationView, ToolRunView } from "./api-types.js";
import type { SignedTokens } from "./signed-tokens.js";

/** Where the Mini App fetches files; see file-routes.ts. */
export const FILES_PATH = "/api/miniapp/files";

const PHASES: Record<string, GenerationPhase> = {
  queued: "queued",
  uploading: "queued",
  submitting: "queued",
  submitted: "processing",
  // The provider is done but the file is still on its way to the chat; the app has nothing to show yet.
  completed: "processing",
  delivered: "done",
  failed: "failed",
};

/** Every tool run's output format is fixed (PNG): not a choice the user made, so not shown. */
const FIXED_TOOL_PARAMS: ReadonlySet<string> = new Set(["output_format"]);

function toolRun(row: GenerationRow): ToolRunView {
  return {
    key: row.modelKey,
    emoji: toolEmoji({ key: row.modelKey }),
    options: Object.entries(row.params).flatMap(([name, value]) => (FIXED_TOOL_PARAMS.has(name) ? [] : [value])),
  };
}

/** Maps rows to what the app shows, with file URLs signed for this user. */
export class GenerationViews {
  constructor(
    private readonly tokens: SignedTokens,
    /** Display names by model key (the catalog, disabled models included). */
    private readonly modelNames: () => Promise<ReadonlyMap<string, string>>,
  ) {}

  async many(rows: readonly GenerationRow[], telegramId: number): Promise<GenerationView[]> {
    const names = await this.modelNames();
    return rows.map((row) => this.toView(row, telegramId, names));
  }

  async one(row: GenerationRow, telegramId: number): Promise<GenerationView> {
    return this.toView(row, telegramId, await this.modelNames());
  }

  private toView(row: GenerationRow, telegramId: number, names: ReadonlyMap<string, string>): GenerationView {
    // Downloads are named like the document in the chat: bananapics-<id>[-<n>].<ext>.
    const file = (fileId: string, index: number, count: number): FileView => {
      const base = `${FILES_PATH}/${encodeURIComponent(fileId)}?t=${this.tokens.fileTicket(telegramId, fileId)}`;
      const name = `bananapics-${row.publicId}${count > 1 ? `-${index + 1}` : ""}`;
      return { fileId, url: base, thumbUrl: `${base}&size=thumb`, downloadUrl: `${base}&download=${name}` };
    };
    const kind = kindOf(row);
    return {
      id: row.publicId,
      phase: PHASES[row.status] ?? "queued",
      status: row.status,
      prompt: row.prompt,
      model: { key: row.modelKey, name: names.get(row.modelKey) ?? row.modelKey },
      kind,
      tool: kind === "tool" ? toolRun(row) : null,
      mode: row.mode === "edit" || row.mode === TOOL_RUN_MODE ? (row.mode as "edit" | "tool") : "text_to_image",
      params: row.params,
      price: row.priceCredits,
      paidWithTrial: row.paidWithTrial,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      failure: row.status === "failed" ? { code: row.failureCode ?? "internal", refunded: row.refundedAt !== null } : null,
      results: row.resultFileIds.map((fileId, index, all) => file(fileId, index, all.length)),
      references: row.references.map((reference, index, all) => file(reference.fileId, index, all.length)),
      source: row.source === "miniapp" ? "miniapp" : "bot",
    };
  }
}
