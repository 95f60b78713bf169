import * as Sentry from "@sentry/node";

/** Where handler and job errors go besides the log: Sentry when configured, nowhere otherwise. */
export interface ErrorReporter {
  capture(error: unknown, context: Record<string, string | number | undefined>): void;
  flush(timeoutMs: number): Promise<void>;
}

export function createErrorReporter(dsn: string | undefined, secrets: readonly (string | undefined)[]): ErrorReporter {
  if (!dsn) return { capture: () => undefined, flush: async () => undefined };
  const known = secrets.filter((s): s is string => typeof s === "string" && s.length >= 6);
  Sentry.init({
    dsn,
    sendDefaultPii: false,
    tracesSampleRate: 0,
    // Error messages can quote URLs that embed the bot token; scrub before anything leaves the server.
    beforeSend(event) {
      const serialized = JSON.stringify(event);
      if (!known.some((s) => serialized.includes(s))) return event;
      let scrubbed = serialized;
      for (const s of known) scrubbed = scrubbed.split(s).join("[redacted]");
      return JSON.parse(scrubbed) as typeof event;
    },
  });
  return {
    capture(error, context) {
      Sentry.withScope((scope) => {
        for (const [k, v] of Object.entries(context)) if (v !== undefined) scope.setTag(k, String(v));
        Sentry.captureException(error);
      });
    },
    async flush(timeoutMs) {
      await Sentry.flush(timeoutMs);
    },
  };
}
