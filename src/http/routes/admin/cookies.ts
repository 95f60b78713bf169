/**
 * The two cookie operations the admin panel needs, without a cookie plugin: reading a Cookie header
 * and writing one Set-Cookie value (RFC 6265). Names and values are restricted to what the panel
 * writes itself, so nothing needs quoting.
 */

/** The cookies of a request by name; the first occurrence of a name wins, malformed pairs are skipped. */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (header === undefined) return cookies;
  for (const pair of header.split(";")) {
    const separator = pair.indexOf("=");
    if (separator <= 0) continue;
    const name = pair.slice(0, separator).trim();
    let value = pair.slice(separator + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    if (name === "" || cookies.has(name)) continue;
    cookies.set(name, value);
  }
  return cookies;
}

export interface CookieOptions {
  path: string;
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite: "Strict" | "Lax";
}

const TOKEN = /^[A-Za-z0-9._~-]+$/;

/** One Set-Cookie header value. Throws on a name or value outside the safe alphabet instead of escaping it. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  if (!TOKEN.test(name)) throw new Error(`cookie name ${JSON.stringify(name)} is not a plain token`);
  if (value !== "" && !TOKEN.test(value)) throw new Error(`cookie ${name} has characters that would need escaping`);
  const parts = [`${name}=${value}`, `Path=${options.path}`, `Max-Age=${Math.max(0, Math.floor(options.maxAge))}`, `SameSite=${options.sameSite}`];
  if (options.httpOnly) parts.push("HttpOnly");
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}
