import { desc, eq, sql } from "drizzle-orm";
import type { Update } from "grammy/types";
import { ALLOWED_UPDATES } from "../../src/bot/create-bot.js";
import type { Locale } from "../../src/config.js";
import { generationDrafts, generations, ledgerEntries, users } from "../../src/db/schema/index.js";
import type { ApiCallRecord, EmulatedMessage, UpdateInput, UserActor } from "../../src/sandbox/telegram-emulator/index.js";
import type { BotAppHarness } from "../support/bot-app.js";
import { plainText } from "../support/plain-text.js";
import { sleep } from "../support/wait.js";
import { banUser } from "../../src/domain/admin/user-bans.js";
import { onboardedUser } from "../faults/support/users.js";
import { buttonData } from "../faults/support/traffic.js";
import { resolvePlaceholders, textOf, type HostileCase, type Outcome, type Step } from "./corpus.js";

/** The other user a hostile case may aim at: what it owns must never change. */
export interface Victim {
  actor: UserActor;
  draftId: number;
  invoicePayload: string;
  generationPublicId: string;
}

export interface CaseResult {
  /** Everything that went wrong; empty when the case passed. */
  problems: string[];
  /** Updates the emulator would not deliver (not in allowed_updates) that were handed to the bot directly. */
  direct: number;
  /** Updates the bot handled for this case. */
  updates: number;
}

/** Methods whose `chat_id` says whom the bot talked to. */
const TALKING_METHODS = new Set(["sendMessage", "editMessageText", "editMessageReplyMarkup", "editMessageCaption", "sendPhoto", "sendDocument", "sendInvoice", "sendMediaGroup", "copyMessage", "deleteMessage"]);
/** How long an expected answer may take (albums wait for their quiet period first). */
const ANSWER_WAIT_MS = 5000;
/** After the last update was handled, how long to keep watching for a reaction that should not come. */
const IGNORE_GRACE_MS = 60;

/** Total updates the app has handled, from its own metric (counted when a handler chain finishes). */
export async function updatesHandled(h: BotAppHarness): Promise<number> {
  const metric = await h.app.metrics.updatesHandled.get();
  return metric.values.reduce((sum, v) => sum + v.value, 0);
}

/** A user's balance and the sum of their ledger; undefined when the user was never created. */
export async function moneyOf(h: BotAppHarness, telegramId: number): Promise<{ userId: number; balance: number; ledgerSum: number } | undefined> {
  const db = h.app.database.db;
  const [row] = await db.select({ id: users.id, balance: users.balance }).from(users).where(eq(users.telegramId, telegramId));
  if (!row) return undefined;
  const [sum] = await db.select({ sum: sql<string>`coalesce(sum(${ledgerEntries.delta}), 0)` }).from(ledgerEntries).where(eq(ledgerEntries.userId, row.id));
  return { userId: row.id, balance: row.balance, ledgerSum: Number(sum?.sum ?? 0) };
}

/** The user's two newest draft ids and newest generation public id (any status), for placeholders. */
export async function latestOf(h: BotAppHarness, telegramId: number): Promise<{ draftId?: number; previousDraftId?: number; generationPublicId?: string }> {
  const money = await moneyOf(h, telegramId);
  if (!money) return {};
  const db = h.app.database.db;
  const drafts = await db.select({ id: generationDrafts.id }).from(generationDrafts).where(eq(generationDrafts.userId, money.userId)).orderBy(desc(generationDrafts.id)).limit(2);
  const [generation] = await db.select({ publicId: generations.publicId }).from(generations).where(eq(generations.userId, money.userId)).orderBy(desc(generations.id)).limit(1);
  return {
    ...(drafts[0] ? { draftId: drafts[0].id } : {}),
    ...(drafts[1] ? { previousDraftId: drafts[1].id } : {}),
    ...(generation ? { generationPublicId: generation.publicId } : {}),
  };
}

/** The payload of the latest invoice the bot sent into this chat. */
export function lastInvoicePayload(h: BotAppHarness, chatId: number): string | undefined {
  const call = h.bot.calls.findLast((c) => c.method === "sendInvoice" && c.ok && Number(c.payload.chat_id) === chatId);
  return call === undefined ? undefined : String(call.payload.payload);
}

/** The callback data of the latest Generate button the bot showed this user (the menu may have changed since). */
function lastGenerateData(h: BotAppHarness, chatId: number): string | undefined {
  for (const call of [...h.bot.calls].reverse()) {
    if ((call.method !== "sendMessage" && call.method !== "editMessageText") || Number(call.payload.chat_id) !== chatId) continue;
    const found = /"(g:go:\d+:[^"]+)"/.exec(JSON.stringify(call.payload.reply_markup ?? {}));
    if (found) return found[1];
  }
  return undefined;
}

function hasButtons(message: EmulatedMessage): boolean {
  const markup = message.reply_markup;
  return markup !== undefined && "inline_keyboard" in markup && markup.inline_keyboard.length > 0;
}

/**
 * Runs one hostile case against the running app: prepares its user, sends the steps, waits until the
 * bot handled them, and compares what the bot did towards that user with the expected outcome. Money
 * is checked too: nothing hostile moves credits, and the balance always equals the ledger.
 */
export async function runCase(h: BotAppHarness, c: HostileCase, telegramId: number, locale: Locale, victim: Victim): Promise<CaseResult> {
  const problems: string[] = [];
  pushed(h);
  if (!(await settled(h))) throw new Error("the bot is still busy with updates from before this case");
  const actor = await prepareUser(h, c, telegramId, locale);
  if (!(await settled(h))) throw new Error("the user's onboarding was not handled in time");
  for (const step of c.setup) await runSetupStep(h, actor, locale, step, victim);

  const before = await moneyOf(h, telegramId);
  const callsBefore = h.bot.calls.length;
  const logsBefore = h.logLines.length;
  const queryIds = new Set<string>();
  const chatIds = new Set<number>([telegramId]);
  let delivered = 0;
  const onUpdate = (update: Update) => {
    delivered++;
    noteUpdate(update, queryIds, chatIds);
  };
  h.bot.events.on("update", onUpdate);
  const tally: Tally = { problems, direct: 0, queryIds, chatIds };
  try {
    for (const step of c.steps) await runStep(h, actor, locale, step, victim, tally);
  } finally {
    h.bot.events.off("update", onUpdate);
  }
  const expectedUpdates = delivered + tally.direct;
  const deadline = Date.now() + ANSWER_WAIT_MS;
  if (!(await settled(h))) problems.push(`the bot did not finish handling ${expectedUpdates} update(s) within ${ANSWER_WAIT_MS} ms`);

  const towardsUser = () =>
    h.bot.calls.slice(callsBefore).filter((call) => isTowards(call, chatIds, queryIds));
  const expected = expectedText(h, c.expect, locale, telegramId);
  if (c.expect.outcome === "ignored") {
    await sleep(IGNORE_GRACE_MS);
    const reactions = towardsUser();
    if (reactions.length > 0) problems.push(`expected no reaction, saw: ${reactions.map(describeCall).join("; ")}`);
  } else {
    const matches = () => towardsUser().some((call) => matchesOutcome(call, c.expect, expected, telegramId));
    while (!matches() && Date.now() < deadline + ANSWER_WAIT_MS) await sleep(20);
    if (!matches()) problems.push(`expected ${describeOutcome(c.expect)} ${JSON.stringify(expected)}, saw: ${towardsUser().map(describeCall).join("; ") || "nothing"}`);
  }

  for (const call of towardsUser()) {
    // showScreen edits the pressed message and falls back to a new one when it cannot: those misses are by design.
    if (!call.ok && !/message is not modified|message to edit not found|message can't be edited/.test(call.error?.description ?? "")) {
      problems.push(`a call towards the user failed: ${describeCall(call)}`);
    }
  }
  const errors = h.logLines
    .slice(logsBefore)
    .map((line) => JSON.parse(line) as { level: number; msg?: string; err?: { message?: string } })
    .filter((entry) => entry.level >= 50);
  for (const entry of errors) {
    if (entry.msg !== c.errorLog) problems.push(`error logged: ${entry.msg ?? ""} ${entry.err?.message ?? ""}`.trim());
  }
  if (c.errorLog !== undefined && !errors.some((entry) => entry.msg === c.errorLog)) problems.push(`expected the error "${c.errorLog}" to be logged`);

  const after = await moneyOf(h, telegramId);
  if (after) {
    if (after.balance !== after.ledgerSum) problems.push(`balance ${after.balance} != ledger sum ${after.ledgerSum}`);
    if (after.balance < 0) problems.push(`negative balance ${after.balance}`);
    const moved = after.balance - (before?.balance ?? 0);
    if (moved !== c.balanceDelta) problems.push(`balance moved by ${moved}, expected ${c.balanceDelta}`);
  }
  return { problems, direct: tally.direct, updates: expectedUpdates };
}

async function prepareUser(h: BotAppHarness, c: HostileCase, telegramId: number, locale: Locale): Promise<UserActor> {
  switch (c.user) {
    case "new":
      return h.bot.user({ id: telegramId, first_name: `U${telegramId}`, language_code: locale });
    case "language": {
      const actor = h.bot.user({ id: telegramId, first_name: `U${telegramId}`, language_code: locale });
      h.bot.markCalls();
      await actor.sendText("/start");
      const picker = await h.bot.waitForBotMessage(telegramId);
      await actor.pressButton(picker, `onb:lang:${locale}`);
      await h.bot.waitForBotMessage(telegramId, (m) => buttonData(m).includes("onb:accept"));
      return actor;
    }
    case "onboarded":
      return onboardedUser(h, telegramId, locale, 0);
    case "funded":
      return onboardedUser(h, telegramId, locale, 1000);
    case "banned": {
      const actor = await onboardedUser(h, telegramId, locale, 0);
      const money = await moneyOf(h, telegramId);
      await banUser(h.app.database.db, h.app.users, { adminTelegramId: 1, userId: money!.userId, reason: "spam" });
      return actor;
    }
  }
}

/** A setup step, then a wait until the bot handled every update so far, so the next step sees its effect. */
async function runSetupStep(h: BotAppHarness, actor: UserActor, locale: Locale, step: Step, victim: Victim): Promise<void> {
  const tally: Tally = { problems: [], direct: 0, queryIds: new Set(), chatIds: new Set() };
  await runStep(h, actor, locale, step, victim, tally);
  if (!(await settled(h))) throw new Error(`setup step ${JSON.stringify(step).slice(0, 80)} was not handled in time`);
  if (tally.problems.length > 0) throw new Error(`setup step failed: ${tally.problems.join("; ")}`);
}

/** Updates handed to the bot so far, by the emulator or directly. */
const pushedUpdates = new WeakMap<BotAppHarness, { count: number }>();

/** Starts counting the updates given to the bot; call it before the first update, right after the app started. */
export function trackUpdates(h: BotAppHarness): void {
  const counter = { count: 0 };
  h.bot.events.on("update", () => counter.count++);
  pushedUpdates.set(h, counter);
}

function pushed(h: BotAppHarness): { count: number } {
  const counter = pushedUpdates.get(h);
  if (counter === undefined) throw new Error("call trackUpdates(h) before the first update");
  return counter;
}

/**
 * Waits until the bot finished every update it was given (its own metric catches up with what was
 * pushed): measuring a case while an earlier update is still in flight would blame the wrong case.
 */
export async function settled(h: BotAppHarness, timeoutMs = ANSWER_WAIT_MS): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while ((await updatesHandled(h)) < pushed(h).count) {
    if (Date.now() > deadline) return false;
    await sleep(5);
  }
  return true;
}

/** What the steps of one case produced: problems, direct deliveries, and the queries and chats they involved. */
interface Tally {
  problems: string[];
  direct: number;
  queryIds: Set<string>;
  chatIds: Set<number>;
}

/** Remembers the queries and chats an update involves, so every answer towards them is attributed to the case. */
function noteUpdate(update: Update, queryIds: Set<string>, chatIds: Set<number>): void {
  if (update.callback_query) queryIds.add(update.callback_query.id);
  if (update.pre_checkout_query) queryIds.add(update.pre_checkout_query.id);
  const chat = (update.message ?? update.edited_message ?? update.channel_post ?? update.edited_channel_post ?? update.my_chat_member)?.chat;
  if (chat && typeof chat.id === "number") chatIds.add(chat.id);
}

async function runStep(h: BotAppHarness, actor: UserActor, locale: Locale, step: Step, victim: Victim, tally: Tally): Promise<void> {
  if ("text" in step) {
    await actor.sendText(textOf(step.text));
    return;
  }
  if ("update" in step) {
    const raw = resolvePlaceholders(step.update, await placeholderValues(h, actor, locale, victim)) as UpdateInput;
    const update = h.bot.pushUpdate(raw);
    const kind = Object.keys(update).find((k) => k !== "update_id") ?? "unknown";
    noteUpdate(update, tally.queryIds, tally.chatIds);
    if (!(ALLOWED_UPDATES as readonly string[]).includes(kind)) {
      // Telegram would not deliver it (allowed_updates), but a misconfigured webhook or a future
      // setting could: hand it to the bot directly to prove it is harmless anyway.
      tally.direct++;
      pushed(h).count++;
      await h.app.bot!.handleUpdate(update).catch((error: unknown) => tally.problems.push(`direct delivery threw: ${String(error)}`));
    }
    return;
  }
  if ("press" in step) {
    const find = () =>
      h.bot
        .chat(actor.id)
        .messages.filter((m) => m.from === "bot" && buttonData(m).some((d) => d.startsWith(step.press)))
        .at(-1);
    const deadline = Date.now() + ANSWER_WAIT_MS;
    while (!find() && Date.now() < deadline) await sleep(10);
    const message = find();
    if (!message) throw new Error(`no button starting with "${step.press}" in the chat`);
    const data = buttonData(message).find((d) => d.startsWith(step.press))!;
    await actor.pressButton(message, data);
    return;
  }
  if ("document" in step) {
    const d = step.document;
    const content = d.base64 !== undefined ? Buffer.from(d.base64, "base64") : d.text !== undefined ? Buffer.from(d.text, "utf8") : Buffer.alloc(d.size ?? 0);
    await actor.sendDocument({
      file_name: d.file_name,
      content,
      ...(d.mime_type !== undefined ? { mime_type: d.mime_type } : {}),
      ...(d.caption !== undefined ? { caption: textOf(d.caption) } : {}),
    });
    return;
  }
  if ("photo" in step) {
    await actor.sendPhoto(step.photo.caption !== undefined ? { caption: textOf(step.photo.caption) } : {});
    return;
  }
  if ("album" in step) {
    await actor.sendAlbum(
      Array.from({ length: step.album.photos }, () => ({ kind: "photo" as const })),
      step.album.caption !== undefined ? textOf(step.album.caption) : undefined,
    );
    return;
  }
  if ("rawAlbum" in step) {
    const groupId = `hostile-album-${++freshIds}`;
    for (let i = 0; i < step.rawAlbum.photos; i++) {
      const caption = i === 0 && step.rawAlbum.caption !== undefined ? { caption: textOf(step.rawAlbum.caption) } : {};
      h.bot.pushUpdate({
        message: {
          message_id: 6_000_000 + ++freshIds,
          date: Math.floor(Date.now() / 1000),
          chat: { id: actor.id, type: "private", first_name: `U${actor.id}` },
          from: { id: actor.id, is_bot: false, first_name: `U${actor.id}`, language_code: locale },
          media_group_id: groupId,
          photo: [{ file_id: `forged-photo-${freshIds}`, file_unique_id: `forged-${freshIds}`, width: 512, height: 512, file_size: 1000 }],
          ...caption,
        },
      });
    }
    return;
  }
  const invoice = h.bot.chat(actor.id).messages.filter((m) => m.from === "bot" && m.invoice !== undefined).at(-1);
  if (!invoice) throw new Error("no invoice in the chat to pay");
  await actor.pay(invoice);
}

let freshIds = 0;

async function placeholderValues(h: BotAppHarness, actor: UserActor, locale: Locale, victim: Victim): Promise<(name: string) => unknown> {
  const uid = actor.id;
  const user = { id: uid, is_bot: false, first_name: `U${uid}`, language_code: locale };
  const latest = await latestOf(h, uid);
  const lastMenu = h.bot.chat(uid).messages.filter((m) => m.from === "bot" && hasButtons(m)).at(-1);
  const msgId = 5_000_000 + ++freshIds;
  const queryId = `hostile-${Date.now()}-${++freshIds}`;
  const values: Record<string, unknown> = {
    UID: uid,
    USER: user,
    CHAT: { id: uid, type: "private", first_name: `U${uid}` },
    NOW: Math.floor(Date.now() / 1000),
    MSG_ID: msgId,
    QUERY_ID: queryId,
    LAST_MENU: lastMenu?.message,
    DRAFT_ID: latest.draftId,
    PREV_DRAFT_ID: latest.previousDraftId,
    GO_DATA: lastGenerateData(h, uid),
    CHARGE_ID: h.bot.starTransactions.findLast((tx) => tx.source?.type === "user" && tx.source.user.id === uid)?.id,
    GENERATION_ID: latest.generationPublicId,
    INVOICE_PAYLOAD: lastInvoicePayload(h, uid),
    OTHER_UID: victim.actor.id,
    OTHER_USER: { id: victim.actor.id, is_bot: false, first_name: "Victim" },
    OTHER_DRAFT_ID: victim.draftId,
    OTHER_INVOICE_PAYLOAD: victim.invoicePayload,
    OTHER_GENERATION_ID: victim.generationPublicId,
  };
  return (name) => {
    if (!(name in values)) throw new Error(`unknown placeholder {{${name}}}`);
    const value = values[name];
    if (value === undefined) throw new Error(`placeholder {{${name}}} has no value for this case (missing setup?)`);
    return value;
  };
}

function isTowards(call: ApiCallRecord, chatIds: ReadonlySet<number>, queryIds: ReadonlySet<string>): boolean {
  if (TALKING_METHODS.has(call.method)) return chatIds.has(Number(call.payload.chat_id));
  if (call.method === "answerCallbackQuery") return queryIds.has(String(call.payload.callback_query_id));
  if (call.method === "answerPreCheckoutQuery") return queryIds.has(String(call.payload.pre_checkout_query_id));
  return false;
}

function expectedText(h: BotAppHarness, outcome: Outcome, locale: Locale, telegramId: number): string | undefined {
  if (outcome.outcome === "ignored") return undefined;
  if (outcome.outcome === "draft") return textOf(outcome.contains);
  // Test users are named after their id (readyUser), so a variable may mention {{UID}}.
  const resolved = resolvePlaceholders(outcome.vars ?? {}, (name) => {
    if (name !== "UID") throw new Error(`only {{UID}} may appear in expected variables, not {{${name}}}`);
    return telegramId;
  }) as Record<string, string | number | { message: string; vars?: Record<string, string | number> }>;
  const vars = Object.fromEntries(
    Object.entries(resolved).map(([key, value]) => [key, typeof value === "object" ? h.app.translator.t(locale, value.message, value.vars) : value]),
  );
  return plainText(h.app.translator.t(locale, outcome.message, vars));
}

function matchesOutcome(call: ApiCallRecord, outcome: Outcome, expected: string | undefined, chatId: number): boolean {
  if (!call.ok) return false;
  const text = plainText(String(call.payload.text ?? ""));
  switch (outcome.outcome) {
    case "ignored":
      return false;
    case "draft": {
      if ((call.method !== "sendMessage" && call.method !== "editMessageText") || Number(call.payload.chat_id) !== chatId) return false;
      const markup = JSON.stringify(call.payload.reply_markup ?? {});
      return markup.includes('"g:go:') && expected !== undefined && text.includes(expected);
    }
    default:
      if (outcome.via === "message") return (call.method === "sendMessage" || call.method === "editMessageText") && text === expected;
      if (outcome.via === "callback") return call.method === "answerCallbackQuery" && text === expected;
      return call.method === "answerPreCheckoutQuery" && call.payload.ok === false && String(call.payload.error_message) === expected;
  }
}

function describeOutcome(outcome: Outcome): string {
  return outcome.outcome === "ignored" || outcome.outcome === "draft" ? outcome.outcome : `${outcome.outcome} via ${outcome.via}`;
}

function describeCall(call: ApiCallRecord): string {
  const text = call.payload.text ?? call.payload.error_message ?? call.payload.caption;
  const shown = typeof text === "string" ? JSON.stringify(plainText(text).slice(0, 120)) : "";
  return `${call.method}${call.ok ? "" : ` FAILED(${call.error?.description ?? ""})`} ${shown}`.trim();
}
