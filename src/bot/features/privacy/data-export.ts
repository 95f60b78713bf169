import { Composer, InputFile } from "grammy";
import type { BotContext } from "../../context.js";
import { requireUser } from "../../context.js";
import { acknowledge } from "../../reply.js";
import { PRIVACY } from "./privacy-buttons.js";

/**
 * /export (policy 6.4, data portability): everything stored about the user as one JSON document,
 * described in docs/export-schema.md. Limited to one per DATA_EXPORT_INTERVAL_MINUTES per user.
 */
export const dataExport = new Composer<BotContext>();

dataExport.command("export", (ctx) => sendExport(ctx));
dataExport.callbackQuery(PRIVACY.export, async (ctx) => {
  await acknowledge(ctx);
  await sendExport(ctx);
});

async function sendExport(ctx: BotContext): Promise<void> {
  const user = requireUser(ctx);
  const claim = await ctx.deps.privacy.claimExport(user.id);
  if (!claim.ok) {
    const minutes = Math.round(ctx.deps.privacy.settings.exportIntervalSeconds / 60);
    await ctx.reply(ctx.tr("privacy-export-too-soon", { minutes, wait: Math.ceil(claim.retryAfterSeconds / 60) }));
    return;
  }
  try {
    await ctx.replyWithChatAction("upload_document").catch(() => undefined);
    const document = await ctx.deps.privacy.exportAccount(user.id);
    if (!document) throw new Error(`user ${user.id} has no data to export`);
    const generatedAt = new Date(document.generated_at);
    const file = new InputFile(Buffer.from(JSON.stringify(document, null, 2), "utf8"), exportFileName(generatedAt));
    await ctx.replyWithDocument(file, { caption: ctx.tr("privacy-export-caption", { date: generatedAt.getTime() }) });
    ctx.log.info({ userId: user.id }, "data export sent");
  } catch (error) {
    // A failed export must not cost the user their slot.
    await claim.release();
    throw error;
  }
}

/** "bananapics-data-2026-01-22.json": the date tells several exports apart. */
function exportFileName(generatedAt: Date): string {
  return `bananapics-data-${generatedAt.toISOString().slice(0, 10)}.json`;
}
