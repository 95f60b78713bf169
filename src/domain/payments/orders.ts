import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { starOrders, type StarOrderRow } from "../../db/schema/index.js";
import type { PaymentSettings } from "../settings/business-settings.js";
import type { TopUpQuote } from "./top-up-amount.js";

/** The lifecycle of a top-up order. */
export const ORDER_STATUS = {
  /** Invoice sent, not paid yet. */
  pending: "pending",
  /** At least one charge was credited for it. */
  paid: "paid",
  /** Its charge was refunded and the credits taken back. */
  refunded: "refunded",
} as const;

export type StarOrder = StarOrderRow;

/** "ord_" and 24 base64url characters: 28 bytes, far below Telegram's 128-byte payload limit. */
const PAYLOAD_PATTERN = /^ord_[A-Za-z0-9_-]{24}$/;

/** True when a string has the shape of one of our payloads; anything else is refused without a query. */
function looksLikeOrderPayload(payload: string): boolean {
  return PAYLOAD_PATTERN.test(payload);
}

/**
 * Stores what the user confirmed, before the invoice is sent. The payload is random (18 bytes), so an
 * order cannot be guessed; pre-checkout still checks that the payer owns it.
 */
export async function createOrder(
  db: Executor,
  order: { userId: number; quote: TopUpQuote },
  settings: Pick<PaymentSettings, "orderTtlSeconds">,
  now: Date = new Date(),
): Promise<StarOrder> {
  const rows = await db
    .insert(starOrders)
    .values({
      payload: `ord_${randomBytes(18).toString("base64url")}`,
      userId: order.userId,
      stars: order.quote.stars,
      credits: order.quote.credits,
      status: ORDER_STATUS.pending,
      createdAt: now,
      expiresAt: new Date(now.getTime() + settings.orderTtlSeconds * 1000),
    })
    .returning();
  const created = rows[0];
  if (!created) throw new Error("order insert returned no row");
  return created;
}

/** The order an invoice payload names (one indexed lookup), or undefined for unknown and malformed payloads. */
export async function findOrderByPayload(db: Executor, payload: string): Promise<StarOrder | undefined> {
  if (!looksLikeOrderPayload(payload)) return undefined;
  const rows = await db.select().from(starOrders).where(eq(starOrders.payload, payload)).limit(1);
  return rows[0];
}
