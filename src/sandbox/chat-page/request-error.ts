import type { z } from "zod";

/**
 * A request the chat page API refuses, with a message meant for the person using the page; the HTTP
 * server's error handler shows 4xx messages as they are.
 */
export class ChatPageRequestError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = "ChatPageRequestError";
  }
}

/** Parses input with a zod schema; a failure becomes a 400 naming each bad field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message));
  throw new ChatPageRequestError(400, problems.join("; "));
}
