import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { expect } from "vitest";
import { generations, ledgerEntries, users, type GenerationRow, type StoredReference } from "../../../src/db/schema/index.js";
import { LEDGER_KINDS } from "../../../src/domain/ledger/ledger-kinds.js";
import { credit, debit } from "../../../src/domain/ledger/ledger.js";
import type { FailureCode } from "../../../src/domain/generation/generation-status.js";
import { trustedHtml } from "../../../src/i18n/html.js";
import { enqueueGenerationSubmit } from "../../../src/jobs/generation/enqueue.js";
import { startFakeWavespeed, type FakeWavespeed, type FakeWavespeedOptions } from "../../../src/sandbox/fake-wavespeed/index.js";
import type { EmulatedMessage, TelegramEmulator, UserActor } from "../../../src/sandbox/telegram-emulator/index.js";
import { startBotApp, TEST_BOT_TOKEN, type BotAppHarness } from "../../support/bot-app.js";
import { plainText } from "../../support/plain-text.js";
import type { TestTarget } from "../../support/targets.js";
import { waitUntil } from "../../support/wait.js";

/** The real app (all roles) against the Telegram emulator and a fake Wavespeed of its own. */
export interface GenerationApp {
  h: BotAppHarness;
  fake: FakeWavespeed;
  stop(): Promise<void>;
}

export interface GenerationAppOptions {
  env?: Record<string, string>;
  fake?: FakeWavespeedOptions;
  /** Reuse a fake (a restarted app talking to the same provider). */
  reuseFake?: FakeWavespeed;
  emulator?: TelegramEmulator;
}

/** Same key for every fake, so apps and fakes can be paired freely. */
const FAKE_API_KEY = "fake-wavespeed-key-0123456789";

export async function startGenerationApp(target: TestTarget, options: GenerationAppOptions = {}): Promise<GenerationApp> {
  const fake = options.reuseFake ?? (await startFakeWavespeed({ apiKey: FAKE_API_KEY, latencyMs: 300, ...options.fake }));
  const h = await startBotApp(target, {
    env: {
      WAVESPEED_API_KEY: FAKE_API_KEY,
      WAVESPEED_BASE_URL: fake.baseUrl,
      // Short, so a hanging submit is given up quickly.
      WAVESPEED_TIMEOUT_SECONDS: "2",
      ...options.env,
    },
    ...(options.emulator ? { emulator: options.emulator } : {}),
  });
  return {
    h,
    fake,
    async stop() {
      await h.stop();
      if (!options.reuseFake) await fake.stop();
    },
  };
}

let nextTelegramId = 7_100_000 + Math.floor(Math.random() * 100_000);

export interface TestUser {
  actor: UserActor;
  telegramId: number;
  userId: number;
}

/** A Telegram user who has talked to the bot (so the chat exists) and holds `credits`. */
export async function newUser(h: BotAppHarness, credits = 0): Promise<TestUser> {
  const telegramId = nextTelegramId++;
  const actor = h.bot.user({ id: telegramId, first_name: "Gena", language_code: "en" });
  h.bot.markCalls();
  await actor.sendText("/start");
  await h.bot.waitForBotMessage(telegramId);
  const db = h.app.database.db;
  let userId = 0;
  await waitUntil(async () => {
    const rows = await db.select({ id: users.id }).from(users).where(eq(users.telegramId, telegramId));
    userId = rows[0]?.id ?? 0;
    return userId > 0;
  }, "the user row exists");
  if (credits > 0) {
    await credit(db, { userId, amount: credits, kind: LEDGER_KINDS.purchase, reference: "test", idempotencyKey: `test-credit-${telegramId}` });
  }
  return { actor, telegramId, userId };
}

/** Photos the user sends, as references the way the bot stores them (largest size). */
export async function sendReferences(user: TestUser, count: number): Promise<StoredReference[]> {
  const references: StoredReference[] = [];
  for (let i = 0; i < count; i++) {
    const message = await user.actor.sendPhoto();
    const largest = message.photo?.at(-1);
    if (!largest) throw new Error("the emulator sent no photo sizes");
    references.push({ fileId: largest.file_id, fileUniqueId: largest.file_unique_id, kind: "photo", fileSize: largest.file_size });
  }
  return references;
}

export interface NewGeneration {
  prompt?: string;
  modelKey?: string;
  references?: StoredReference[];
  price?: number;
  trial?: boolean;
  deadlineSeconds?: number;
  /** Whether to send a "queued" status message first (the bot does); default true. */
  statusMessage?: boolean;
  /** False leaves the row without its submit job, as if the job had been lost; default true. */
  enqueue?: boolean;
}

/**
 * What the bot's startGeneration does, without a draft: the user's prompt message, a "queued" status
 * message, then ONE transaction that charges (or uses the trial), inserts the row and enqueues the
 * submit job.
 */
export async function createGeneration(h: BotAppHarness, user: TestUser, spec: NewGeneration = {}): Promise<GenerationRow> {
  const db = h.app.database.db;
  const modelKey = spec.modelKey ?? "nano-banana-pro";
  const model = await h.app.catalog.get(modelKey);
  if (!model) throw new Error(`no model ${modelKey}`);
  const references = spec.references ?? [];
  const mode = references.length > 0 ? "edit" : "text_to_image";
  const prompt = spec.prompt ?? `a banana astronaut ${randomBytes(3).toString("hex")}`;
  const promptMessage = await user.actor.sendText(prompt);
  const api = h.app.bot!.api;
  const status =
    spec.statusMessage === false
      ? undefined
      : await api.sendMessage(user.telegramId, h.app.translator.t("en", "generation-status-queued", { model: model.name }), { parse_mode: "HTML" });
  const price = spec.trial ? 0 : (spec.price ?? 150);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(generations)
      .values({
        userId: user.userId,
        modelKey,
        mode,
        providerModelId: model.providerModelIds[mode],
        prompt,
        params: { resolution: "1k" },
        references,
        priceCredits: price,
        paidWithTrial: spec.trial ?? false,
        chatId: user.telegramId,
        promptMessageId: promptMessage.message_id,
        statusMessageId: status?.message_id ?? null,
        statusShown: status ? "queued" : null,
        deadlineAt: sql`now() + make_interval(secs => ${spec.deadlineSeconds ?? 600})`,
      })
      .returning();
    if (!row) throw new Error("no generation row");
    if (spec.trial) {
      await tx.update(users).set({ trialUsed: sql`${users.trialUsed} + 1` }).where(eq(users.id, user.userId));
    } else {
      const charged = await debit(tx, {
        userId: user.userId,
        amount: price,
        kind: LEDGER_KINDS.generationCharge,
        reference: `generation:${row.publicId}`,
        idempotencyKey: `charge:generation:${row.id}`,
      });
      if (!charged.ok) throw new Error("insufficient funds in the test setup");
    }
    if (spec.enqueue !== false) await enqueueGenerationSubmit(h.app.queue.inTransaction(tx), row.id);
    return row;
  });
}

export async function generationRow(h: BotAppHarness, id: number): Promise<GenerationRow> {
  const [row] = await h.app.database.db.select().from(generations).where(eq(generations.id, id));
  if (!row) throw new Error(`no generation ${id}`);
  return row;
}

/** Waits until the generation is final and its final status was shown to the user. */
export async function settled(h: BotAppHarness, id: number, timeoutMs = 15_000): Promise<GenerationRow> {
  let row: GenerationRow | undefined;
  await waitUntil(
    async () => {
      row = await generationRow(h, id);
      return (row.status === "delivered" && row.statusShown === "done") || (row.status === "failed" && row.statusShown === "failed");
    },
    `generation ${id} is settled and shown`,
    timeoutMs,
  );
  return row!;
}

export async function waitForStatus(h: BotAppHarness, id: number, status: string, timeoutMs = 10_000): Promise<GenerationRow> {
  let row: GenerationRow | undefined;
  await waitUntil(async () => (row = await generationRow(h, id)).status === status, `generation ${id} is ${status}`, timeoutMs);
  return row!;
}

/** Balance, ledger sum and the generation's charge/refund entries, straight from the database. */
export async function moneyOf(h: BotAppHarness, user: TestUser, generationId?: number) {
  const db = h.app.database.db;
  const [row] = await db.select({ balance: users.balance, trialUsed: users.trialUsed }).from(users).where(eq(users.id, user.userId));
  const [sum] = await db
    .select({ sum: sql<string>`coalesce(sum(${ledgerEntries.delta}), 0)` })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.userId, user.userId));
  const count = async (kind: string) =>
    generationId === undefined
      ? 0
      : (
          await db
            .select({ n: sql<number>`count(*)::int` })
            .from(ledgerEntries)
            .where(and(eq(ledgerEntries.userId, user.userId), eq(ledgerEntries.kind, kind), sql`${ledgerEntries.reference} like ${"generation:%"}`))
        )[0]?.n ?? 0;
  return {
    balance: row!.balance,
    ledgerSum: Number(sum?.sum ?? 0),
    trialUsed: row!.trialUsed,
    charges: await count(LEDGER_KINDS.generationCharge),
    refunds: await count(LEDGER_KINDS.generationRefund),
  };
}

/** The status message as the user sees it now. */
export function statusMessage(h: BotAppHarness, row: GenerationRow): EmulatedMessage {
  const message = h.bot.chat(row.chatId).messages.find((m) => m.message_id === row.statusMessageId);
  if (!message) throw new Error(`no status message ${row.statusMessageId}`);
  return message;
}

export function callbackData(message: EmulatedMessage): string[] {
  const markup = message.reply_markup;
  if (!markup || !("inline_keyboard" in markup)) return [];
  return markup.inline_keyboard.flat().flatMap((b) => ("callback_data" in b ? [b.callback_data] : []));
}

/** The failed status exactly as a user with English sees it: reason, refund line, Retry button. */
export function expectFailedStatus(h: BotAppHarness, row: GenerationRow, code: FailureCode, modelName = "Nano Banana Pro"): void {
  const t = (key: string, vars?: Parameters<typeof h.app.translator.t>[2]) => h.app.translator.t("en", key, vars);
  const refund = row.paidWithTrial ? t("generation-trial-returned") : t("generation-refunded", { credits: row.priceCredits });
  const expected = plainText(`${t("generation-status-failed", { model: modelName, reason: trustedHtml(t(`generation-failed-${code}`)) })}\n\n${refund}`);
  const message = statusMessage(h, row);
  expect(message.text).toBe(expected);
  expect(callbackData(message)).toEqual([`gen:retry:${row.publicId}`]);
}

/**
 * A failure settled exactly once: failed with this code, one refund (or the trial back), the balance
 * and the ledger as before the charge, and the localized failed status with a Retry button.
 */
export async function expectRefundedOnce(h: BotAppHarness, user: TestUser, id: number, code: FailureCode, creditsBefore: number): Promise<GenerationRow> {
  const row = await settled(h, id);
  expect(row).toMatchObject({ status: "failed", failureCode: code });
  expect(row.refundedAt).not.toBeNull();
  const money = await moneyOf(h, user, id);
  if (row.paidWithTrial) {
    expect(money).toMatchObject({ balance: creditsBefore, ledgerSum: creditsBefore, trialUsed: 0, charges: 0, refunds: 0 });
  } else {
    expect(money).toMatchObject({ balance: creditsBefore, ledgerSum: creditsBefore, charges: 1, refunds: 1 });
  }
  expectFailedStatus(h, row, code);
  return row;
}

/** sendDocument calls the worker made into this chat. */
export function documentsSentTo(h: BotAppHarness, chatId: number) {
  return h.bot.calls.filter((c) => c.method === "sendDocument" && Number(c.payload.chat_id) === chatId && c.ok);
}

/** Submit POSTs the fake received (model runs, not uploads or reads). */
export function submitsSeen(fake: FakeWavespeed) {
  return fake.requests.filter((r) => r.method === "POST" && /^\/api\/v3\/(google|bytedance|openai|wavespeed-ai)\//.test(r.path));
}

/** Proves the bot token never left the process: not in any request to the provider, not in any log line. */
export function expectTokenNeverLeaked(app: GenerationApp): void {
  const requests = JSON.stringify(app.fake.requests);
  expect(requests).not.toContain(TEST_BOT_TOKEN);
  expect(requests).not.toContain("/file/bot");
  for (const line of app.h.logLines) {
    expect(line).not.toContain(TEST_BOT_TOKEN);
    expect(line).not.toContain("/file/bot");
  }
}
