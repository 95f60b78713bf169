import { eq, inArray } from "drizzle-orm";
import { broadcastRecipients, users } from "../../../src/db/schema/index.js";
import { chooseAudience, createBroadcastDraft, setEssential, startBroadcast, type Broadcast } from "../../../src/domain/broadcasts/broadcast-lifecycle.js";
import type { Audience } from "../../../src/domain/broadcasts/audience.js";
import type { BroadcastDelivery, BroadcastSender, SendOutcome } from "../../../src/domain/broadcasts/broadcast-engine.js";
import type { MoneyDatabase } from "../database-fixture.js";

export const ADMIN = 4242;

/**
 * Users who may receive optional broadcasts (consent given, opted in, reachable), and the only ones:
 * everyone created before is opted out, so each test's broadcast reaches exactly its own users.
 */
export async function reachableUsers(m: MoneyDatabase, count: number, firstTelegramId: number): Promise<Array<{ id: number; telegramId: number }>> {
  await m.db.update(users).set({ broadcastOptIn: false });
  const created: Array<{ id: number; telegramId: number }> = [];
  for (let i = 0; i < count; i++) {
    const telegramId = firstTelegramId + i;
    created.push({ id: await m.createUser(telegramId), telegramId });
  }
  await m.db
    .update(users)
    .set({ acceptedPolicyVersion: 1, broadcastOptIn: true })
    .where(inArray(users.id, created.map((c) => c.id)));
  return created;
}

/** A running broadcast to `audience`, as the wizard leaves it after "Start"; `essential` makes it a confirmed service notice. */
export async function runningBroadcast(m: MoneyDatabase, audience: Audience = { kind: "all" }, options: { essential?: boolean } = {}): Promise<Broadcast> {
  const draft = await createBroadcastDraft(m.db, {
    adminTelegramId: ADMIN,
    sourceChatId: ADMIN,
    sourceMessageId: 1,
    contentKind: "text",
    source: { text: "Our privacy policy changes on 1 May", entities: [{ type: "bold", offset: 4, length: 14 }] },
  });
  await chooseAudience(m.db, draft.id, audience);
  if (options.essential) await setEssential(m.db, draft.id, { essential: true, confirmedByAdmin: true });
  return startBroadcast(m.db, { id: draft.id, adminTelegramId: ADMIN, now: new Date(), defaultLocale: "en" });
}

/** Recipient rows of a broadcast by user id. */
export async function recipientsOf(m: MoneyDatabase, broadcastId: number) {
  const rows = await m.db.select().from(broadcastRecipients).where(eq(broadcastRecipients.broadcastId, broadcastId));
  return new Map(rows.map((r) => [r.userId, r]));
}

/**
 * Telegram's side for the engine: answers each chat from a script (default: sent), and records every
 * send, so a test can count deliveries per chat.
 */
export class ScriptedSender implements BroadcastSender {
  readonly sends: Array<{ chatId: number; at: number; outcome: SendOutcome["kind"]; serviceNoticeLabel: string | undefined }> = [];
  private readonly scripts = new Map<number, SendOutcome[]>();
  private nextMessageId = 1;
  /** Called after each send with the number of sends so far (a test's trigger: "after 5 sends, pause"). */
  onSend: ((count: number) => void) | undefined;

  constructor(private readonly latencyMs = 0) {}

  /** The next answers for this chat, in order; after them, "sent". */
  script(chatId: number, ...outcomes: SendOutcome[]): void {
    this.scripts.set(chatId, [...(this.scripts.get(chatId) ?? []), ...outcomes]);
  }

  async send(_broadcast: Broadcast, { chatId, serviceNoticeLabel }: BroadcastDelivery): Promise<SendOutcome> {
    const at = Date.now();
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    const outcome = this.scripts.get(chatId)?.shift() ?? { kind: "sent", messageId: this.nextMessageId++ };
    this.sends.push({ chatId, at, outcome: outcome.kind, serviceNoticeLabel });
    this.onSend?.(this.sends.length);
    return outcome;
  }

  deliveredTo(chatId: number): number {
    return this.sends.filter((s) => s.chatId === chatId && s.outcome === "sent").length;
  }
}
