/**
 * Callback data is "<feature>:<action>[:<arg>…]", at most 64 bytes. Features build it with `cb` and
 * match it with `cbPattern`, so no handler parses strings by hand and a forged value simply matches
 * nothing.
 */
export function cb(feature: string, action: string, ...args: Array<string | number>): string {
  const data = [feature, action, ...args.map(String)].join(":");
  if (Buffer.byteLength(data, "utf8") > 64) throw new Error(`callback data too long: ${data}`);
  return data;
}

/** A RegExp for `bot.callbackQuery`: the feature and action exactly, with the given argument patterns captured. */
export function cbPattern(feature: string, action: string, ...argPatterns: string[]): RegExp {
  const args = argPatterns.map((p) => `:(${p})`).join("");
  return new RegExp(`^${escapeRegExp(feature)}:${escapeRegExp(action)}${args}$`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
