import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The admin panel's secrets on the wire: the session cookie (`<id>.<signature>`) and the CSRF token
 * derived from the session. Both are HMAC-SHA-256 under ADMIN_SESSION_SECRET, so a cookie cannot be
 * made up or altered without the secret, and the CSRF token is bound to one session.
 */
export class SessionTokens {
  constructor(private readonly secret: string) {
    if (secret.length < 32) throw new RangeError("the admin session secret must have at least 32 characters");
  }

  /** A new random session id (256 bits). */
  newSessionId(): string {
    return randomBytes(32).toString("base64url");
  }

  cookieValue(sessionId: string): string {
    return `${sessionId}.${this.sign("session", sessionId)}`;
  }

  /** The session id of a cookie value whose signature verifies; undefined otherwise. */
  readCookie(value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    const separator = value.indexOf(".");
    if (separator <= 0) return undefined;
    const sessionId = value.slice(0, separator);
    if (!/^[A-Za-z0-9_-]{43}$/.test(sessionId)) return undefined;
    return equal(value.slice(separator + 1), this.sign("session", sessionId)) ? sessionId : undefined;
  }

  /** What the panel sends back in `x-csrf-token` on every change. */
  csrfToken(sessionId: string): string {
    return this.sign("csrf", sessionId);
  }

  checkCsrf(sessionId: string, presented: string | undefined): boolean {
    return presented !== undefined && equal(presented, this.csrfToken(sessionId));
  }

  private sign(purpose: string, sessionId: string): string {
    return createHmac("sha256", this.secret).update(`${purpose}:${sessionId}`).digest("base64url");
  }
}

function equal(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
