import { Composer, InlineKeyboard } from "grammy";
import type { Message, MessageEntity } from "grammy/types";
import type { BotContext } from "../../context.js";
import { acknowledge, showScreen } from "../../reply.js";
import { trustedHtml } from "../../../i18n/html.js";
import { LOCALES } from "../../../config.js";
import { audienceOf, countAudiences, isAudienceKind, type Audience, type AudienceSize } from "../../../domain/broadcasts/audience.js";
import {
  chooseAudience,
  createBroadcastDraft,
  discardDraft,
  getBroadcast,
  listBroadcasts,
  setButton,
  setEssential,
  setProgressMessage,
  startBroadcast,
  type Broadcast,
} from "../../../domain/broadcasts/broadcast-lifecycle.js";
import { BROADCAST_STATUS, type ContentKind } from "../../../domain/broadcasts/broadcast-status.js";
import { BROADCAST_CONTROL } from "../../../domain/broadcasts/progress-view.js";
import { checkServiceNoticeContent, serviceNoticeMessage, sourceContentOf } from "../../../domain/broadcasts/service-notice.js";
import { adminId } from "./admin-access.js";
import { ADMIN, ADMIN_PATTERN } from "./admin-callbacks.js";
import { answering, askFor, forgetInput } from "./admin-input.js";
import { backToMenu, cancelKeyboard } from "./admin-menu.js";
import { adminErrorText } from "./admin-text.js";
import { sendProgressMessage } from "./broadcast-controls.js";

/** Broadcasts listed on the broadcast screen. */
const LISTED = 5;

/**
 * The broadcast wizard: the admin sends any message → a preview (copyMessage) → the audience, with
 * the size of each → an optional link button → confirm. The content is never re-typed: every recipient
 * gets a copy of the admin's own message, formatting and media exactly as sent.
 *
 * From the confirmation a draft can become an essential service notice, which also reaches users who
 * turned broadcasts off: only through a warning screen saying what qualifies, whose own button is the
 * explicit confirmation. Copies are then marked "🔔 Service notice"; the start is audited with the flag.
 */
export const broadcastWizard = new Composer<BotContext>();

broadcastWizard.callbackQuery(ADMIN.broadcasts, async (ctx) => {
  await acknowledge(ctx);
  const rows = await listBroadcasts(ctx.deps.db, LISTED);
  const keyboard = new InlineKeyboard().text(ctx.tr("broadcast-btn-new"), ADMIN.newBroadcast).row();
  for (const row of rows.filter((b) => b.status !== BROADCAST_STATUS.draft)) {
    keyboard.text(ctx.tr("broadcast-btn-open", { id: row.id }), BROADCAST_CONTROL.refresh(row.id)).row();
  }
  const lines = rows.map((row) =>
    ctx.tr("broadcast-list-line", { id: row.id, status: ctx.t(`broadcast-status-${row.status}`), total: row.total, date: row.createdAt.getTime() }),
  );
  const text = ctx.tr("broadcast-list", { list: trustedHtml(lines.length > 0 ? lines.join("\n") : ctx.tr("broadcast-list-none")) });
  await showScreen(ctx, text, backToMenu(ctx, keyboard));
});

broadcastWizard.callbackQuery(ADMIN.newBroadcast, async (ctx) => {
  await acknowledge(ctx);
  askFor(ctx, "adm:bc-content");
  await showScreen(ctx, ctx.tr("broadcast-ask-content"), cancelKeyboard(ctx));
});

// Any kind of message: the content to broadcast.
broadcastWizard.on("message", async (ctx, next) => {
  if (!answering(ctx, "adm:bc-content")) return next();
  const kind = contentKind(ctx.message);
  if (!kind || ctx.message.media_group_id !== undefined) {
    await ctx.reply(ctx.tr("broadcast-content-unsupported"), { reply_markup: cancelKeyboard(ctx) });
    return;
  }
  forgetInput(ctx);
  const draft = await createBroadcastDraft(ctx.deps.db, {
    adminTelegramId: adminId(ctx),
    sourceChatId: ctx.chat.id,
    sourceMessageId: ctx.message.message_id,
    contentKind: kind,
    source: sourceContentOf(ctx.message),
  });
  await ctx.reply(ctx.tr("broadcast-preview-title"));
  await ctx.api.copyMessage(ctx.chat.id, ctx.chat.id, ctx.message.message_id);
  await showAudiences(ctx, draft);
});

broadcastWizard.callbackQuery(ADMIN_PATTERN.audience, async (ctx) => {
  await acknowledge(ctx);
  const kind = ctx.match[2];
  if (!isAudienceKind(kind) || kind === "language") return;
  await pickAudience(ctx, Number(ctx.match[1]), { kind });
});

broadcastWizard.callbackQuery(ADMIN_PATTERN.audienceLocale, async (ctx) => {
  await acknowledge(ctx);
  const locale = LOCALES.find((l) => l === ctx.match[2]);
  if (!locale) return;
  await pickAudience(ctx, Number(ctx.match[1]), { kind: "language", locale });
});

broadcastWizard.callbackQuery(ADMIN_PATTERN.addButton, async (ctx) => {
  await acknowledge(ctx);
  askFor(ctx, "adm:bc-button", { broadcastId: Number(ctx.match[1]) });
  await showScreen(ctx, ctx.tr("broadcast-ask-button"), cancelKeyboard(ctx));
});

broadcastWizard.on("message:text", async (ctx, next) => {
  const data = answering(ctx, "adm:bc-button");
  if (!data) return next();
  const [text, url] = splitButton(ctx.message.text);
  try {
    const draft = await setButton(ctx.deps.db, Number(data.broadcastId), { text, url });
    forgetInput(ctx);
    await showConfirmation(ctx, draft);
  } catch (error) {
    await ctx.reply(adminErrorText(ctx, error), { reply_markup: cancelKeyboard(ctx) });
  }
});

broadcastWizard.callbackQuery(ADMIN_PATTERN.skipButton, async (ctx) => {
  await acknowledge(ctx);
  await guarded(ctx, async () => showConfirmation(ctx, await setButton(ctx.deps.db, Number(ctx.match[1]), null)));
});

broadcastWizard.callbackQuery(ADMIN_PATTERN.preview, async (ctx) => {
  await acknowledge(ctx);
  await guarded(ctx, async () => {
    const draft = await getBroadcast(ctx.deps.db, Number(ctx.match[1]));
    const markup = draft.buttonText && draft.buttonUrl ? { reply_markup: new InlineKeyboard().url(draft.buttonText, draft.buttonUrl) } : {};
    if (draft.essential) {
      // As a recipient who speaks the admin's language gets it: the marking line on top.
      const notice = serviceNoticeMessage(draft, ctx.t("broadcast-service-notice"));
      const entities = notice.entities as MessageEntity[];
      if (notice.kind === "text") await ctx.api.sendMessage(adminId(ctx), notice.text, { entities, ...markup });
      else await ctx.api.copyMessage(adminId(ctx), draft.sourceChatId, draft.sourceMessageId, { caption: notice.caption, caption_entities: entities, ...markup });
    } else {
      await ctx.api.copyMessage(adminId(ctx), draft.sourceChatId, draft.sourceMessageId, markup);
    }
    await ctx.reply(ctx.tr("broadcast-preview-shown"), { reply_markup: confirmationKeyboard(ctx, draft) });
  });
});

broadcastWizard.callbackQuery(ADMIN_PATTERN.start, async (ctx) => {
  await acknowledge(ctx);
  await guarded(ctx, async () => {
    const started = await startBroadcast(ctx.deps.db, {
      id: Number(ctx.match[1]),
      adminTelegramId: adminId(ctx),
      now: new Date(),
      defaultLocale: ctx.config.defaultLocale,
    });
    ctx.log.info({ broadcastId: started.id, total: started.total, adminId: adminId(ctx) }, "broadcast started");
    await showScreen(ctx, ctx.tr("broadcast-started", { id: started.id, total: started.total }));
    try {
      const progress = await sendProgressMessage(ctx, started);
      await setProgressMessage(ctx.deps.db, started.id, progress.chat.id, progress.message_id);
    } finally {
      // It is running: the workers must start even if the progress message could not be shown.
      await ctx.deps.admin.kickBroadcast(started.id);
    }
  });
});

broadcastWizard.callbackQuery(ADMIN_PATTERN.essential, async (ctx) => {
  await acknowledge(ctx);
  await guarded(ctx, async () => {
    const draft = await getBroadcast(ctx.deps.db, Number(ctx.match[1]));
    const audience = audienceOf(draft);
    if (!audience) return showAudiences(ctx, draft);
    checkServiceNoticeContent(draft);
    const size = await audienceSize(ctx, audience);
    const text = ctx.tr("broadcast-essential-warning", {
      audience: audienceLabel(ctx, audience),
      count: size.essentialCount,
      optedOut: size.essentialCount - size.count,
    });
    const keyboard = new InlineKeyboard()
      .text(ctx.tr("broadcast-btn-essential-confirm"), ADMIN.confirmEssential(draft.id))
      .row()
      .text(ctx.tr("broadcast-btn-ordinary"), ADMIN.ordinary(draft.id));
    await showScreen(ctx, text, keyboard);
  });
});

broadcastWizard.callbackQuery(ADMIN_PATTERN.confirmEssential, async (ctx) => {
  await acknowledge(ctx);
  await guarded(ctx, async () => {
    const draft = await setEssential(ctx.deps.db, Number(ctx.match[1]), { essential: true, confirmedByAdmin: true });
    ctx.log.warn({ broadcastId: draft.id, adminId: adminId(ctx) }, "broadcast confirmed as an essential service notice");
    await showConfirmation(ctx, draft);
  });
});

broadcastWizard.callbackQuery(ADMIN_PATTERN.ordinary, async (ctx) => {
  await acknowledge(ctx);
  await guarded(ctx, async () => showConfirmation(ctx, await setEssential(ctx.deps.db, Number(ctx.match[1]), { essential: false })));
});

broadcastWizard.callbackQuery(ADMIN_PATTERN.discard, async (ctx) => {
  await acknowledge(ctx);
  await discardDraft(ctx.deps.db, Number(ctx.match[1]));
  await showScreen(ctx, ctx.tr("broadcast-discarded"), backToMenu(ctx, new InlineKeyboard().text(ctx.tr("admin-btn-broadcasts"), ADMIN.broadcasts)));
});

async function showAudiences(ctx: BotContext, draft: Broadcast): Promise<void> {
  const counts = await countAudiences(ctx.deps.db, { now: new Date(), defaultLocale: ctx.config.defaultLocale });
  const keyboard = new InlineKeyboard();
  counts.forEach(({ audience, count }, index) => {
    const data = audience.kind === "language" ? ADMIN.audienceLocale(draft.id, audience.locale) : ADMIN.audience(draft.id, audience.kind);
    keyboard.text(ctx.tr("broadcast-audience-button", { audience: audienceLabel(ctx, audience), count }), data);
    if (index % 2 === 1) keyboard.row();
  });
  keyboard.row().text(ctx.tr("broadcast-btn-discard"), ADMIN.discard(draft.id));
  await ctx.reply(ctx.tr("broadcast-ask-audience"), { reply_markup: keyboard });
}

async function pickAudience(ctx: BotContext, broadcastId: number, audience: Audience): Promise<void> {
  await guarded(ctx, async () => {
    const draft = await chooseAudience(ctx.deps.db, broadcastId, audience);
    const keyboard = new InlineKeyboard()
      .text(ctx.tr("broadcast-btn-add-button"), ADMIN.addButton(draft.id))
      .text(ctx.tr("broadcast-btn-no-button"), ADMIN.skipButton(draft.id))
      .row()
      .text(ctx.tr("broadcast-btn-discard"), ADMIN.discard(draft.id));
    await showScreen(ctx, ctx.tr("broadcast-ask-button-choice", { audience: audienceLabel(ctx, audience) }), keyboard);
  });
}

async function showConfirmation(ctx: BotContext, draft: Broadcast): Promise<void> {
  const audience = audienceOf(draft);
  if (!audience) return showAudiences(ctx, draft);
  const size = await audienceSize(ctx, audience);
  const text = ctx.tr("broadcast-confirm", {
    id: draft.id,
    kind: ctx.t(`broadcast-kind-${draft.contentKind}`),
    audience: audienceLabel(ctx, audience),
    count: draft.essential ? size.essentialCount : size.count,
    button: draft.buttonText && draft.buttonUrl ? `${draft.buttonText} → ${draft.buttonUrl}` : ctx.t("broadcast-no-button"),
  });
  const notice = draft.essential ? `\n\n${ctx.tr("broadcast-confirm-essential", { optedOut: size.essentialCount - size.count })}` : "";
  await showScreen(ctx, text + notice, confirmationKeyboard(ctx, draft));
}

function confirmationKeyboard(ctx: BotContext, draft: Broadcast): InlineKeyboard {
  const keyboard = new InlineKeyboard()
    .text(ctx.tr("broadcast-btn-preview"), ADMIN.preview(draft.id))
    .text(ctx.tr("broadcast-btn-start"), ADMIN.start(draft.id))
    .row();
  // A sticker has no text to put the service-notice line on: the choice is not offered.
  if (draft.essential) keyboard.text(ctx.tr("broadcast-btn-ordinary"), ADMIN.ordinary(draft.id)).row();
  else if (draft.contentKind !== "sticker") keyboard.text(ctx.tr("broadcast-btn-essential"), ADMIN.essential(draft.id)).row();
  return keyboard.text(ctx.tr("broadcast-btn-discard"), ADMIN.discard(draft.id));
}

/** How many an audience reaches now, as an ordinary broadcast and as a service notice. */
async function audienceSize(ctx: BotContext, audience: Audience): Promise<AudienceSize> {
  const sizes = await countAudiences(ctx.deps.db, { now: new Date(), defaultLocale: ctx.config.defaultLocale });
  return sizes.find((c) => sameAudience(c.audience, audience)) ?? { audience, count: 0, essentialCount: 0 };
}

function audienceLabel(ctx: BotContext, audience: Audience): string {
  return audience.kind === "language"
    ? ctx.t("broadcast-audience-language", { language: ctx.t(`language-name-${audience.locale}`) })
    : ctx.t(`broadcast-audience-${audience.kind.replaceAll("_", "-")}`);
}

function sameAudience(a: Audience, b: Audience): boolean {
  return a.kind === b.kind && (a.kind !== "language" || (b.kind === "language" && a.locale === b.locale));
}

/** What copyMessage will copy; animations also carry `document`, so they are checked first. */
function contentKind(message: Message): ContentKind | undefined {
  if (message.text !== undefined) return "text";
  if (message.photo) return "photo";
  if (message.video) return "video";
  if (message.animation) return "animation";
  if (message.document) return "document";
  if (message.audio) return "audio";
  if (message.sticker) return "sticker";
  return undefined;
}

/** "Open the shop | https://example.com", or the text and the link on two lines. */
function splitButton(input: string): [string, string] {
  const separator = input.includes("|") ? input.lastIndexOf("|") : input.lastIndexOf("\n");
  if (separator === -1) return ["", input];
  return [input.slice(0, separator), input.slice(separator + 1)];
}

/** Runs a wizard step; a refusal (a stale button, an empty audience) is shown instead of thrown. */
async function guarded(ctx: BotContext, step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    await showScreen(ctx, adminErrorText(ctx, error), backToMenu(ctx));
  }
}
