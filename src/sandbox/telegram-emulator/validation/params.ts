import { badRequest } from "../api-error.js";

/**
 * Typed access to request parameters. The Bot API server treats every parameter as text and parses it
 * per method, so a JSON number, a numeric string and a multipart field must all read the same here.
 */
export class Params {
  constructor(private readonly fields: Record<string, unknown>) {}

  has(name: string): boolean {
    const value = this.fields[name];
    return value !== undefined && value !== null && value !== "";
  }

  string(name: string): string | undefined {
    const value = this.fields[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    return JSON.stringify(value);
  }

  /** A string that must be present and non-empty, failing as the Bot API does for required parameters. */
  requiredString(name: string): string {
    const value = this.string(name);
    if (value === undefined || value === "") throw badRequest(`parameter "${name}" is required`);
    return value;
  }

  integer(name: string): number | undefined {
    const value = this.fields[name];
    if (value === undefined || value === null || value === "") return undefined;
    const parsed = typeof value === "number" ? value : Number(String(value).trim());
    if (!Number.isSafeInteger(parsed)) throw badRequest(`invalid ${name} specified`);
    return parsed;
  }

  /** Telegram's reading of booleans: "true", "yes" and "1" (any case) are true, everything else false. */
  boolean(name: string): boolean {
    const value = this.fields[name];
    if (typeof value === "boolean") return value;
    if (typeof value === "number") return value === 1;
    if (typeof value !== "string") return false;
    return ["true", "yes", "1"].includes(value.trim().toLowerCase());
  }

  /** An object or array parameter, given either as JSON value or as JSON text; `errorMessage` on bad JSON. */
  json(name: string, errorMessage: string): unknown {
    const value = this.fields[name];
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value !== "string") return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw badRequest(errorMessage);
    }
  }

  /** chat_id as a number, or an @username string for channels. */
  chatId(name = "chat_id"): number | string {
    const value = this.string(name)?.trim();
    if (value === undefined || value === "") throw badRequest(`${name} is empty`);
    if (value.startsWith("@")) return value;
    const parsed = Number(value);
    if (!Number.isSafeInteger(parsed)) throw badRequest("chat not found");
    return parsed;
  }

  /** message_id that must be present, with Telegram's wording when it is missing. */
  messageId(name = "message_id"): number {
    const value = this.integer(name);
    if (value === undefined || value <= 0) throw badRequest("message identifier is not specified");
    return value;
  }
}
