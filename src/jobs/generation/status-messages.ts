import { GrammyError, InlineKeyboard, type Api } from "grammy";
import type { Locale } from "../../config.js";
import type { Database } from "../../db/client.js";
import type { GenerationRow } from "../../db/schema/index.js";
import { kindOf } from "../../domain/generation/generation-kind.js";
import { patchGeneration } from "../../domain/generation/generation-repository.js";
import { FAILURE_CODES, type FailureCode } from "../../domain/generation/generation-status.js";
import { trustedHtml } from "../../i18n/html.js";
import { toolName } from "../../domain/tools/tool-labels.js";
import type { TranslationVariables, Translator } from "../../i18n/translator.js";
import type { KeyValueStore } from "../../infra/kv/index.js";
import type { Logger } from "../../infra/logger.js";
import { translatorForUser, type Translate } from "./user-translator.js";

/** What the status message shows (generations.status_shown), so nothing is edited twice. */
export type StatusShown = "queued" | "processing" | "done" | "failed";

export interface StatusMessagesDeps {
  db: Database;
  telegram: Api;
  translator: Translator;
  kv: KeyValueStore;
  logger: Logger;
  defaultLocale: Locale;
  /** The model's display name for a generation's model key. */
  modelName(modelKey: string): Promise<string>;
}

/** Telegram lets a bot edit about one message per second in a chat; edits beyond that earn a 429. */
const CHAT_EDIT_INTERVAL_MS = 1000;

type EditOutcome = "shown" | "missing" | "gone" | "retry";

const KNOWN_CODES = new Set<string>(Object.values(FAILURE_CODES));

/**
 * The status message of a generation (the bot's menu, turned into "queued" when it was charged),
 * edited in place in the user's current language: processing once, then done or failed. An edit that
 * fails never stops a delivery or a refund; a final status that could not be shown is shown again by
 * the sweeper (status_shown tells it), and a failure whose message is gone is sent as a new message.
 */
export class GenerationStatusMessages {
  constructor(private readonly deps: StatusMessagesDeps) {}

  /** Best effort: skipped when the chat had an edit within the last second (the next poll tries again). */
  async showProcessing(row: GenerationRow): Promise<void> {
    if (row.statusMessageId === null || (row.statusShown !== null && row.statusShown !== "queued")) return;
    if (!(await this.deps.kv.setIfAbsent(chatSlotKey(row.chatId), "1", CHAT_EDIT_INTERVAL_MS))) return;
    const t = await this.translatorFor(row.userId);
    const subject = await this.subjectOf(row, t);
    const text = t(`${subject.prefix}-status-processing`, subject.names);
    const outcome = await this.edit(row, text, undefined);
    if (outcome !== "retry") await patchGeneration(this.deps.db, row.id, { statusShown: "processing" });
  }

  /**
   * Shows "done" for a delivered generation and the reason with a Retry button for a failed one, unless
   * already shown. `trialReturned` comes from the refund when known; a repeat relies on the row.
   */
  async showFinal(row: GenerationRow, refund?: { trialReturned: boolean }): Promise<void> {
    const target: StatusShown | undefined = row.status === "delivered" ? "done" : row.status === "failed" ? "failed" : undefined;
    if (!target || row.statusShown === target) return;
    const t = await this.translatorFor(row.userId);
    const subject = await this.subjectOf(row, t);
    // Every path below edits or sends, except "done" without a status message.
    if (row.statusMessageId !== null || target === "failed") await this.waitForChatSlot(row.chatId);
    let outcome: EditOutcome;
    if (target === "done") {
      outcome = row.statusMessageId === null ? "gone" : await this.edit(row, t(`${subject.prefix}-status-done`, subject.names), undefined);
    } else {
      const text = failureText(t, row, subject, refund?.trialReturned ?? row.paidWithTrial);
      const keyboard = new InlineKeyboard().text(t("btn-retry"), `gen:retry:${row.publicId}`);
      outcome = row.statusMessageId === null ? "missing" : await this.edit(row, text, keyboard);
      // The user must hear that the generation failed and was refunded, even if the menu was deleted.
      if (outcome === "missing") outcome = await this.send(row, text, keyboard);
    }
    if (outcome !== "retry") await patchGeneration(this.deps.db, row.id, { statusShown: target });
  }

  private async edit(row: GenerationRow, text: string, keyboard: InlineKeyboard | undefined): Promise<EditOutcome> {
    if (row.statusMessageId === null) return "missing";
    try {
      await this.deps.telegram.editMessageText(row.chatId, row.statusMessageId, text, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        ...(keyboard ? { reply_markup: keyboard } : {}),
      });
      return "shown";
    } catch (error) {
      if (error instanceof GrammyError && /message is not modified/.test(error.description)) return "shown";
      if (error instanceof GrammyError && /message to edit not found|message can't be edited|MESSAGE_ID_INVALID/i.test(error.description)) {
        return "missing";
      }
      return this.classifyFailure(error, row, "could not edit the generation status message");
    }
  }

  private async send(row: GenerationRow, text: string, keyboard: InlineKeyboard): Promise<EditOutcome> {
    try {
      await this.deps.telegram.sendMessage(row.chatId, text, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        reply_markup: keyboard,
        ...(row.promptMessageId !== null
          ? { reply_parameters: { message_id: row.promptMessageId, allow_sending_without_reply: true } }
          : {}),
      });
      return "shown";
    } catch (error) {
      return this.classifyFailure(error, row, "could not send the generation status");
    }
  }

  /** 400/403 will not change on a retry (blocked, chat gone); anything else (network, 5xx, a long 429) may. */
  private classifyFailure(error: unknown, row: GenerationRow, what: string): EditOutcome {
    const permanent = error instanceof GrammyError && (error.error_code === 400 || error.error_code === 403);
    this.deps.logger.warn({ err: error, generationId: row.id, chatId: row.chatId }, what);
    return permanent ? "gone" : "retry";
  }

  /** Waits briefly for the chat's edit slot; after that the edit goes anyway (auto-retry handles a 429). */
  private async waitForChatSlot(chatId: number): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      if (await this.deps.kv.setIfAbsent(chatSlotKey(chatId), "1", CHAT_EDIT_INTERVAL_MS)) return;
      await new Promise((resolve) => setTimeout(resolve, CHAT_EDIT_INTERVAL_MS / 4));
    }
  }

  /**
   * Whose status it is: a generation names its model, a tool run its tool (in the user's language), each
   * with texts of its own (`generation-status-*`, `tool-status-*`).
   */
  private async subjectOf(row: GenerationRow, t: Translate): Promise<StatusSubject> {
    const name = await this.deps.modelName(row.modelKey);
    if (kindOf(row) === "tool") return { prefix: "tool", names: { tool: toolName((key) => t(key), { key: row.modelKey, name }) } };
    return { prefix: "generation", names: { model: name } };
  }

  private translatorFor(userId: number): Promise<Translate> {
    return translatorForUser(this.deps.db, this.deps.translator, userId, this.deps.defaultLocale);
  }
}

function chatSlotKey(chatId: number): string {
  return `telegram:chat-edit:${chatId}`;
}

interface StatusSubject {
  prefix: "generation" | "tool";
  names: TranslationVariables;
}

function failureText(t: Translate, row: GenerationRow, subject: StatusSubject, trialReturned: boolean): string {
  const code: FailureCode = row.failureCode !== null && KNOWN_CODES.has(row.failureCode) ? (row.failureCode as FailureCode) : FAILURE_CODES.internal;
  const parts = [t(`${subject.prefix}-status-failed`, { ...subject.names, reason: trustedHtml(t(`generation-failed-${code}`)) })];
  if (row.refundedAt !== null) {
    if (row.paidWithTrial) {
      if (trialReturned) parts.push(t("generation-trial-returned"));
    } else if (row.priceCredits > 0) {
      parts.push(t("generation-refunded", { credits: row.priceCredits }));
    }
  }
  return parts.join("\n\n");
}
