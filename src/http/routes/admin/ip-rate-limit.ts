import { createHmac } from "node:crypto";
import type { KeyValueStore } from "../../../infra/kv/index.js";

/**
 * A fixed-window request limit per client address in the shared store, so every instance counts
 * together. The address is kept only as a keyed hash inside the counter's key, which expires with its
 * window (privacy policy 1.2): the store never holds an address, and without the secret the hash
 * cannot be turned back into one by trying the whole IPv4 space.
 */
export class IpRateLimit {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly options: { name: string; limit: number; windowMs: number; secret: string },
  ) {}

  /**
   * Counts one request: "ok" within the limit, "limited" over it, and "just_limited" for the first
   * request over it in a window (the one worth recording; the rest of a flood is only refused).
   */
  async check(ip: string): Promise<"ok" | "limited" | "just_limited"> {
    const key = createHmac("sha256", this.options.secret).update(`rate:${ip}`).digest("base64url").slice(0, 32);
    const count = await this.kv.incrementWindow(`admin:rate:${this.options.name}:${key}`, this.options.windowMs);
    if (count <= this.options.limit) return "ok";
    return count === this.options.limit + 1 ? "just_limited" : "limited";
  }
}
