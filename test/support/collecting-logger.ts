import { createLogger, type Logger } from "../../src/infra/logger.js";

/** A real pino logger (with the service's redaction) whose lines are kept for assertions. */
export function collectingLogger(secrets: ReadonlyArray<string | undefined>, level = "info"): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({
    level,
    secrets,
    destination: {
      write(line: string) {
        lines.push(line);
        if (process.env.TEST_LOGS) process.stdout.write(line);
      },
    },
  });
  return { logger, lines };
}
