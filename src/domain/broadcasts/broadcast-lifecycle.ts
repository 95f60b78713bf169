import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Locale } from "../../config.js";
import type { Database, Executor } from "../../db/client.js";
import { broadcastRecipients, broadcasts, users, type BroadcastRow } from "../../db/schema/index.js";
import { ADMIN_ACTIONS, recordAdminAction, type AdminAction } from "../admin/audit-log.js";
import { audienceCondition, audienceKey, audienceOf, recipientRuleOf, type Audience } from "./audience.js";
import {
  BroadcastNotFoundError,
  BroadcastStateError,
  ButtonTextInvalidError,
  ButtonUrlInvalidError,
  EmptyAudienceError,
} from "./broadcast-errors.js";
import { BROADCAST_STATUS, RECIPIENT_STATUS, type BroadcastStatus, type ContentKind } from "./broadcast-status.js";
import { checkServiceNoticeContent, type SourceContent } from "./service-notice.js";

export type Broadcast = BroadcastRow;

/** Longest button text accepted; longer ones are cut by Telegram clients anyway. */
export const BUTTON_TEXT_MAX = 64;
const BUTTON_URL_MAX = 2048;

/**
 * Step 1: the admin sent the message to broadcast. `source` is its text or caption with entities
 * (sourceContentOf), kept so the draft can still become a service notice.
 */
export async function createBroadcastDraft(
  db: Executor,
  draft: { adminTelegramId: number; sourceChatId: number; sourceMessageId: number; contentKind: ContentKind; source?: SourceContent },
): Promise<Broadcast> {
  const { source, ...rest } = draft;
  const rows = await db
    .insert(broadcasts)
    .values({ ...rest, sourceText: source?.text ?? null, sourceEntities: source?.entities ?? null, status: BROADCAST_STATUS.draft })
    .returning();
  const created = rows[0];
  if (!created) throw new Error("broadcast insert returned no row");
  return created;
}

export async function getBroadcast(db: Executor, id: number): Promise<Broadcast> {
  const rows = await db.select().from(broadcasts).where(eq(broadcasts.id, id)).limit(1);
  if (!rows[0]) throw new BroadcastNotFoundError(id);
  return rows[0];
}

/** The latest broadcasts, newest first (the admin's broadcast screen). */
export async function listBroadcasts(db: Executor, limit: number): Promise<Broadcast[]> {
  return db.select().from(broadcasts).orderBy(desc(broadcasts.id)).limit(limit);
}

/** Step 2: the audience. Only while it is a draft. */
export async function chooseAudience(db: Executor, id: number, audience: Audience): Promise<Broadcast> {
  return updateDraft(db, id, { audience: audience.kind, audienceLocale: audience.kind === "language" ? audience.locale : null });
}

/** A link button as stored: trimmed text, a valid http(s) URL. */
export function checkedButton(text: string, url: string): { text: string; url: string } {
  const label = text.trim();
  if (label === "" || [...label].length > BUTTON_TEXT_MAX) throw new ButtonTextInvalidError(BUTTON_TEXT_MAX);
  const link = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(link);
  } catch {
    throw new ButtonUrlInvalidError();
  }
  if ((parsed.protocol !== "http:" && parsed.protocol !== "https:") || parsed.hostname === "" || link.length > BUTTON_URL_MAX) {
    throw new ButtonUrlInvalidError();
  }
  return { text: label, url: link };
}

/** Step 3: the optional link button (null removes it). */
export async function setButton(db: Executor, id: number, button: { text: string; url: string } | null): Promise<Broadcast> {
  const checked = button ? checkedButton(button.text, button.url) : null;
  return updateDraft(db, id, { buttonText: checked?.text ?? null, buttonUrl: checked?.url ?? null });
}

/**
 * Makes a draft an essential service notice, or an ordinary broadcast again. Only with the admin's
 * explicit confirmation (the type asks the caller to say so): a service notice reaches people who
 * turned broadcasts off, which the privacy policy allows for essential notices only. Refused
 * (ServiceNoticeContentError) for content that cannot carry the service-notice line.
 */
export async function setEssential(
  db: Executor,
  id: number,
  choice: { essential: true; confirmedByAdmin: true } | { essential: false },
): Promise<Broadcast> {
  if (choice.essential) {
    const draft = await getBroadcast(db, id);
    if (draft.status !== BROADCAST_STATUS.draft) throw new BroadcastStateError(id, draft.status);
    checkServiceNoticeContent(draft);
  }
  return updateDraft(db, id, { essential: choice.essential });
}

/** Drops a draft the admin abandoned. */
export async function discardDraft(db: Executor, id: number): Promise<void> {
  await db.delete(broadcasts).where(and(eq(broadcasts.id, id), eq(broadcasts.status, BROADCAST_STATUS.draft)));
}

/**
 * Step 4: starts sending. In one transaction: the draft becomes running (once: a second press finds
 * it running and is refused), one pending row per recipient is written from the audience as it is now
 * (opted-out users included only for a service notice), and the start is audited with the essential
 * flag. Workers then claim those rows.
 */
export async function startBroadcast(
  db: Database,
  request: { id: number; adminTelegramId: number; now: Date; defaultLocale: Locale },
): Promise<Broadcast> {
  return db.transaction(async (tx) => {
    const started = await tx
      .update(broadcasts)
      .set({ status: BROADCAST_STATUS.running, startedAt: sql`now()` })
      .where(and(eq(broadcasts.id, request.id), eq(broadcasts.status, BROADCAST_STATUS.draft)))
      .returning();
    const row = started[0];
    if (!row) throw await stateError(tx, request.id);
    const audience = audienceOf(row);
    if (!audience) throw new BroadcastStateError(request.id, BROADCAST_STATUS.draft);
    await tx.execute(sql`
      insert into ${broadcastRecipients} (broadcast_id, user_id, status)
      select ${row.id}, ${users.id}, ${RECIPIENT_STATUS.pending} from ${users}
      where ${audienceCondition(audience, { now: request.now, defaultLocale: request.defaultLocale }, recipientRuleOf(row))}`);
    const counted = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(broadcastRecipients)
      .where(eq(broadcastRecipients.broadcastId, row.id));
    const total = counted[0]?.n ?? 0;
    if (total === 0) throw new EmptyAudienceError(row.id);
    const updated = await tx.update(broadcasts).set({ total }).where(eq(broadcasts.id, row.id)).returning();
    await recordAdminAction(tx, {
      adminTelegramId: request.adminTelegramId,
      action: ADMIN_ACTIONS.broadcastStarted,
      target: `broadcast:${row.id}`,
      before: { status: BROADCAST_STATUS.draft },
      after: { status: BROADCAST_STATUS.running, audience: audienceKey(audience), essential: row.essential, total, button: row.buttonUrl },
    });
    return updated[0] ?? row;
  });
}

/** Remembers the admin's progress message, edited from then on by whichever worker runs. */
export async function setProgressMessage(db: Executor, id: number, chatId: number, messageId: number): Promise<void> {
  await db.update(broadcasts).set({ progressChatId: chatId, progressMessageId: messageId }).where(eq(broadcasts.id, id));
}

/** Stops claiming new recipients; sends already in flight finish. */
export function pauseBroadcast(db: Database, request: { id: number; adminTelegramId: number }): Promise<Broadcast> {
  return transitionAudited(db, request, [BROADCAST_STATUS.running], BROADCAST_STATUS.paused, ADMIN_ACTIONS.broadcastPaused);
}

/** Continues a paused broadcast where it stopped; the caller then starts a worker step. */
export function resumeBroadcast(db: Database, request: { id: number; adminTelegramId: number }): Promise<Broadcast> {
  return transitionAudited(db, request, [BROADCAST_STATUS.paused], BROADCAST_STATUS.running, ADMIN_ACTIONS.broadcastResumed);
}

/** Ends it for good; recipients still pending get nothing. */
export function cancelBroadcast(db: Database, request: { id: number; adminTelegramId: number }): Promise<Broadcast> {
  return transitionAudited(
    db,
    request,
    [BROADCAST_STATUS.running, BROADCAST_STATUS.paused],
    BROADCAST_STATUS.cancelled,
    ADMIN_ACTIONS.broadcastCancelled,
  );
}

/**
 * Marks a running broadcast completed once nobody is left to send to. Exactly one caller gets the row
 * back, however many workers finish at the same moment.
 */
export async function completeIfDone(db: Executor, id: number): Promise<Broadcast | undefined> {
  const rows = await db
    .update(broadcasts)
    .set({ status: BROADCAST_STATUS.completed, finishedAt: sql`now()` })
    .where(
      and(
        eq(broadcasts.id, id),
        eq(broadcasts.status, BROADCAST_STATUS.running),
        sql`not exists (select 1 from ${broadcastRecipients}
          where ${broadcastRecipients.broadcastId} = ${id}
          and ${broadcastRecipients.status} in ${[RECIPIENT_STATUS.pending, RECIPIENT_STATUS.sending]})`,
      ),
    )
    .returning();
  return rows[0];
}

/** Claims the one summary of a finished broadcast: true for exactly one caller. */
export async function claimSummary(db: Executor, id: number): Promise<Broadcast | undefined> {
  const rows = await db
    .update(broadcasts)
    .set({ summarySentAt: sql`now()` })
    .where(
      and(
        eq(broadcasts.id, id),
        sql`${broadcasts.summarySentAt} is null`,
        inArray(broadcasts.status, [BROADCAST_STATUS.completed, BROADCAST_STATUS.cancelled]),
      ),
    )
    .returning();
  return rows[0];
}

/** Broadcasts a worker should be sending: the sweeper restarts their chains after a crash. */
export async function runningBroadcastIds(db: Executor): Promise<number[]> {
  const rows = await db.select({ id: broadcasts.id }).from(broadcasts).where(eq(broadcasts.status, BROADCAST_STATUS.running));
  return rows.map((r) => r.id);
}

async function updateDraft(db: Executor, id: number, patch: Partial<typeof broadcasts.$inferInsert>): Promise<Broadcast> {
  const rows = await db
    .update(broadcasts)
    .set(patch)
    .where(and(eq(broadcasts.id, id), eq(broadcasts.status, BROADCAST_STATUS.draft)))
    .returning();
  if (!rows[0]) throw await stateError(db, id);
  return rows[0];
}

async function transitionAudited(
  db: Database,
  request: { id: number; adminTelegramId: number },
  from: readonly BroadcastStatus[],
  to: BroadcastStatus,
  action: AdminAction,
): Promise<Broadcast> {
  return db.transaction(async (tx) => {
    const before = await tx.select({ status: broadcasts.status }).from(broadcasts).where(eq(broadcasts.id, request.id)).for("update");
    if (!before[0]) throw new BroadcastNotFoundError(request.id);
    const rows = await tx
      .update(broadcasts)
      .set({ status: to, ...(to === BROADCAST_STATUS.cancelled ? { finishedAt: sql`now()` } : {}) })
      .where(and(eq(broadcasts.id, request.id), inArray(broadcasts.status, [...from])))
      .returning();
    const row = rows[0];
    if (!row) throw new BroadcastStateError(request.id, before[0].status);
    await recordAdminAction(tx, {
      adminTelegramId: request.adminTelegramId,
      action,
      target: `broadcast:${request.id}`,
      before: { status: before[0].status },
      after: { status: to },
    });
    return row;
  });
}

async function stateError(db: Executor, id: number): Promise<Error> {
  const rows = await db.select({ status: broadcasts.status }).from(broadcasts).where(eq(broadcasts.id, id)).limit(1);
  return rows[0] ? new BroadcastStateError(id, rows[0].status) : new BroadcastNotFoundError(id);
}

/** Finished broadcasts whose summary was never sent (the worker that finished one died first). */
export async function unsummarizedBroadcastIds(db: Executor): Promise<number[]> {
  const rows = await db
    .select({ id: broadcasts.id })
    .from(broadcasts)
    .where(
      and(
        inArray(broadcasts.status, [BROADCAST_STATUS.completed, BROADCAST_STATUS.cancelled]),
        sql`${broadcasts.summarySentAt} is null`,
        sql`${broadcasts.startedAt} is not null`,
      ),
    );
  return rows.map((r) => r.id);
}
