import { ConfigError, createConfig } from "../../src/config.js";

/** The problems createConfig reports for this environment (one line per bad variable), or none. */
export function problemsOf(env: Record<string, string>): string[] {
  try {
    createConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
