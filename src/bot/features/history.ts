import { Composer, InlineKeyboard } from "grammy";
import type { BotContext } from "../context.js";
import { requireUser } from "../context.js";
import { cb, cbPattern } from "../callback-data.js";
import { HOME } from "../keyboards/home-keyboard.js";
import { acknowledge, showScreen } from "../reply.js";
import { listEntries, type LedgerEntry } from "../../domain/ledger/ledger.js";
import { isLedgerKind } from "../../domain/ledger/ledger-kinds.js";

/** Entries per page: ten fit one screen without scrolling on a phone. */
const PAGE_SIZE = 10;
/** Pages are numbered from 0 in callback data; a forged huge number just shows the last page. */
const PAGE = cbPattern("hist", "page", "\\d{1,6}");

export const HISTORY = { first: cb("hist", "page", 0) } as const;

/**
 * /history: the user's ledger, newest first, page by page, with localized kinds, dates and amounts.
 * Everything that moved the balance is here, refunds included, so the balance can be explained.
 */
export const history = new Composer<BotContext>();

history.command("history", (ctx) => showHistory(ctx, 0));
history.callbackQuery(PAGE, async (ctx) => {
  await acknowledge(ctx);
  await showHistory(ctx, Number(ctx.match[1]));
});

async function showHistory(ctx: BotContext, requestedPage: number): Promise<void> {
  const userId = requireUser(ctx).id;
  let page = requestedPage;
  let { entries, total } = await listEntries(ctx.deps.db, userId, { limit: PAGE_SIZE, offset: page * PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (total > 0 && entries.length === 0) {
    page = pages - 1;
    ({ entries, total } = await listEntries(ctx.deps.db, userId, { limit: PAGE_SIZE, offset: page * PAGE_SIZE }));
  }
  const footer = new InlineKeyboard().text(ctx.tr("btn-profile"), HOME.profile).text(ctx.tr("btn-home"), HOME.show);
  if (total === 0) {
    const keyboard = new InlineKeyboard().text(ctx.tr("btn-topup"), HOME.topUp).row().append(footer);
    await showScreen(ctx, ctx.tr("history-empty"), keyboard);
    return;
  }
  const lines = entries.map((entry) => entryText(ctx, entry));
  const text = [ctx.tr("history-title", { page: page + 1, pages }), "", lines.join("\n\n")].join("\n");
  const keyboard = new InlineKeyboard();
  if (page > 0) keyboard.text(ctx.tr("btn-history-newer"), cb("hist", "page", page - 1));
  if (page < pages - 1) keyboard.text(ctx.tr("btn-history-older"), cb("hist", "page", page + 1));
  await showScreen(ctx, text, keyboard.row().append(footer));
}

function entryText(ctx: BotContext, entry: LedgerEntry): string {
  const kind = isLedgerKind(entry.kind) ? ctx.t(`ledger-kind-${entry.kind.replaceAll("_", "-")}`) : entry.kind;
  return ctx.tr("history-entry", {
    sign: entry.delta > 0 ? "+" : entry.delta < 0 ? "−" : "",
    amount: Math.abs(entry.delta),
    kind,
    date: entry.createdAt.getTime(),
    balance: entry.balanceAfter,
  });
}
