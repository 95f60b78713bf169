import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { StoredReference } from "../../../db/schema/index.js";

/** A file URL stays valid this long, so a feed left open keeps its images. */
const TICKET_LIFETIME_SECONDS = 6 * 3600;
/** Expiries are rounded up to this step, so one file keeps one URL for a while and browsers cache it. */
const TICKET_STEP_SECONDS = 3600;
/** An uploaded reference has to be used within this time. */
const REFERENCE_LIFETIME_SECONDS = 24 * 3600;

const referenceSchema = z.object({
  fileId: z.string().min(1).max(256),
  fileUniqueId: z.string().min(1).max(256),
  kind: z.enum(["photo", "document"]),
  fileSize: z.number().int().nonnegative().optional(),
  mimeType: z.string().max(100).optional(),
  fileName: z.string().max(255).optional(),
});
const referencePayloadSchema = z.object({ t: z.number().int().positive(), e: z.number().int().positive(), r: referenceSchema });

/**
 * Short signed strings the Mini App API hands out and later takes back, so it needs no table for them:
 *
 * - file tickets: `<img src>` and downloads cannot send the Authorization header, so a file URL carries
 *   a ticket naming the user and the file. The file route still checks that the file belongs to that
 *   user; the ticket only stands in for the header.
 * - reference tokens: what an upload returns and a generation request sends back, so a reference
 *   image the client names is one this server stored for this user — not any file id it typed.
 *
 * The key is derived from the bot token (and a purpose label), so nothing new has to be configured and
 * nothing signed here verifies as initData or vice versa.
 */
export class SignedTokens {
  private readonly key: Buffer;

  constructor(
    botToken: string,
    private readonly now: () => number = () => Math.floor(Date.now() / 1000),
  ) {
    this.key = createHmac("sha256", "BananapicsMiniAppTokens").update(botToken).digest();
  }

  /** `<telegram id>.<expiry>.<signature>` for one file of one user. */
  fileTicket(telegramId: number, fileId: string): string {
    const expires = Math.ceil((this.now() + TICKET_LIFETIME_SECONDS) / TICKET_STEP_SECONDS) * TICKET_STEP_SECONDS;
    return `${telegramId}.${expires}.${this.sign(`file:${telegramId}:${fileId}:${expires}`)}`;
  }

  /** The Telegram user a ticket was issued to, or undefined when it is forged, for another file or expired. */
  readFileTicket(ticket: string, fileId: string): number | undefined {
    const match = /^(\d{1,16})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(ticket);
    if (!match) return undefined;
    const [, telegramId = "", expires = "", signature = ""] = match;
    if (!this.verify(`file:${telegramId}:${fileId}:${expires}`, signature)) return undefined;
    if (Number(expires) < this.now()) return undefined;
    return Number(telegramId);
  }

  /** A token for a reference image stored for `telegramId`. */
  referenceToken(telegramId: number, reference: StoredReference): string {
    const payload = Buffer.from(JSON.stringify({ t: telegramId, e: this.now() + REFERENCE_LIFETIME_SECONDS, r: reference })).toString("base64url");
    return `${payload}.${this.sign(`ref:${payload}`)}`;
  }

  /** The reference behind a token, if it was issued to `telegramId` and has not expired. */
  readReferenceToken(token: string, telegramId: number): StoredReference | undefined {
    const [payload, signature, ...rest] = token.split(".");
    if (payload === undefined || signature === undefined || rest.length > 0) return undefined;
    if (!this.verify(`ref:${payload}`, signature)) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    } catch {
      return undefined;
    }
    const parsed = referencePayloadSchema.safeParse(json);
    if (!parsed.success || parsed.data.t !== telegramId || parsed.data.e < this.now()) return undefined;
    return parsed.data.r;
  }

  private sign(message: string): string {
    return createHmac("sha256", this.key).update(message).digest("base64url");
  }

  private verify(message: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(message));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
