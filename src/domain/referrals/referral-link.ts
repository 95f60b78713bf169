import { randomBytes } from "node:crypto";

/** Deep-link payloads that carry a referral code start with this; other /start payloads are not ours. */
export const REFERRAL_PAYLOAD_PREFIX = "r_";

/** Lower-case RFC 4648 base32: 32 symbols, so one random byte masked to 5 bits picks one uniformly. */
const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

/** 10 symbols = 50 random bits: unguessable for the lifetime of the service, short enough to share. */
export const REFERRAL_CODE_LENGTH = 10;

/** Codes are looked up, never parsed, so accept a range of lengths in case the length ever changes. */
const PAYLOAD_PATTERN = new RegExp(`^${REFERRAL_PAYLOAD_PREFIX}([${ALPHABET}]{6,32})$`);

/**
 * A fresh random referral code. It is drawn from the system's CSPRNG and has no relation to the
 * owner's Telegram id, so a link reveals nothing about who shared it (privacy policy §2.4).
 */
export function generateReferralCode(): string {
  return [...randomBytes(REFERRAL_CODE_LENGTH)].map((byte) => ALPHABET[byte & 31]).join("");
}

/** The code inside a /start payload, or undefined when the payload is not a referral link. */
export function referralCodeFromPayload(payload: string): string | undefined {
  return PAYLOAD_PATTERN.exec(payload.trim())?.[1];
}

/** The link a user shares: opening it starts the bot with the code as the /start payload. */
export function referralLink(botUsername: string, code: string): string {
  return `https://t.me/${botUsername}?start=${REFERRAL_PAYLOAD_PREFIX}${code}`;
}

/** Telegram's share sheet for the link, with a text the recipient sees next to it. */
export function shareUrl(link: string, text: string): string {
  return `https://t.me/share/url?url=${encodeURIComponent(link)}&text=${encodeURIComponent(text)}`;
}
