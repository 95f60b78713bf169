import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generations, ledgerEntries, users, type StoredReference } from "../../../src/db/schema/index.js";
import { SEED_MODELS, type CatalogModel } from "../../../src/domain/catalog/index.js";
import { openDraft } from "../../../src/domain/generation/draft-repository.js";
import { failGeneration } from "../../../src/domain/generation/fail-generation.js";
import { startGeneration, type StartGenerationDeps } from "../../../src/domain/generation/start-generation.js";
import { credit } from "../../../src/domain/ledger/ledger.js";
import { LEDGER_KINDS } from "../../../src/domain/ledger/ledger-kinds.js";
import { SEED_TOOLS } from "../../../src/domain/tools/index.js";
import { TEST_TARGETS } from "../../support/targets.js";
import { openMoneyDatabase, type MoneyDatabase } from "../database-fixture.js";

const CATALOG: readonly CatalogModel[] = [...SEED_MODELS, ...SEED_TOOLS];
const photo = (n: number): StoredReference => ({ fileId: `file-${n}`, fileUniqueId: `unique-${n}`, kind: "photo" });

describe.each(TEST_TARGETS)("starting an image tool run on $name", (target) => {
  let money: MoneyDatabase;
  let enqueued: number[];
  let deps: StartGenerationDeps;
  beforeAll(async () => {
    money = await openMoneyDatabase(target);
    deps = {
      db: money.db,
      findModel: async (key) => CATALOG.find((model) => model.key === key),
      pricing: () => ({ creditsPerUsd: 1000, markupPercent: 0, markupCredits: 40 }),
      // A free generation is left, to prove a tool never spends it.
      limits: { trialGenerations: 1, maxParallel: 5 },
      deadlineSeconds: 600,
      enqueueSubmit: async (_tx, id) => {
        enqueued.push(id);
      },
    };
  });
  afterAll(() => money?.close());

  async function userWithPicture(credits: number, references = [photo(1)]) {
    const userId = await money.createUser();
    if (credits > 0) await credit(money.db, { userId, amount: credits, kind: LEDGER_KINDS.purchase, reference: "test", idempotencyKey: `tool-test:${userId}` });
    const { draft } = await openDraft(money.db, { userId, chatId: 1, prompt: null, references, promptMessageId: 7, modelKey: "seedream-v4", params: {} });
    enqueued = [];
    return { userId, draftId: draft.id };
  }

  it("charges the tool's price as tool_charge (never the free generation) and writes a tool row with no prompt", async () => {
    const { userId, draftId } = await userWithPicture(100);
    const result = await startGeneration(deps, { userId, draftId, expectedPrice: 60, source: "bot", tool: { key: "upscale", params: { target_resolution: "8k" } } });
    expect(result.ok).toBe(true);
    const [row] = await money.db.select().from(generations).where(eq(generations.userId, userId));
    expect(row).toMatchObject({
      kind: "tool",
      mode: "tool",
      modelKey: "upscale",
      providerModelId: "wavespeed-ai/ultimate-image-upscaler",
      prompt: "",
      params: { target_resolution: "8k", output_format: "png" },
      priceCredits: 60,
      paidWithTrial: false,
      references: [photo(1)],
    });
    expect(enqueued).toEqual([row!.id]);
    const entries = await money.db.select().from(ledgerEntries).where(eq(ledgerEntries.userId, userId));
    expect(entries.map((e) => [e.kind, e.delta])).toEqual([
      ["purchase", 100],
      ["tool_charge", -60],
    ]);
    const [user] = await money.db.select({ trialUsed: users.trialUsed }).from(users).where(eq(users.id, userId));
    expect(user?.trialUsed).toBe(0);

    // A terminal failure gives it back once, as tool_refund.
    const failed = await failGeneration(money.db, row!.id, "provider_failed", "test");
    expect(failed?.refundedCredits).toBe(60);
    expect(await failGeneration(money.db, row!.id, "provider_failed", "again")).toBeUndefined();
    const after = await money.db.select().from(ledgerEntries).where(eq(ledgerEntries.userId, userId));
    expect(after.filter((e) => e.kind === LEDGER_KINDS.toolRefund).map((e) => e.delta)).toEqual([60]);
    expect(after.filter((e) => e.kind === LEDGER_KINDS.generationRefund)).toEqual([]);
    expect(await money.invariantViolations()).toEqual([]);
  });

  it("refuses without charging: a second press, a changed price, an option the tool lacks, two pictures, a model as a tool", async () => {
    const { userId, draftId } = await userWithPicture(1000);
    const start = (tool: { key: string; params: Record<string, string> }, expectedPrice: number, id = draftId) =>
      startGeneration(deps, { userId, draftId: id, expectedPrice, source: "bot", tool });

    expect(await start({ key: "denoise", params: {} }, 25)).toMatchObject({ ok: false, reason: "price_changed", price: 20 });
    expect(await start({ key: "denoise", params: { model: "Gentle" } }, 20)).toMatchObject({ ok: false, reason: "invalid_parameters" });
    expect(await start({ key: "nano-banana", params: {} }, 78)).toMatchObject({ ok: false, reason: "model_unavailable" });
    expect((await start({ key: "denoise", params: { model: "Strong" } }, 20)).ok).toBe(true);
    expect(await start({ key: "denoise", params: { model: "Strong" } }, 20)).toMatchObject({ ok: false, reason: "draft_gone" });

    const album = await userWithPicture(1000, [photo(2), photo(3)]);
    expect(await startGeneration(deps, { ...album, expectedPrice: 12, source: "bot", tool: { key: "watermark", params: {} } })).toMatchObject({
      ok: false,
      reason: "invalid_parameters",
    });
    const poor = await userWithPicture(10);
    expect(await startGeneration(deps, { ...poor, expectedPrice: 12, source: "bot", tool: { key: "watermark", params: {} } })).toMatchObject({
      ok: false,
      reason: "insufficient_funds",
      price: 12,
      balance: 10,
    });
    const rows = await money.db.select().from(generations).where(eq(generations.userId, userId));
    expect(rows).toHaveLength(1);
    expect(await money.invariantViolations()).toEqual([]);
  });

  it("never runs a tool as a generation: a draft whose model key names a tool is refused", async () => {
    const userId = await money.createUser();
    const { draft } = await openDraft(money.db, { userId, chatId: 1, prompt: "a cat", references: [photo(4)], promptMessageId: 7, modelKey: "upscale", params: {} });
    expect(await startGeneration(deps, { userId, draftId: draft.id, expectedPrice: 0, source: "miniapp" })).toMatchObject({ ok: false, reason: "model_unavailable" });
  });
});
