import { desc, inArray, sql } from "drizzle-orm";
import { LOCALES } from "../../config.js";
import type { Executor } from "../../db/client.js";
import { broadcastRecipients, broadcasts } from "../../db/schema/index.js";
import { isAudienceKind, type Audience } from "../broadcasts/audience.js";
import type { Broadcast } from "../broadcasts/broadcast-lifecycle.js";
import type { RecipientCounts } from "../broadcasts/recipients.js";
import type { RecipientStatus } from "../broadcasts/broadcast-status.js";

/** A page of broadcasts newest first, each with how many recipients are in each state. */
export async function listBroadcastsWithProgress(
  db: Executor,
  page: { limit: number; offset: number },
): Promise<{ items: Array<{ broadcast: Broadcast; counts: RecipientCounts }>; total: number }> {
  const [rows, counted] = await Promise.all([
    db.select().from(broadcasts).orderBy(desc(broadcasts.id)).limit(page.limit).offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(broadcasts),
  ]);
  const ids = rows.map((r) => r.id);
  const tallies =
    ids.length === 0
      ? []
      : await db
          .select({ broadcastId: broadcastRecipients.broadcastId, status: broadcastRecipients.status, n: sql<number>`count(*)::int` })
          .from(broadcastRecipients)
          .where(inArray(broadcastRecipients.broadcastId, ids))
          .groupBy(broadcastRecipients.broadcastId, broadcastRecipients.status);
  const counts = new Map<number, RecipientCounts>(
    ids.map((id) => [id, { pending: 0, sending: 0, sent: 0, blocked: 0, failed: 0, skipped: 0, total: 0 }]),
  );
  for (const tally of tallies) {
    const entry = counts.get(tally.broadcastId);
    if (!entry) continue;
    if (tally.status in entry) entry[tally.status as RecipientStatus] = tally.n;
    entry.total += tally.n;
  }
  return {
    items: rows.map((broadcast) => ({ broadcast, counts: counts.get(broadcast.id) ?? { pending: 0, sending: 0, sent: 0, blocked: 0, failed: 0, skipped: 0, total: 0 } })),
    total: counted[0]?.n ?? 0,
  };
}

/** The audience named by its key ("all", "active_7d", …, "language:ru"), the inverse of audienceKey; undefined when unknown. */
export function audienceFromKey(key: string): Audience | undefined {
  const [kind, locale] = key.split(":");
  if (kind === "language") {
    const known = LOCALES.find((l) => l === locale);
    return known ? { kind: "language", locale: known } : undefined;
  }
  if (locale !== undefined || !isAudienceKind(kind) || kind === "language") return undefined;
  return { kind };
}
