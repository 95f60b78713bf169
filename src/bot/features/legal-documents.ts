import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { cb } from "../callback-data.js";
import { acknowledge } from "../reply.js";
import { loadLegalDocument, type LegalDocument } from "../../i18n/documents.js";

export const DOCUMENT_BUTTONS = {
  privacy: cb("doc", "privacy"),
  terms: cb("doc", "terms"),
} as const;

/**
 * /privacy and /terms (Telegram requires both for bots that take payments) and the buttons on the
 * consent screen. Available to everyone, before any consent: you read the terms before accepting them.
 */
export const legalDocuments = new Composer<BotContext>();

legalDocuments.command("privacy", (ctx) => sendDocument(ctx, "privacy"));
legalDocuments.command("terms", (ctx) => sendDocument(ctx, "terms"));
legalDocuments.callbackQuery(DOCUMENT_BUTTONS.privacy, async (ctx) => {
  await acknowledge(ctx);
  await sendDocument(ctx, "privacy");
});
legalDocuments.callbackQuery(DOCUMENT_BUTTONS.terms, async (ctx) => {
  await acknowledge(ctx);
  await sendDocument(ctx, "terms");
});

async function sendDocument(ctx: BotContext, name: LegalDocument): Promise<void> {
  const { contact, email } = ctx.config.support;
  const parts = await loadLegalDocument(ctx.locale, name, { support: contact, email });
  for (const part of parts) await ctx.reply(part);
}
