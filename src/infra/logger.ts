import { pino, type Logger, type DestinationStream } from "pino";

export type { Logger };

export interface LoggerOptions {
  level: string;
  /** Values that must never reach a log line (bot token, provider key, secrets), whatever field holds them. */
  secrets: ReadonlyArray<string | undefined>;
  destination?: DestinationStream;
}

/** Field names whose values are dropped wherever they appear (headers, payloads, config dumps). */
const REDACTED_PATHS = [
  "token",
  "botToken",
  "apiKey",
  "secret",
  "password",
  "authorization",
  "*.token",
  "*.botToken",
  "*.apiKey",
  "*.secret",
  "*.password",
  "*.authorization",
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-telegram-bot-api-secret-token"]',
  'headers["x-telegram-bot-api-secret-token"]',
  // A failed Bot API call (GrammyError) carries its request: message texts, captions, prompts, chat ids.
  // The method and Telegram's description say what went wrong; what the user wrote is not needed.
  "err.payload",
  "*.err.payload",
  // Client IP addresses are used only as short-lived rate-limit keys, never kept (privacy policy 1.2, 9;
  // docs/privacy.md): whatever field a caller puts one in under these names, it does not reach a log.
  "ip",
  "*.ip",
  "remoteAddress",
  "*.remoteAddress",
  'req.headers["x-forwarded-for"]',
  'req.headers["x-real-ip"]',
  'headers["x-forwarded-for"]',
  'headers["x-real-ip"]',
];

/**
 * JSON logs through pino. Key-based redaction catches structured fields; the final pass over each
 * serialized line catches a secret that slipped into free text (an error message quoting a URL with
 * the bot token in it, for instance).
 */
export function createLogger(options: LoggerOptions): Logger {
  const secrets = options.secrets.filter((s): s is string => typeof s === "string" && s.length >= 6);
  return pino(
    {
      level: options.level,
      base: { service: "bananapics" },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      hooks: {
        streamWrite: (line) => scrubSecrets(line, secrets),
      },
    },
    options.destination,
  );
}

export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join("[redacted]");
  }
  return out;
}
