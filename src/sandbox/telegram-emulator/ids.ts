import { createHash, randomBytes } from "node:crypto";

/** Opaque random text in the alphabet Telegram uses for file ids and charge ids. */
export function randomToken(bytes: number): string {
  return randomBytes(bytes).toString("base64url");
}

/**
 * Decimal id strings like Telegram's callback and pre-checkout query ids: unique within the process
 * because a counter is part of them, unpredictable enough that tests cannot hard-code them.
 */
export function createNumericIdSource(): () => string {
  let counter = 0;
  const prefix = 1_000_000 + Math.floor(Math.random() * 8_000_000);
  return () => {
    counter += 1;
    return `${prefix}${String(counter).padStart(12, "0")}`;
  };
}

/** A short stable digest, so the same content always gets the same file_unique_id. */
export function stableDigest(...parts: Array<string | Buffer>): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest("base64url");
}

/** media_group_id values, shared by user albums and bot albums so they never collide. */
export const nextMediaGroupId = createNumericIdSource();
