/**
 * A minimal Fluent reader for the locale checks: message id → its source text (value and attributes,
 * continuation lines included). Comments and blank lines are skipped.
 */
export function parseFtl(source: string): Map<string, string> {
  const messages = new Map<string, string>();
  let current: string | undefined;
  for (const line of source.split("\n")) {
    const start = /^([a-zA-Z][a-zA-Z0-9_-]*)\s*=(.*)$/.exec(line);
    if (start) {
      current = start[1] as string;
      messages.set(current, (start[2] ?? "").trim());
    } else if (current && /^\s+\S/.test(line)) {
      messages.set(current, `${messages.get(current) ?? ""}\n${line.trim()}`);
    } else if (line.startsWith("#") || line.trim() === "") {
      if (line.startsWith("#")) current = undefined;
    } else {
      throw new Error(`unexpected FTL line: ${line}`);
    }
  }
  return messages;
}
